#!/usr/bin/env bash
# Quick start: install build dependencies, build gostatus (Release, static)
# and run `gostatus doctor` on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "built: $PWD/build/gostatus"
echo
# The build succeeded; doctor's verdict is about this machine's Go setup.
status=0
build/gostatus doctor || status=$?
[ "$status" -eq 0 ] || echo "(gostatus doctor exit status $status: it found errors in this machine's Go environment, listed above)"
exit 0
