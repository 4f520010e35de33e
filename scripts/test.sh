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
# ctest's verdict stays the last line.
grep -E '^[0-9]+% tests passed' build/ctest.log | tail -n 1
exit "$status"
