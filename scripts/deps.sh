#!/usr/bin/env bash
# Installs what gostatus needs on Debian/Ubuntu.
#   scripts/deps.sh build   compiler, CMake, fmt, xxHash, GoogleTest
#   scripts/deps.sh test    build + what the test suites drive: real Go SDKs
#                           (the differential oracle), strace, shells, Wine...
# As root (or with sudo) it installs with apt; otherwise it prints the exact
# apt command and stops with status 1.
set -euo pipefail

what=${1:-build}
build_pkgs=(cmake g++ make libfmt-dev libxxhash-dev libgtest-dev python3)
# (The Windows cross build and Wine come from scripts/windows/install-deps.sh,
# which `test` runs too.)
test_pkgs=(strace zsh fish tmux python3-jsonschema python3-yaml)
# Go SDKs: 1.19 from Debian bookworm itself, newer ones from bookworm-backports.
go_main=(golang-1.19-go)
go_backports=(golang-1.21-go golang-1.22-go golang-1.23-go)

pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}" "${go_main[@]}" "${go_backports[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# test: also the Windows cross toolchain and Wine (and a Wine prefix).
windows_deps() {
  if [ "$what" = test ]; then "$(dirname "$0")/windows/install-deps.sh"; fi
}
[ ${#missing[@]} -eq 0 ] && { windows_deps; exit 0; }

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "gostatus needs these packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
    echo "(the Go SDKs golang-1.21/1.22/1.23-go come from bookworm-backports on Debian 12)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
need_backports=0
for p in "${missing[@]}"; do
  case " ${go_backports[*]} " in *" $p "*) need_backports=1 ;; esac
done
if [ "$need_backports" = 1 ] && [ "$codename" = bookworm ] &&
   ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # Same mirror as the existing bookworm entry.
  mirror=$(grep -rhoE 'https?://[^ ]+/debian/?' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
           grep -v security | head -n1)
  mirror=${mirror:-http://deb.debian.org/debian}
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" | "${sudo[@]}" tee /etc/apt/sources.list.d/gostatus-backports.sources >/dev/null
fi
"${sudo[@]}" apt-get update -qq
main=() bp=()
for p in "${missing[@]}"; do
  case " ${go_backports[*]} " in
    *" $p "*) bp+=("$p") ;;
    *) main+=("$p") ;;
  esac
done
[ ${#main[@]} -gt 0 ] && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${main[@]}"
if [ ${#bp[@]} -gt 0 ]; then
  if [ "$codename" = bookworm ]; then
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends -t bookworm-backports "${bp[@]}"
  else
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${bp[@]}" ||
      echo "note: ${bp[*]} not available here; tests that need them will skip" >&2
  fi
fi
windows_deps
