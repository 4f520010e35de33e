#!/usr/bin/env python3
"""Steady-state cost of one prompt render's hook in bash, zsh, fish and pwsh,
side by side, from one run.

Not a test: it prints numbers and asserts nothing about them.

PATH has 40 entries (38 empty directories, a Go SDK's bin, /usr/bin). Per
shell, each hook is called N times in a loop inside one shell process:
  empty       a function that does nothing (pwsh: a prompt function
              returning a fixed string)
  noop        the same, running a static no-op binary (bench/hooks/noop.c)
  gostatus    gostatus's prompt hook (gostatus init SHELL) after it has
              settled, so every call takes the skip path (no process)
  baseline    the same hook from the --baseline binary (the old code)
  --no-skip   gostatus's hook running gostatus on every call
bash, zsh, fish: cost per call = (run with N calls - run with 0 calls) / N,
wall clock and CPU (user + system of the shell and its children). pwsh:
timed inside the process (Stopwatch; process CPU time) after a warm-up, since
its start-up dwarfs a call. Each trial measures every variant once, in turn,
so the old and new hooks share the machine's load; the tables give medians.
The processes themselves (a static no-op and one gostatus cache hit) are
timed by hyperfine -N in the same run.

Usage:
  python3 bench/hooks/bench.py [--gostatus BIN] [--baseline REF | --baseline-bin BIN]
                               [--trials N] [--shells bash,zsh,fish,pwsh] [--out FILE]
--baseline REF builds REF's gostatus (git worktree + cmake, target gostatus)
under ~/.cache/gostatus-bench/REV and reuses it next time. Writes a markdown
table (default bench/results/hooks.md) that the README can quote as is.
"""

import argparse
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHELLS = ("bash", "zsh", "fish", "pwsh")
CALLS = {"empty": 2000, "noop": 200, "gostatus": 1000, "baseline": 1000, "no-skip": 100}


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def ps_quote(s):
    return "'" + s.replace("'", "''") + "'"


def find_pwsh():
    p = shutil.which("pwsh") or os.path.expanduser("~/.dotnet/tools/pwsh")
    return p if p and os.access(p, os.X_OK) else None


def posix_script(shell, variant, gs, noop, n):
    """Shell code (bash, zsh, fish) defining the hook and calling it n times."""
    fish = shell == "fish"
    if variant == "empty":
        define = "function _h\nend\n" if fish else "_h() { :; }\n"
    elif variant == "noop":
        define = ("function _h\n    command %s\nend\n" if fish else "_h() { command %s; }\n") % sh_quote(noop)
    else:
        flags = " --no-skip" if variant == "no-skip" else ""
        if fish:
            define = "%s init fish%s | source\nfunction _h\n    _gostatus_precmd\nend\n" % (sh_quote(gs), flags)
        else:
            define = 'eval "$(%s init %s%s)"\n_h() { _gostatus_precmd; }\n' % (sh_quote(gs), shell, flags)
    if fish:
        loop = "for i in (seq %d)\n    _h\nend\n" % n if n else ""
        return define + loop + "echo skip=$_gostatus_skip\n"
    loop = "for ((i = 0; i < %d; i++)); do _h; done\n" % n if n else ""
    return define + loop + 'echo "skip=${_gostatus_skip-}"\n'


def pwsh_script(variant, gs, noop, n):
    """pwsh code: the prompt function (with the hook loaded around it) called
    n times after a warm-up; prints the elapsed wall and CPU milliseconds."""
    lines = ["$ErrorActionPreference = 'Stop'", "function global:prompt { 'PS> ' }"]
    if variant == "noop":
        lines.append("function global:prompt { & %s; 'PS> ' }" % ps_quote(noop))
    elif variant != "empty":
        flags = " '--no-skip'" if variant == "no-skip" else ""
        lines.append("Invoke-Expression (& %s 'init' 'pwsh'%s | Out-String)" % (ps_quote(gs), flags))
    lines += [
        "for ($i = 0; $i -lt 20; $i++) { $null = prompt }",
        "$p = [System.Diagnostics.Process]::GetCurrentProcess()",
        "$c0 = $p.TotalProcessorTime.TotalMilliseconds",
        "$sw = [System.Diagnostics.Stopwatch]::StartNew()",
        "for ($i = 0; $i -lt %d; $i++) { $null = prompt }" % n,
        "$sw.Stop()",
        "$p.Refresh()",
        "$c1 = $p.TotalProcessorTime.TotalMilliseconds",
        "'ms {0} {1}' -f $sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), "
        "($c1 - $c0).ToString([cultureinfo]::InvariantCulture)",
        "$s = Get-Variable -Name _gostatus_skip -Scope Global -ValueOnly -ErrorAction Ignore",
        "'skip=' + $(if ($s) { 1 } else { '' })",
    ]
    return "\n".join(lines) + "\n"


class Runner:
    def __init__(self, env, tmp, pwsh):
        self.env, self.tmp, self.pwsh = env, tmp, pwsh

    def argv(self, shell, path):
        return {"bash": ["bash", "--norc", "--noprofile", path], "zsh": ["zsh", "-f", path],
                "fish": ["fish", "--no-config", path],
                "pwsh": [self.pwsh or "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", path]}[shell]

    def run(self, shell, text, env):
        """Runs one script; returns (wall s, cpu s, stdout)."""
        path = os.path.join(self.tmp, "s." + ("ps1" if shell == "pwsh" else shell))
        with open(path, "w") as f:
            f.write(text)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(self.argv(shell, path), env=env, cwd=env["HOME"], capture_output=True, timeout=900)
        t = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode != 0:
            raise RuntimeError("%s: %s%s" % (shell, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")))
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        return t, cpu, r.stdout.decode(errors="replace")

    def per_call(self, shell, variant, gs, noop, env):
        """(wall s, cpu s, skip state) per call, one sample."""
        n = CALLS[variant]
        if shell == "pwsh":
            _, _, out = self.run(shell, pwsh_script(variant, gs, noop, n), env)
            ms = next(ln for ln in out.splitlines() if ln.startswith("ms ")).split()
            skip = next((ln for ln in out.splitlines() if ln.startswith("skip=")), "skip=?")
            return float(ms[1]) / 1e3 / n, float(ms[2]) / 1e3 / n, skip
        w0, c0, _ = self.run(shell, posix_script(shell, variant, gs, noop, 0), env)
        wn, cn, out = self.run(shell, posix_script(shell, variant, gs, noop, n), env)
        skip = next((ln for ln in out.splitlines() if ln.startswith("skip=")), "skip=?")
        return (wn - w0) / n, (cn - c0) / n, skip


def build_baseline(ref):
    rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--verify", ref + "^{commit}"], capture_output=True,
                         text=True, check=True).stdout.strip()
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "gostatus-bench", rev)
    binary = os.path.join(cache, "gostatus")
    if os.access(binary, os.X_OK):
        return binary, rev
    src = tempfile.mkdtemp(prefix="gostatus-bench-src-")
    os.rmdir(src)
    subprocess.run(["git", "-C", REPO, "worktree", "add", "--detach", src, rev], check=True, capture_output=True)
    try:
        build = os.path.join(src, "build")
        print("building %s (%s) for the baseline..." % (ref, rev[:12]), flush=True)
        subprocess.run(["cmake", "-S", src, "-B", build, "-DCMAKE_BUILD_TYPE=Release"], check=True,
                       capture_output=True)
        subprocess.run(["cmake", "--build", build, "-j2", "--target", "gostatus"], check=True, capture_output=True)
        os.makedirs(cache, exist_ok=True)
        shutil.copy2(os.path.join(build, "gostatus"), binary)
    finally:
        subprocess.run(["git", "-C", REPO, "worktree", "remove", "--force", src], capture_output=True)
    return binary, rev


def hyperfine_processes(env, noop, gs, tmp):
    """Medians (s) of a static no-op and one gostatus cache hit, one hyperfine run."""
    hf = shutil.which("hyperfine")
    if not hf:
        return None
    out = os.path.join(tmp, "hf.json")
    subprocess.run([hf, "-N", "--warmup", "30", "--runs", "300", "--export-json", out, noop, gs],
                   env=env, cwd=env["HOME"], capture_output=True, check=True, timeout=900)
    with open(out) as f:
        res = json.load(f)["results"]
    return [r["median"] for r in res]


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def version(shell, runner):
    if shell == "pwsh":
        argv = [runner.pwsh, "-NoLogo", "-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"]
        r = subprocess.run(argv, capture_output=True, text=True)
        return "PowerShell " + r.stdout.strip()
    r = subprocess.run([shell, "--version"], capture_output=True, text=True)
    return r.stdout.splitlines()[0] if r.stdout else shell


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gostatus", default=os.environ.get("GOSTATUS_BIN", os.path.join(REPO, "build", "gostatus")))
    ap.add_argument("--baseline", metavar="REF", help="git ref whose gostatus's hooks are measured too")
    ap.add_argument("--baseline-bin", metavar="BIN", help="a gostatus binary of the old code")
    ap.add_argument("--baseline-label", default="", help="what --baseline-bin was built from (for the table)")
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--shells", default=",".join(SHELLS))
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "results", "hooks.md"))
    args = ap.parse_args()
    gs = os.path.abspath(args.gostatus)
    base, base_label = None, None
    if args.baseline_bin:
        base = os.path.abspath(args.baseline_bin)
        base_label = args.baseline_label or base
        args.baseline_label = base_label
    elif args.baseline:
        base, rev = build_baseline(args.baseline)
        base_label = "%s (%s)" % (args.baseline, rev[:12])
    roots = sorted(glob.glob("/usr/lib/go-1.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
    if not roots:
        sys.exit("no Go SDK under /usr/lib/go-1.*")
    pwsh = find_pwsh()
    shells = []
    for s in args.shells.split(","):
        if (s == "pwsh" and pwsh) or (s != "pwsh" and shutil.which(s)):
            shells.append(s)
        else:
            print("skipping %s: not installed" % s)
    tmp = tempfile.mkdtemp(prefix="gostatus-bench-hooks-")
    try:
        # Private copies: a rebuild during the run cannot swap a binary.
        gs = shutil.copy2(gs, os.path.join(tmp, "gostatus"))
        if base:
            os.makedirs(os.path.join(tmp, "old"))
            base = shutil.copy2(base, os.path.join(tmp, "old", "gostatus"))
        noop = os.path.join(tmp, "noop")
        subprocess.run(["cc", "-O2", "-static", "-o", noop, os.path.join(HERE, "noop.c")], check=True)
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        # 40 entries: 38 empty directories, the SDK's bin, /usr/bin (the
        # shells themselves).
        dirs = [os.path.join(tmp, "path", "d%02d" % i) for i in range(38)]
        for d in dirs:
            os.makedirs(d)
        path = ":".join(dirs + [os.path.join(roots[-1], "bin"), "/usr/bin"])

        def env_for(cache):
            e = {"HOME": home, "LANG": "C.UTF-8", "XDG_CACHE_HOME": os.path.join(tmp, cache),
                 "XDG_CONFIG_HOME": os.path.join(tmp, "config"), "TERM": "dumb", "PATH": path}
            # pwsh's apphost finds dotnet through DOTNET_ROOT or PATH (/usr/bin).
            if os.environ.get("DOTNET_ROOT"):
                e["DOTNET_ROOT"] = os.environ["DOTNET_ROOT"]
            e.update(POWERSHELL_TELEMETRY_OPTOUT="1", POWERSHELL_UPDATECHECK="Off", DOTNET_CLI_TELEMETRY_OPTOUT="1")
            return e

        # Separate caches (each under its own XDG_CACHE_HOME, same length),
        # so two versions never read each other's entries.
        env_new, env_old = env_for("cache-n"), env_for("cache-o")
        runner = Runner(env_new, tmp, pwsh)
        variants = ["empty", "noop", "gostatus"] + (["baseline"] if base else []) + ["no-skip"]

        def binary_env(v):
            return (base, env_old) if v == "baseline" else (gs, env_new)

        # Let every file written above settle past the racy window, warm
        # both caches (and the bash stamps), settle again.
        time.sleep(2.5)
        for s in shells:
            for v in ("gostatus", "baseline") if base else ("gostatus",):
                b, e = binary_env(v)
                runner.per_call(s, v if v != "baseline" else "gostatus", b, noop, e) if s == "pwsh" else \
                    runner.run(s, posix_script(s, "gostatus", b, noop, 2), e)
        time.sleep(2.5)
        load_before = loadavg()
        samples = {(s, v): [] for s in shells for v in variants}
        skips = {}
        for t in range(args.trials):
            for s in shells:
                for v in variants:
                    b, e = binary_env(v)
                    w, c, skip = runner.per_call(s, "gostatus" if v == "baseline" else v, b, noop, e)
                    samples[(s, v)].append((w, c))
                    skips[(s, v)] = skip
            print("trial %d/%d done (load %s)" % (t + 1, args.trials, loadavg()), flush=True)
        procs = hyperfine_processes(env_new, noop, gs, tmp)
        procs_base = hyperfine_processes(env_old, noop, base, tmp) if base else None
        load_after = loadavg()

        def med(s, v, i):
            return statistics.median(x[i] for x in samples[(s, v)])

        ms = lambda x: "%.3f" % (x * 1e3)  # noqa: E731
        over = lambda x: "%+.3f" % (x * 1e3)  # noqa: E731
        head = ["shell", "empty hook", "hook running a static no-op"]
        if base:
            head += ["old hook over empty"]
        head += ["gostatus hook over empty (nothing changed)"]
        if base:
            head += ["new / old"]
        head += ["hook with --no-skip (runs gostatus)"]
        out = ["# Per-render cost of the prompt hook", "",
               "`bench/hooks/bench.py%s`, %s, %d-core machine, PATH of 40 entries (go in the 39th), nothing "
               "changed between prompts. Medians of %d trials, milliseconds per prompt; each trial measures every "
               "column in turn, so each ratio comes from the same run. Load average %s before, %s after: other "
               "jobs shared the machine, so the numbers are noisy (compare within a row, not across runs)." % (
                   " --baseline " + args.baseline if args.baseline else
                   " --baseline-bin (%s)" % args.baseline_label if base else "", time.strftime("%Y-%m-%d %H:%M UTC",
                                                                                         time.gmtime()),
                   os.cpu_count(), args.trials, load_before, load_after)]
        for i, what in ((0, "Wall clock"), (1, "CPU time (user + system, the shell and its children)")):
            out += ["", "%s:" % what, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for s in shells:
                e = med(s, "empty", i)
                row = [s, ms(e), ms(med(s, "noop", i))]
                g = med(s, "gostatus", i) - e
                if base:
                    o = med(s, "baseline", i) - e
                    row.append(over(o))
                row.append(over(g))
                if base:
                    row.append("%.2f" % (g / o) if o > 0 else "n/a")
                row.append(ms(med(s, "no-skip", i)))
                out.append("| " + " | ".join(row) + " |")
        if procs:
            out += ["", "The processes a prompt could start instead (hyperfine -N, 300 runs, medians, same run):", "",
                    "| process | median ms | over the static no-op |", "|---|---|---|",
                    "| static no-op binary | %s | 1.00x |" % ms(procs[0]),
                    "| gostatus, cache hit | %s | %.2fx |" % (ms(procs[1]), procs[1] / procs[0])]
            if procs_base:
                out.append("| gostatus (%s), cache hit | %s | %.2fx |" % (base_label, ms(procs_base[1]),
                                                                           procs_base[1] / procs_base[0]))
        out += ["", "pwsh is timed inside the process (the prompt function, with the hook wrapped around it) after "
                "20 warm-up calls; its CPU time is the whole process's, all threads. Shells: " +
                "; ".join(version(s, runner) for s in shells) + "."]
        if base:
            out.append("Old hook: %s; new: %s." % (base_label, os.path.abspath(args.gostatus)))
        out += ["Skip state after each loop (skip=1: the hook started no process): " +
                ", ".join("%s %s %s" % (s, v, skips[(s, v)]) for s in shells for v in ("gostatus", "baseline")
                          if (s, v) in skips) + ".", ""]
        text = "\n".join(out)
        print(text)
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text)
        print("wrote " + args.out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
