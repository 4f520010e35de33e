#!/usr/bin/env bash
# Runs the whole test suite: the unit tests (also as nobody when run as
# root), the end-to-end suites against the real go, shells and Wine, and the
# Windows cross build under Wine. Ends with one table (tests/summary.py):
# each suite, its counts and every part not run, with the reason; its last
# line is a plain `N passed, N failed`. Outside CI a suite lacking a tool
# skips with the reason; with CI=true a skip is a failure.
# Arguments go to the main ctest run (e.g. -R e2e.test_nospawn).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
rm -rf build/e2e-logs build/suite-logs
# One GOCACHE for every suite of this run that builds Go programs (ctest's
# suites, fuzz.sh's seeds, sanitize.sh's hostile suite): each SDK compiles
# each target's std once per run. Emptied first, so a run costs what it
# costs on a fresh machine (gostatus_e2e.shared_gocache says why sharing
# cannot change an answer).
export GOSTATUS_E2E_GOCACHE=$PWD/build/e2e-gocache
rm -rf "$GOSTATUS_E2E_GOCACHE"
manifest=$PWD/build/test-summary.tsv
: >"$manifest"
# Passing tests' output, whole, in the JUnit file: the table reads gtest's
# counts and skip reasons from it.
ctest_args=(--output-on-failure --test-output-size-passed 1048576 --test-output-size-failed 1048576)

# run_suite NAME COMMAND...: a suite this script runs itself, outside ctest.
# Its output goes to the terminal and build/suite-logs/NAME.log; its row in
# the table is its exit status (77: skipped), last line and `NOT RUN:` lines;
# the status is also left in $suite_status.
run_suite() {
  local name=$1 rc=0
  shift
  mkdir -p build/suite-logs
  set +e
  "$@" 2>&1 | tee "build/suite-logs/$name.log"
  rc=${PIPESTATUS[0]}
  set -e
  printf 'suite\t%s\t%s\t%s\n' "$name" "$rc" "$PWD/build/suite-logs/$name.log" >>"$manifest"
  suite_status=$rc
}

# One test more than cores: the hooks suite spends most of its 160 s waiting
# for shells under tmux (16 CPU-s), a core the others can use meanwhile.
set +e
ctest --test-dir build "${ctest_args[@]}" -j"$(($(nproc) + 1))" --output-junit "$PWD/build/ctest-junit.xml" "$@" 2>&1 |
  tee build/ctest.log
status=${PIPESTATUS[0]}
set -e
printf 'ctest\t\t%s\t%s\t%s\n' "$PWD/build/ctest-junit.xml" "$PWD/build/e2e-logs" "$status" >>"$manifest"

# Windows: the mingw-w64 cross build, its unit suite and the Windows
# end-to-end suites, under Wine (scripts/windows/).
if command -v x86_64-w64-mingw32-g++-posix >/dev/null && command -v wine >/dev/null; then
  rm -rf build-win/e2e-logs
  run_suite "windows: cross build" scripts/windows/build.sh
  if [ "$suite_status" -eq 0 ]; then
    set +e
    scripts/windows/test.sh "${ctest_args[@]}" --output-junit "$PWD/build-win/ctest-junit.xml" 2>&1 |
      tee build/ctest-windows.log
    win_status=${PIPESTATUS[0]}
    set -e
    printf 'ctest\twindows\t%s\t%s\t%s\n' "$PWD/build-win/ctest-junit.xml" "$PWD/build-win/e2e-logs" \
      "$win_status" >>"$manifest"
  fi
else
  printf 'absent\twindows\tno mingw-w64 or wine (scripts/deps.sh test installs them)\n' >>"$manifest"
fi

# Suites outside ctest: one run_suite line each.
run_suite fuzz scripts/fuzz.sh
run_suite sanitize scripts/sanitize.sh
# The shared GOCACHE has no user left; it is big (385 MB measured after
# about 22 SDK x target variants; a full run builds about 90).
rm -rf "$GOSTATUS_E2E_GOCACHE"

exec python3 tests/summary.py "$manifest"
