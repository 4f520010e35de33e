#!/usr/bin/env bash
# Cross-builds gostatus.exe and the unit tests for x86_64 Windows into
# build-win/ (Release, statically linked, unity: see GOSTATUS_UNITY in
# CMakeLists.txt) with cmake/mingw-w64.cmake.
#
# Usage: scripts/windows/build.sh [extra cmake -D options...]
#   BUILD_DIR=...  build tree (default: <repo>/build-win)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build-win}"
. "$here/env.sh"

gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" "${gen[@]}" \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DGOSTATUS_UNITY=ON "$@"
elif (($#)); then
  cmake "$build" "$@"
fi
cmake --build "$build" -j "$(nproc)"
ls -l "$build"/*.exe "$build"/tests/*.exe 2>/dev/null || true
