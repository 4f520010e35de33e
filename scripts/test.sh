#!/usr/bin/env bash
# Runs the whole test suite: unit tests and the end-to-end suites (which
# drive the real go, shells and Wine where installed and skip otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
