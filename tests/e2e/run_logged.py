"""Runs one e2e script, copying its output to $GOSTATUS_E2E_LOGDIR/<name>.log
so scripts/test.sh can show each suite's summary line and the parts it did
not run (ctest shows a passing test's output only when asked to be
verbose). Exit code: the script's, except under CI=true, where a skip (77)
or a pass with parts not run is a failure (gostatus_e2e.ci_verdict)."""
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

script = sys.argv[1]
t0 = time.monotonic()
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
    # Where the suite's time goes: wall clock against the CPU of its reaped
    # processes (a suite far below wall x cores waits, one near it computes).
    # A file of its own: the log's last line is the suite's counts.
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.path.join(logdir, name + ".time"), "w") as f:
        f.write("%s\twall %.1f s\tcpu %.1f s (user %.1f, sys %.1f)\tloadavg %s\n" % (
            name, time.monotonic() - t0, ru.ru_utime + ru.ru_stime, ru.ru_utime, ru.ru_stime,
            " ".join("%.2f" % x for x in os.getloadavg())))
sys.exit(rc)
