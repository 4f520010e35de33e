#!/usr/bin/env bash
# Runs the cross-built tests (build-win/) under Wine through ctest: the
# toolchain file makes Wine the CROSSCOMPILING_EMULATOR. Builds first when
# there is no build tree. The unit suite, then tests/e2e/test_windows_*.py,
# each against a real go1.19 and go1.27 go.exe (tests/e2e/windows_util.py's
# GO_EXE_VERSIONS; GOSTATUS_WIN_GO_VERSIONS="1.21 1.27" picks others). The
# first suite builds a missing go.exe into ~/.cache/gostatus-goexe/go1.NN from
# Debian's golang-1.NN-go (about 1.5 min of CPU each; CI may cache that
# directory between runs); the suites skip without any.
#
# Usage: scripts/windows/test.sh [ctest args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build-win}"
. "$here/env.sh"

# The prefix and its bcryptprimitives.dll stand-in (idempotent, ~1 s when
# both are there).
"$here/install-deps.sh" --no-apt
[[ -f "$build/CMakeCache.txt" ]] || "$here/build.sh"

# One persistent wineserver for the whole run, so each test does not pay
# Wine's cold start (~4-6 s; ~0.2-0.5 s warm). Its helper processes
# (services.exe, winedevice.exe, ...) are started here, with /dev/null as
# their stdio: whichever wine process starts them lends them its stdout and
# stderr, and a pipe they hold never reaches EOF, so a test whose output is
# captured (ctest, subprocess) would hang until wineserver exits.
start=$(date +%s%N)
wineserver -p </dev/null >/dev/null 2>&1 || true   # fails when one is already up: fine
trap 'wineserver -k </dev/null >/dev/null 2>&1 || true' EXIT
wine cmd /c exit </dev/null >/dev/null 2>&1 || true
echo "test.sh: wineserver up in $((($(date +%s%N) - start) / 1000000)) ms ($(wine --version 2>/dev/null))"

cd "$build"
ctest --output-on-failure --timeout 900 "$@"
