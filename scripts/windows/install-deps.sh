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
echo "install-deps: $(wine --version 2>/dev/null), $(x86_64-w64-mingw32-g++-posix --version | head -1)"
