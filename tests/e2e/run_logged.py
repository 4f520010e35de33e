"""Runs one e2e script, copying its output to $GOSTATUS_E2E_LOGDIR/<name>.log
so scripts/test.sh can show each suite's summary line and the parts it did
not run (ctest shows a passing test's output only when asked to be
verbose). Exit code: the script's, except under CI=true, where a skip (77)
or a pass with parts not run is a failure (gostatus_e2e.ci_verdict)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

script = sys.argv[1]
logdir = os.environ.get("GOSTATUS_E2E_LOGDIR")
proc = subprocess.Popen([sys.executable, script] + sys.argv[2:], stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
log = None
if logdir:
    os.makedirs(logdir, exist_ok=True)
    name = os.path.splitext(os.path.basename(script))[0]
    log = open(os.path.join(logdir, name + ".log"), "wb")
out = []


def emit(data):
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if log:
        log.write(data)


for chunk in iter(lambda: proc.stdout.read1(65536), b""):
    out.append(chunk)
    emit(chunk)
rc, why = e2e.ci_verdict(proc.wait(), b"".join(out).decode("utf-8", "replace"))
if why:
    emit(("FAIL: %s\n" % why).encode())
if log:
    log.close()
sys.exit(rc)
