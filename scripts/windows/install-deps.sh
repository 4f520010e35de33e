#!/usr/bin/env bash
# Installs what the Windows cross build and its Wine test run need on Debian
# bookworm (as root), and makes a Wine prefix ready to run .exe files headless.
#
#   g++-mingw-w64-x86-64-posix   x86_64-w64-mingw32-g{cc,++}-posix (GCC 12, with
#                                std::thread), binutils, the mingw-w64 headers
#                                and import libraries
#   wine, wine64                 Wine 8.0 (64-bit loader only; no wine32:i386,
#                                so no multiarch is needed)
#   cmake, ninja-build           the build
#   googletest, libfmt-dev,      sources/headers used by the cross build too
#   libxxhash-dev                (header-only fmt and xxHash, gtest from source)
#
# --no-install-recommends keeps out wine32, fonts, GStreamer, X and GL
# libraries: none is needed to run console programs.
#
# The prefix also gets bcryptprimitives.dll (scripts/windows/bcryptprimitives.c),
# which Wine 8 lacks and every go1.21+ Windows binary loads at startup: the
# tests run a real go.exe of those versions. Rebuilt each run (~0.2 s) and
# copied only when it differs from the installed one.
#
# Usage: scripts/windows/install-deps.sh [--no-apt]   (--no-apt: prefix only)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/env.sh"

pkgs=(g++-mingw-w64-x86-64-posix wine wine64 cmake ninja-build googletest libfmt-dev libxxhash-dev)

if [[ "${1:-}" != "--no-apt" ]]; then
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# A fresh prefix takes ~6 s to create (wineboot -i), plus ~5 s for
# wineserver to exit afterwards; an existing one is reused.
if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
  mkdir -p "$(dirname "$WINEPREFIX")"
  start=$(date +%s%N)
  wineboot -i >/dev/null 2>&1 || true   # "failed to open ...syswow64\rundll32.exe" is harmless
  wineserver -w
  end=$(date +%s%N)
  [[ -f "$WINEPREFIX/system.reg" ]] || { echo "install-deps: wineboot failed to create $WINEPREFIX" >&2; exit 1; }
  echo "install-deps: created WINEPREFIX=$WINEPREFIX in $(((end - start) / 1000000)) ms"
else
  echo "install-deps: reusing WINEPREFIX=$WINEPREFIX"
fi
# The ProcessPrng stand-in, into the 64-bit system32 (Go loads it with
# LOAD_LIBRARY_SEARCH_SYSTEM32); env.sh's WINEDLLOVERRIDES loads it as native.
gcc=x86_64-w64-mingw32-gcc-posix
command -v "$gcc" >/dev/null || gcc=x86_64-w64-mingw32-gcc
shim_dir="$(mktemp -d)"
trap 'rm -rf "$shim_dir"' EXIT
# No timestamp and a fixed image base: the same source gives the same bytes,
# so an unchanged DLL is not copied again.
"$gcc" -O2 -Wall -shared -nostdlib -Wl,-e,DllEntry -Wl,--no-insert-timestamp -Wl,--disable-auto-image-base \
  -o "$shim_dir/bcryptprimitives.dll" "$here/bcryptprimitives.c" -ladvapi32
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if cmp -s "$shim_dir/bcryptprimitives.dll" "$shim"; then
  echo "install-deps: $shim is up to date"
else
  cp "$shim_dir/bcryptprimitives.dll" "$shim"
  echo "install-deps: installed $shim (ProcessPrng for go1.21+ go.exe)"
fi
echo "install-deps: $(wine --version 2>/dev/null), $(x86_64-w64-mingw32-g++-posix --version | head -1)"
