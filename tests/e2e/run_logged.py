"""Runs one e2e script, copying its output to $GOSTATUS_E2E_LOGDIR/<name>.log
so scripts/test.sh can show each suite's summary line (ctest shows a passing
test's output only when asked to be verbose). Exit code: the script's."""
import os
import subprocess
import sys

script = sys.argv[1]
logdir = os.environ.get("GOSTATUS_E2E_LOGDIR")
proc = subprocess.Popen([sys.executable, script] + sys.argv[2:], stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
log = None
if logdir:
    os.makedirs(logdir, exist_ok=True)
    name = os.path.splitext(os.path.basename(script))[0]
    log = open(os.path.join(logdir, name + ".log"), "wb")
for chunk in iter(lambda: proc.stdout.read1(65536), b""):
    sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
    if log:
        log.write(chunk)
rc = proc.wait()
if log:
    log.close()
sys.exit(rc)
