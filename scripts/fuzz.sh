#!/usr/bin/env bash
# Fuzzes gostatus's parsers with libFuzzer, under ASan + UBSan.
#   scripts/fuzz.sh [HARNESS...]     default: every tests/fuzz/*_fuzz.cpp
# Builds the harnesses with clang in build-fuzz/ (-DGOSTATUS_FUZZ=ON), makes
# seeds from real inputs (tests/fuzz/gen_seeds.py: the SDKs' binaries,
# cross-built hello-worlds, go.env, go.mod ...) and checks them against
# `go version -m`, then for each harness: runs its committed regression
# inputs and seeds once, and fuzzes it for FUZZ_SECONDS (default 45),
# FUZZ_JOBS harnesses at a time (default 2). A crash, a leak, a broken
# invariant, a timeout or an out-of-memory fails. New crashers are left in
# build-fuzz/artifacts/HARNESS/: copy them to tests/fuzz/regressions/HARNESS/
# with the fix. The corpus grown by each run is kept in build-fuzz/corpus/.
# The last line says `fuzz: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
FUZZ_SECONDS=${FUZZ_SECONDS:-45}
FUZZ_JOBS=${FUZZ_JOBS:-2}
B=build-fuzz
passed=0
failed=0
verdict() { # name status
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}
finish() {
  echo "fuzz: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ is missing (scripts/deps.sh test installs clang and libclang-rt-14-dev)"
  failed=1
  finish
fi
mkdir -p "$B"
if ! { CC=clang CXX=clang++ cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOSTATUS_FUZZ=ON \
         -DGOSTATUS_TESTS=OFF -DGOSTATUS_UNITY=ON >"$B/configure.log" 2>&1 && cmake --build "$B" -j2 >"$B/build.log" 2>&1; }; then
  tail -n 40 "$B/configure.log" "$B/build.log" 2>/dev/null
  verdict build 1
  finish
fi
verdict build 0

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cpp; do h=$(basename "$f" _fuzz.cpp); harnesses+=("$h"); done
fi

# Seeds from real inputs, and the seed check against go version -m.
rm -rf "$B/seeds"
mkdir -p "$B/seeds"
# Their GOCACHE: the test run's shared one when scripts/test.sh set it (the
# buildinfo suite has compiled these targets already), else build-fuzz's.
FUZZ_GOCACHE="${GOSTATUS_E2E_GOCACHE:-$PWD/$B/gocache}" python3 tests/fuzz/gen_seeds.py "$PWD/$B" "$B/seeds"
verdict "seeds from real inputs, checked against go version -m" $?

# LeakSanitizer cannot run under ptrace (strace, some sandboxes): say so
# instead of failing every harness for it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

run_one() { # harness -> log in $B/logs/harness.log, status
  local h=$1 exe="$B/tests/fuzz/fuzz_$1" log="$B/logs/$1.log" status=0
  local inputs=()
  for d in "tests/fuzz/regressions/$h" "tests/fuzz/seeds/$h" "$B/seeds/$h"; do
    [ -d "$d" ] && for f in "$d"/*; do [ -f "$f" ] && inputs+=("$f"); done
  done
  : >"$log"
  # 1. Every committed input, once (no fuzzing: a regression shows here).
  if [ ${#inputs[@]} -gt 0 ]; then
    "$exe" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 "${inputs[@]}" >>"$log" 2>&1 || status=1
  fi
  echo "== regression inputs: ${#inputs[@]}, status $status" >>"$log"
  # 2. Fuzz for a bounded time from the seeds and what earlier runs found.
  local corpus="$B/corpus/$h" art="$B/artifacts/$h/"
  mkdir -p "$corpus" "$art"
  local dirs=("$corpus")
  for d in "tests/fuzz/seeds/$h" "$B/seeds/$h" "tests/fuzz/regressions/$h"; do [ -d "$d" ] && dirs+=("$d"); done
  "$exe" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$art" "${dirs[@]}" >>"$log" 2>&1 || status=$((status | 2))
  return $status
}

mkdir -p "$B/logs"
pids=()
names=()
for h in "${harnesses[@]}"; do
  if [ ! -x "$B/tests/fuzz/fuzz_$h" ]; then verdict "$h: no such harness" 1; continue; fi
  while [ "$(jobs -rp | wc -l)" -ge "$FUZZ_JOBS" ]; do wait -n; done
  run_one "$h" &
  pids+=($!)
  names+=("$h")
done
for i in "${!pids[@]}"; do
  h=${names[$i]}
  wait "${pids[$i]}"
  st=$?
  stats=$(grep -E '^stat::number_of_executed_units' "$B/logs/$h.log" | awk '{print $2}')
  verdict "$h: regression inputs" $((st & 1))
  verdict "$h: ${FUZZ_SECONDS}s of fuzzing (${stats:-?} runs)" $((st & 2))
  if [ "$st" -ne 0 ]; then
    grep -E 'ERROR|invariant failed|SUMMARY|runtime error|Test unit written' "$B/logs/$h.log" | head -n 20
    echo "  (full log: $B/logs/$h.log)"
  fi
done
finish
