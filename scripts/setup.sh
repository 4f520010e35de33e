#!/usr/bin/env bash
# Quick start: install build dependencies, build gostatus (Release, static)
# and run `gostatus doctor` on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "built: $PWD/build/gostatus"
exec build/gostatus doctor
