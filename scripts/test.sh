#!/usr/bin/env bash
# Runs the whole test suite: unit tests and the end-to-end suites (which
# drive the real go, shells and Wine where installed and skip otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
rm -rf build/e2e-logs
set +e
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@" 2>&1 | tee build/ctest.log
status=${PIPESTATUS[0]}
set -e
# Each end-to-end suite's closing line (scenario counts, skips and reasons).
if [ -d build/e2e-logs ]; then
  echo "End-to-end suites:"
  for log in build/e2e-logs/*.log; do
    printf '  %s: %s\n' "$(basename "$log" .log)" "$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
  done
fi

# Windows: the mingw-w64 cross build, its unit suite and the Windows
# end-to-end suites, under Wine (scripts/windows/); skipped without them.
win_verdict="Windows: skipped (no mingw-w64 or wine; scripts/deps.sh test installs them)"
win_status=0
if command -v x86_64-w64-mingw32-g++-posix >/dev/null && command -v wine >/dev/null; then
  rm -rf build-win/e2e-logs
  set +e
  scripts/windows/build.sh >build/windows-build.log 2>&1
  win_status=$?
  if [ "$win_status" -eq 0 ]; then
    scripts/windows/test.sh 2>&1 | tee build/ctest-windows.log
    win_status=${PIPESTATUS[0]}
    win_verdict="Windows (Wine): $(grep -E '^[0-9]+% tests passed' build/ctest-windows.log | tail -n 1)"
  else
    tail -n 30 build/windows-build.log
    win_verdict="Windows: the cross build failed (build/windows-build.log)"
  fi
  set -e
  if [ -d build-win/e2e-logs ]; then
    echo "Windows end-to-end suites (Wine):"
    for log in build-win/e2e-logs/*.log; do
      printf '  %s: %s\n' "$(basename "$log" .log)" "$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
    done
  fi
fi
echo "$win_verdict"
# ctest's verdict stays the last line.
grep -E '^[0-9]+% tests passed' build/ctest.log | tail -n 1
[ "$status" -ne 0 ] && exit "$status"
exit "$win_status"
