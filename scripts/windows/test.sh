#!/usr/bin/env bash
# Runs the cross-built tests (build-win/) under Wine through ctest: the
# toolchain file makes Wine the CROSSCOMPILING_EMULATOR. Builds first when
# there is no build tree. The unit suite, then tests/e2e/test_windows_*.py
# (against a real go1.19 go.exe, built once into GOSTATUS_GO_EXE_DIR, by
# default ~/.cache/gostatus-goexe/go1.19, when Debian's golang-1.19-go is
# installed; the suites skip without it).
#
# Usage: scripts/windows/test.sh [ctest args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build-win}"
. "$here/env.sh"

[[ -f "$WINEPREFIX/system.reg" ]] || "$here/install-deps.sh" --no-apt
[[ -f "$build/CMakeCache.txt" ]] || "$here/build.sh"

# The oracle go.exe: ~4 min to build, so kept in a cache directory (CI:
# cache ~/.cache/gostatus-goexe between runs to skip it).
goexe="${GOSTATUS_GO_EXE_DIR:-$(dirname "$WINEPREFIX")/gostatus-goexe/go1.19}"
if [[ ! -x "$goexe/bin/go.exe" && -x /usr/lib/go-1.19/bin/go ]]; then
  "$here/build-go-exe.sh" "$goexe"
fi
export GOSTATUS_GO_EXE_DIR="$goexe"

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
