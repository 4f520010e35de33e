"""lint.shellcheck: shellcheck over the bash hook, as a file
(segment/shell/hooks/gostatus.bash, notify.bash) and as `gostatus init bash`
prints it with each combination of its flags (the placeholders filled in,
--notify's addition inside). Without shellcheck it skips (exit 77) with a
reason; tests/e2e/run_logged.py turns that skip into a failure under CI=true.
Findings kept on purpose are disabled in the script, each with its reason."""
import itertools
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("GOSTATUS_SRC") or os.path.dirname(HERE)
HOOKS = os.path.join(SRC, "segment", "shell", "hooks")
PASS, FAIL, SKIP = 0, 1, 77


def shellcheck(shellcheck_bin, path, label):
    p = subprocess.run([shellcheck_bin, "--shell=bash", "--severity=style", "--norc", path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    if p.returncode == 0:
        print("ok: " + label)
        return True
    print("FAIL: shellcheck finds fault with " + label + ":\n" + p.stdout)
    return False


def main():
    sc = shutil.which("shellcheck")
    if not sc:
        print("SKIP: shellcheck is not installed (scripts/deps.sh installs it)")
        return SKIP
    gs = os.environ.get("GOSTATUS_BIN")
    if not gs or not os.path.exists(gs):
        print("FAIL: GOSTATUS_BIN does not name the gostatus binary: %r" % gs)
        return FAIL
    ok = True
    for name in ("gostatus.bash", "notify.bash"):
        ok &= shellcheck(sc, os.path.join(HOOKS, name), "segment/shell/hooks/" + name)
    flags = ["--notify", "--always", "--no-skip"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(len(flags) + 1):
            for combo in itertools.combinations(flags, n):
                for extra in ([], ["--glyphs", "nerd"]):
                    argv = [gs, "init", "bash"] + list(combo) + extra
                    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
                    label = "`gostatus init bash %s`" % " ".join(list(combo) + extra)
                    if p.returncode != 0 or not p.stdout:
                        print("FAIL: %s exited %d: %r" % (label, p.returncode, p.stderr))
                        ok = False
                        continue
                    path = os.path.join(tmp, "init.bash")
                    with open(path, "wb") as f:
                        f.write(p.stdout)
                    ok &= shellcheck(sc, path, label)
    print("lint.shellcheck: %s" % ("passed" if ok else "FAILED"))
    return PASS if ok else FAIL


if __name__ == "__main__":
    sys.exit(main())
