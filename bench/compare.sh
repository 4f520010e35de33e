#!/usr/bin/env bash
# Compares, in one run and under the same conditions, what a prompt render
# costs: gostatus (cache hit and --no-cache) against the floor (a static
# no-op C binary), `go version`, `go env GOROOT` and `go env`: per process,
# the median time (hyperfine), page faults and syscalls per run (perf stat,
# else getrusage; strace) and peak RSS; the stripped sizes of gostatus and
# the no-op; gostatus --bench's in-process numbers. Every ratio comes from
# this one run. Writes bench/results/<UTC time>.md and prints it.
#
#   bench/compare.sh               uses build/gostatus
#   GOSTATUS_BIN=... GO=... RUNS=300 bench/compare.sh
#
# Every command runs with the same small, clean environment (env -i): a
# 40-entry PATH (37 empty directories, then go's bin, /usr/bin, /bin, so the
# PATH search really walks 40 entries), an empty HOME, GOTOOLCHAIN=local,
# a private cache, from an empty directory outside any module.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
bin=${GOSTATUS_BIN:-$src/build/gostatus}
runs=${RUNS:-300}
warmup=${WARMUP:-30}
for tool in hyperfine strace python3 cc; do
  command -v "$tool" >/dev/null && continue
  echo "compare.sh needs $tool: apt-get install $tool" >&2
  [ "$tool" = hyperfine ] &&
    echo "  (hyperfine is in Debian 12 and Ubuntu 22.04 and later; elsewhere: cargo install hyperfine," \
         "or a static binary from the releases page of sharkdp/hyperfine on GitHub)" >&2
  exit 1
done
[ -x "$bin" ] || { echo "no gostatus at $bin (build it, or set GOSTATUS_BIN)" >&2; exit 1; }
go=${GO:-$(command -v go || ls -d /usr/lib/go-1.*/bin/go 2>/dev/null | sort -V | tail -n 1 || true)}
[ -n "$go" ] && [ -x "$go" ] || { echo "no go found (set GO=/path/to/go)" >&2; exit 1; }
bin=$(readlink -f "$bin")
go=$(readlink -f "$go")

work=$(mktemp -d "${TMPDIR:-/tmp}/gostatus-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cwd" "$work/home" "$work/cache" "$work/path"
cc -O2 -static -s "$src/bench/noop.c" -o "$work/noop"
cc -O2 -static -s "$src/bench/peak_rss.c" -o "$work/peak_rss"
path=""
for i in $(seq -w 1 37); do mkdir "$work/path/d$i"; path+="$work/path/d$i:"; done
path+="$(dirname "$go"):/usr/bin:/bin"

cd "$work/cwd"
run_env=(env -i "PATH=$path" "HOME=$work/home" "GOSTATUS_CACHE_DIR=$work/cache" GOTOOLCHAIN=local LANG=C.UTF-8)
# Files younger than the cache's timestamp granularity are not trusted, so
# let a second pass before priming the cache, then check that it hits.
sleep 1.2
"${run_env[@]}" "$bin" >/dev/null
"${run_env[@]}" "$bin" cache info | grep -q '^this prompt hit' ||
  { echo "the cache does not hit here:" >&2; "${run_env[@]}" "$bin" cache info >&2; exit 1; }

"${run_env[@]}" "$(command -v hyperfine)" -N --style basic --warmup "$warmup" --runs "$runs" \
  --export-json "$work/hyperfine.json" \
  -n "no-op (static C)" "$work/noop" \
  -n "gostatus (hit)" "$bin" \
  -n "gostatus --no-cache (miss)" "$bin --no-cache" \
  -n "go version" "$go version" \
  -n "go env GOROOT" "$go env GOROOT" \
  -n "go env" "$go env" >&2

# The syscalls of one run each (the hit's are checked below for what must
# not be among them).
"${run_env[@]}" strace -f -qq -o "$work/hit.strace" "$bin" >/dev/null
"${run_env[@]}" strace -f -qq -o "$work/noop.strace" "$work/noop" >/dev/null
"${run_env[@]}" strace -f -qq -o "$work/miss.strace" "$bin" --no-cache >/dev/null
# Page faults per run: perf stat (counts from the exec) when it may count
# here, else getrusage's ru_minflt through the launcher (see peak_rss.c).
faults_runs=50
fault_src=rusage
if command -v perf >/dev/null && "${run_env[@]}" perf stat -x, -e page-faults "$work/noop" >/dev/null 2>"$work/perf.probe" &&
   grep -q '^[0-9]*,,page-faults' "$work/perf.probe"; then
  fault_src=perf
  for name in noop hit miss; do
    case $name in noop) cmd=("$work/noop") ;; hit) cmd=("$bin") ;; miss) cmd=("$bin" --no-cache) ;; esac
    "${run_env[@]}" perf stat -x, -e page-faults -r "$faults_runs" "${cmd[@]}" 2>"$work/$name.faults" >/dev/null
  done
fi
"${run_env[@]}" "$bin" --bench --json -n "$runs" >"$work/bench.json"

python3 - "$work" "$bin" "$go" "$runs" "$src" "$fault_src" "$faults_runs" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, time
work, binary, go, runs, src, fault_src, faults_runs = sys.argv[1:8]
def sh(*a):
    try: return subprocess.run(a, capture_output=True, text=True, cwd=src).stdout.strip()
    except OSError: return ""
lscpu = sh("lscpu")
model = re.search(r"Model name:\s*(.*)", lscpu); cpus = re.search(r"^CPU\(s\):\s*(\d+)", lscpu, re.M)
hf = json.load(open(os.path.join(work, "hyperfine.json")))["results"]
noop = next(r for r in hf if r["command"].startswith("no-op"))["median"]
gs_hit = next(r for r in hf if r["command"] == "gostatus (hit)")["median"]

# Peak RSS of one run each (ru_maxrss of that child, KiB on Linux).
run_env = {"PATH": ":".join([os.path.join(work, "path", "d%02d" % i) for i in range(1, 38)] +
                            [os.path.dirname(go), "/usr/bin", "/bin"]),
           "HOME": os.path.join(work, "home"), "GOSTATUS_CACHE_DIR": os.path.join(work, "cache"),
           "GOTOOLCHAIN": "local", "LANG": "C.UTF-8"}
def launch(argv):  # (peak RSS KiB, minor faults), through the tiny static launcher (see bench/peak_rss.c)
    out = subprocess.run([os.path.join(work, "peak_rss")] + argv, env=run_env, cwd=os.path.join(work, "cwd"),
                         capture_output=True, text=True).stdout.split()
    return (int(out[0]), int(out[1])) if len(out) >= 2 else (0, 0)
argvs = {"no-op (static C)": [os.path.join(work, "noop")],
         "gostatus (hit)": [binary], "gostatus --no-cache (miss)": [binary, "--no-cache"],
         "go version": [go, "version"], "go env GOROOT": [go, "env", "GOROOT"], "go env": [go, "env"]}
rss = {k: launch(v)[0] for k, v in argvs.items()}

# Page faults and syscalls per run, for the no-op, the hit and the miss.
short = {"no-op (static C)": "noop", "gostatus (hit)": "hit", "gostatus --no-cache (miss)": "miss"}
faults = {}
for k, n in short.items():
    if fault_src == "perf":
        m = re.match(r"([0-9.]+),", open(os.path.join(work, n + ".faults")).read().strip().splitlines()[-1])
        faults[k] = float(m.group(1)) if m else None
    else:
        faults[k] = statistics.median(launch(argvs[k])[1] for _ in range(int(faults_runs)))
syscalls = {k: sum(1 for l in open(os.path.join(work, n + ".strace")) if re.match(r"(?:\d+\s+)?\w+\(", l))
            for k, n in short.items()}

def stripped_size(path):  # bytes once stripped (gostatus's release link already strips)
    if not shutil.which("strip"):
        return os.path.getsize(path), False
    out = os.path.join(work, "stripped")
    subprocess.run(["strip", "-o", out, path], check=True)
    return os.path.getsize(out), True

calls = {}
for line in open(os.path.join(work, "hit.strace")):
    m = re.match(r"(?:\d+\s+)?(\w+)\(", line)
    if m: calls[m.group(1)] = calls.get(m.group(1), 0) + 1
stat_like = sum(v for k, v in calls.items() if "stat" in k)
forbidden = {k: v for k, v in calls.items()
             if k in ("getdents64", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat",
                      "clone", "clone3", "fork", "vfork")}
writes_other = sum(1 for l in open(os.path.join(work, "hit.strace")) if re.match(r"(?:\d+\s+)?write\((?!1,)", l))
opens_create = sum(1 for l in open(os.path.join(work, "hit.strace")) if "O_CREAT" in l)
execs = calls.get("execve", 0)

bench = json.load(open(os.path.join(work, "bench.json")))["results"]
size = os.path.getsize(binary)

out = []
out.append("# gostatus compare: %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
out.append("")
out.append("- Hardware: %s, %s CPUs; kernel %s" % (model.group(1).strip() if model else "?", cpus.group(1) if cpus else "?",
                                               os.uname().release))
out.append("- gostatus: %s (commit %s), %s" % (sh(binary, "--version"), sh("git", "rev-parse", "--short", "HEAD") or "?", binary))
out.append("- go: %s (%s)" % (sh(go, "version"), go))
out.append("- Load average at the end (other work on the machine inflates medians; Min is the least disturbed): %s"
           % " ".join(open("/proc/loadavg").read().split()[:3]))
out.append("- hyperfine -N, %s runs after %s warm-ups each; 40-entry PATH, empty HOME, GOTOOLCHAIN=local, private cache, "
           "cwd outside any module" % (runs, os.environ.get("WARMUP", "30")))
out.append("")
out.append("| Command | Median | Mean ± σ | Min | × no-op (median) | Page faults | Syscalls | Peak RSS |")
out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in hf:
    ms = lambda v: "%.2f ms" % (v * 1000)
    c = r["command"]
    pf = ("%.0f" % faults[c]) if faults.get(c) is not None else ""
    sc = str(syscalls[c]) if c in syscalls else ""
    out.append("| %s | %s | %s ± %.2f | %s | %.2f× | %s | %s | %.2f MiB |" % (c, ms(r["median"]), ms(r["mean"]),
               r["stddev"] * 1000, ms(r["min"]), r["median"] / noop, pf, sc, rss[c] / 1024))
out.append("")
out.append("- gostatus hit vs no-op floor: **%.2f×**; `go version` / gostatus hit: **%.1f×**" %
           (gs_hit / noop, next(r for r in hf if r["command"] == "go version")["median"] / gs_hit))
out.append("- Page faults: %s; syscalls: one run under strace -f, execve included" %
           ("perf stat -e page-faults, mean of %s runs" % faults_runs if fault_src == "perf" else
            "getrusage ru_minflt of the child, median of %s runs (includes the launcher's few faults before "
            "exec; the no-op row is that floor)" % faults_runs))
ip = lambda k: ("%.1f µs (p95 %.1f)" % (bench[k]["p50"], bench[k]["p95"])) if "p50" in bench[k] else bench[k].get("skipped")
out.append("- In process (`gostatus --bench`, p50): hit %s; no cache, full probe %s" %
           (ip("in_process_hit"), ip("in_process_no_cache")))
kind = ", ".join(x.strip() for x in sh("file", "-b", binary).split(",") if "static" in x or "stripped" in x)
ssize, stripped = stripped_size(binary)
nsize, _ = stripped_size(os.path.join(work, "noop"))
out.append("- Binary: %d bytes (%.2f MiB), %s; %s: %d bytes (%.0f KiB; target 1 MiB = 1048576), "
           "the static no-op: %d bytes (%.0f KiB)" % (size, size / 1048576, kind,
           "stripped" if stripped else "as is (no strip here)", ssize, ssize / 1024, nsize, nsize / 1024))
out.append("- Syscalls of one hit (strace -f): %d in all, %d stat-family, %d openat; execve %d (its own), "
           "O_CREAT opens %d, writes other than stdout %d, forbidden (listing, rename, unlink, mkdir, fork) %s" %
           (sum(calls.values()), stat_like, calls.get("openat", 0), execs, opens_create, writes_other,
            forbidden or "none"))
out.append("")
out.append("Reproduce: `bench/compare.sh` (needs hyperfine, strace, python3, a C compiler and a go; perf if present).")
text = "\n".join(out) + "\n"
os.makedirs(os.path.join(src, "bench", "results"), exist_ok=True)
name = os.path.join(src, "bench", "results", time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + ".md")
open(name, "w").write(text)
print(text)
print("written to %s" % os.path.relpath(name, src), file=sys.stderr)
PY
