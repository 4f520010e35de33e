#!/usr/bin/env python3
"""gostatus must never start a process: not go, not a shell, nothing.

A real SDK `go` is put first on PATH (reached in several ways, including ones
where the answer is an error), gostatus runs under

    strace -f -e trace=execve,execveat,fork,vfork,clone,clone3 -o FILE

and the trace must show exactly one execve (strace starting gostatus itself)
and no process creation. Threads (clone/clone3 with CLONE_THREAD) are
allowed and counted. Exit: 0 pass, 1 fail, 77 skip (no strace, or ptrace is
not permitted here, or no SDK).
"""

import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

SYSCALLS = "execve,execveat,fork,vfork,clone,clone3"
CALL_RE = re.compile(r"^(\d+)\s+(execve|execveat|fork|vfork|clone|clone3)\((.*)$")


def check_strace():
    strace = shutil.which("strace")
    if not strace:
        e2e.skip("strace is not installed (apt-get install strace)")
    r = e2e.run([strace, "-f", "-o", "/dev/null", "/bin/true"], {"PATH": "/usr/bin:/bin"}, "/")
    if r.rc != 0:
        e2e.skip("strace cannot trace here (%s): %s" % (r.status(), r.stderr.decode("utf-8", "replace").strip()))
    return strace


def analyze_trace(text, gs_bin):
    """Returns (problems, execs, threads)."""
    problems, execs, threads = [], [], 0
    for line in text.splitlines():
        m = CALL_RE.match(line)
        if not m:
            continue
        call, rest = m.group(2), m.group(3)
        if call in ("execve", "execveat"):
            execs.append(line)
        elif call in ("clone", "clone3") and "CLONE_THREAD" in rest:
            threads += 1
        else:
            problems.append("process creation: " + line)
    if len(execs) != 1:
        problems.append("%d execve calls, want exactly 1 (gostatus itself):\n      %s"
                        % (len(execs), "\n      ".join(execs) or "(none)"))
    elif not (execs[0].split("(", 1)[1].startswith('"%s"' % gs_bin) and execs[0].rstrip().endswith("= 0")):
        problems.append("the one execve is not gostatus starting: " + execs[0])
    return problems, execs, threads


def main():
    strace = check_strace()
    sdks = e2e.find_sdks()
    if not sdks:
        e2e.skip("no Go SDK installed (looked for /usr/lib/go-1.*/bin/go)")
    gs_bin = e2e.gostatus_bin()
    # The oldest and the newest SDK are enough: the rules differ most there.
    picked = [sdks[0]] + ([sdks[-1]] if len(sdks) > 1 else [])

    root = e2e.make_temp_root("gostatus-nospawn-")
    failures, runs = [], 0
    try:
        for sdk in picked:
            layouts = []
            # 1. go straight from the SDK, 2. through a symlink, 3. a copy of
            # the binary outside any GOROOT (go1.21+: the error path),
            # 4. no go at all.
            d = os.path.join(root, sdk.tag)
            os.makedirs(os.path.join(d, "link"))
            os.symlink(sdk.go, os.path.join(d, "link", "go"))
            os.makedirs(os.path.join(d, "copy"))
            shutil.copy2(sdk.go, os.path.join(d, "copy", "go"))
            os.makedirs(os.path.join(d, "empty"))
            layouts = [("sdk-bin", os.path.join(sdk.root, "bin")),
                       ("symlink", os.path.join(d, "link")),
                       ("copied-binary", os.path.join(d, "copy")),
                       ("no-go", os.path.join(d, "empty"))]
            argvs = [[], ["env", "GOROOT"], ["env"] + e2e.SUPPORTED_NAMES,
                     ["env", "-json"] + e2e.SUPPORTED_NAMES, ["env", "GOVERSION", "GOTOOLCHAIN"]]
            for lname, pathdir in layouts:
                home = os.path.join(d, "home-" + lname)
                os.makedirs(home)
                env = {"PATH": pathdir + ":/usr/bin:/bin", "HOME": home}
                for args in argvs:
                    # Twice: a cold and a warm run (in case gostatus caches).
                    for attempt in ("cold", "warm"):
                        runs += 1
                        tfile = os.path.join(d, "trace-%d.txt" % runs)
                        argv = [strace, "-f", "-e", "trace=" + SYSCALLS, "-o", tfile, "--", gs_bin] + args
                        r = e2e.run(argv, env, home)
                        try:
                            with open(tfile, "r", errors="replace") as f:
                                text = f.read()
                        except OSError:
                            text = ""
                        problems, execs, threads = analyze_trace(text, gs_bin)
                        if r.crashed:
                            problems.append("gostatus %s" % r.status())
                        label = "%s/%s %s [%s]" % (sdk.tag, lname, " ".join(["gostatus"] + args)[:70], attempt)
                        if problems:
                            failures.append((label, problems, r, env))
                            print("FAIL %s" % label)
                        elif "-v" in sys.argv:
                            print("ok   %s (%s, %d thread(s))" % (label, r.status(), threads))
    finally:
        e2e.remove_tree(root)

    for label, problems, r, env in failures:
        print("\n=== %s" % label)
        for p in problems:
            print("  - " + p)
        print("  env: %s" % e2e.quote_env(env))
        print("  gostatus %s, stdout %s, stderr %s" % (r.status(), e2e.show(r.stdout, 300), e2e.show(r.stderr, 300)))
    print("nospawn: %d runs, %d passed, %d failed" % (runs, runs - len(failures), len(failures)))
    return e2e.FAIL if failures else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
