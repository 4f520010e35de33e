#!/usr/bin/env python3
"""Steady-state cost of one prompt render's hook, in bash, zsh and fish.

Not a test: it prints numbers and asserts nothing about them.

For each shell, with a 40-entry PATH (39 empty directories, then a Go SDK's
bin), three hooks are called in a loop inside one shell process:
  empty     a function that does nothing
  noop      a function that runs a static no-op binary (bench/hooks/noop.c)
  gostatus  gostatus's own prompt hook (gostatus init SHELL), after it has
            settled, so every call takes the skip path (no process)
  gostatus --no-skip   the same hook, running gostatus on every call
Per-render cost = (time of N calls - time of 0 calls) / N, wall clock, the
median of 3 trials. Writes a markdown table to bench/results/hooks.md.

Usage: GOSTATUS_BIN=build/gostatus python3 bench/hooks/bench.py
"""

import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TRIALS = 3


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def script(shell, hook, gs, noop, n):
    """Shell code defining the hook and calling it n times."""
    if hook == "empty":
        define = {"fish": "function _h\nend\n"}.get(shell, "_h() { :; }\n")
    elif hook == "noop":
        define = {"fish": "function _h\n    command %s\nend\n" % sh_quote(noop)}.get(
            shell, "_h() { command %s; }\n" % sh_quote(noop))
    else:
        flags = " --no-skip" if hook == "gostatus-no-skip" else ""
        if shell == "fish":
            define = "%s init fish%s | source\nfunction _h\n    _gostatus_precmd\nend\n" % (sh_quote(gs), flags)
        else:
            define = 'eval "$(%s init %s%s)"\n_h() { _gostatus_precmd; }\n' % (sh_quote(gs), shell, flags)
    if shell == "fish":
        loop = "for i in (seq %d)\n    _h\nend\n" % n if n else ""
        check = "echo skip=$_gostatus_skip\n"
    else:
        loop = "for ((i = 0; i < %d; i++)); do _h; done\n" % n if n else ""
        check = 'echo "skip=${_gostatus_skip-}"\n'
    return define + loop + check


def argv(shell, path):
    return {"bash": ["bash", "--norc", "--noprofile", path], "zsh": ["zsh", "-f", path],
            "fish": ["fish", "--no-config", path]}[shell]


def timed(shell, text, env, tmp):
    path = os.path.join(tmp, "s." + shell)
    with open(path, "w") as f:
        f.write(text)
    t0 = time.perf_counter()
    r = subprocess.run(argv(shell, path), env=env, cwd=env["HOME"], capture_output=True, timeout=600)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError("%s: %s" % (shell, r.stderr.decode(errors="replace")))
    return t, r.stdout.decode(errors="replace").strip()


def per_render(shell, hook, gs, noop, env, tmp, n):
    samples, note = [], ""
    for _ in range(TRIALS):
        t0, _ = timed(shell, script(shell, hook, gs, noop, 0), env, tmp)
        tn, out = timed(shell, script(shell, hook, gs, noop, n), env, tmp)
        samples.append((tn - t0) / n)
        note = out
    return statistics.median(samples), note


def main():
    gs = os.path.abspath(os.environ.get("GOSTATUS_BIN", os.path.join(REPO, "build", "gostatus")))
    roots = sorted(glob.glob("/usr/lib/go-1.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
    if not roots:
        sys.exit("no Go SDK under /usr/lib/go-1.*")
    tmp = tempfile.mkdtemp(prefix="gostatus-bench-hooks-")
    try:
        noop = os.path.join(tmp, "noop")
        subprocess.run(["cc", "-O2", "-static", "-o", noop, os.path.join(HERE, "noop.c")], check=True)
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        # 40 entries: 38 empty directories, the SDK's bin, /usr/bin (the
        # shells themselves).
        dirs = [os.path.join(tmp, "path", "d%02d" % i) for i in range(38)]
        for d in dirs:
            os.makedirs(d)
        env = {"HOME": home, "LANG": "C.UTF-8", "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
               "XDG_CONFIG_HOME": os.path.join(tmp, "config"), "TERM": "dumb",
               "PATH": ":".join(dirs + [os.path.join(roots[-1], "bin"), "/usr/bin"])}
        shells = [s for s in ("bash", "zsh", "fish") if shutil.which(s)]
        # Let every file written above settle past the racy window, and warm
        # the cache and the bash stamps.
        time.sleep(2.5)
        for s in shells:
            timed(s, script(s, "gostatus", gs, noop, 2), env, tmp)
        time.sleep(2.5)
        load = " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "?"
        rows = []
        for s in shells:
            e, _ = per_render(s, "empty", gs, noop, env, tmp, 2000)
            nb, _ = per_render(s, "noop", gs, noop, env, tmp, 200)
            g, note = per_render(s, "gostatus", gs, noop, env, tmp, 1000)
            ga, _ = per_render(s, "gostatus-no-skip", gs, noop, env, tmp, 100)
            rows.append((s, e, nb, g, ga, note))
            print("%s: empty %.3f ms, no-op binary %.3f ms, gostatus hook %.3f ms (%s), --no-skip %.3f ms" % (
                s, e * 1e3, nb * 1e3, g * 1e3, note, ga * 1e3), flush=True)
        versions = {s: subprocess.run([s, "--version"], capture_output=True).stdout.decode().splitlines()[0]
                    for s in shells}
        out = ["# Per-render cost of the prompt hook", "",
               "`bench/hooks/bench.py`, %s, %d-core machine, PATH of 40 entries (go in the 39th), "
               "median of %d trials; wall-clock time per hook call, in milliseconds. "
               "Load average before the run: %s (other jobs were sharing the machine)." % (
                   time.strftime("%Y-%m-%d"), os.cpu_count(), TRIALS, load), "",
               "| shell | empty hook | hook running a static no-op binary | gostatus hook (nothing changed) "
               "| gostatus hook over empty | gostatus --no-skip |",
               "|---|---|---|---|---|---|"]
        for s, e, nb, g, ga, note in rows:
            out.append("| %s | %.3f | %.3f | %.3f | %+.3f | %.3f |" % (s, e * 1e3, nb * 1e3, g * 1e3, (g - e) * 1e3,
                                                                   ga * 1e3))
        out += ["", "Shells: " + "; ".join(versions[s] for s in shells) + ".",
                "The gostatus hook's skip state at the end of each loop: " +
                ", ".join("%s %s" % (r[0], r[5]) for r in rows) + " (skip=1: no process was started).", ""]
        dest = os.path.join(REPO, "bench", "results", "hooks.md")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w") as f:
            f.write("\n".join(out))
        print("wrote " + dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
