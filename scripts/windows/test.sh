#!/usr/bin/env bash
# Runs the cross-built tests (build-win/) under Wine through ctest: the
# toolchain file makes Wine the CROSSCOMPILING_EMULATOR. Builds first when
# there is no build tree. A wineserver is kept running for the duration so
# each test does not pay Wine's ~2 s cold start.
#
# Usage: scripts/windows/test.sh [ctest args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build-win}"
. "$here/env.sh"

[[ -f "$WINEPREFIX/system.reg" ]] || "$here/install-deps.sh" --no-apt
[[ -f "$build/CMakeCache.txt" ]] || "$here/build.sh"

wineserver -p          # persistent until `wineserver -k`
trap 'wineserver -k 2>/dev/null || true' EXIT
cd "$build"
ctest --output-on-failure --timeout 600 "$@"
