#!/usr/bin/env bash
# Installs what gostatus needs on Debian/Ubuntu.
#   scripts/deps.sh build   compiler, CMake, fmt, xxHash, GoogleTest
#   scripts/deps.sh test    build + what the test suites drive: the real Go
#                           SDKs (the differential oracle), strace, the shells,
#                           PowerShell, starship, Wine and mingw-w64
# As root (or with passwordless sudo) it installs; otherwise it prints the
# exact apt command and stops with status 1. Every failure says why and exits
# non-zero.
#
# Go SDKs on Debian 12 (bookworm) come from four suites:
#   golang-1.19-go            bookworm
#   golang-1.21/1.22/1.23-go  bookworm-backports
#   golang-1.24-go            trixie
#   golang-1.25/1.26/1.27-go  trixie-backports
# Each trixie SDK depends only on its own -src package, so it installs on
# bookworm. The suites are added with the mirror of the existing bookworm
# entry, and pinned (/etc/apt/preferences.d/gostatus) so that nothing but the
# named golang packages can ever come from trixie, trixie-backports or sid.
# On other releases (Ubuntu) the SDKs the release itself has are installed;
# the rest are named, and the suites that need them skip (outside CI).
set -euo pipefail

what=${1:-build}
case "$what" in build | test) ;; *) echo "usage: scripts/deps.sh [build|test]" >&2; exit 2 ;; esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "deps.sh: $*" >&2; exit 1; }

build_pkgs=(cmake g++ make libfmt-dev libxxhash-dev libgtest-dev python3)
# The test suites: strace (no-spawn checks), the shells and tmux (hooks),
# jsonschema/yaml (themes, manifests), shellcheck (the hook scripts),
# clang + libFuzzer (fuzzing), util-linux's setpriv (unprivileged cases).
test_pkgs=(strace zsh fish tmux python3-jsonschema python3-yaml shellcheck util-linux
           dpkg-dev xz-utils ca-certificates clang libclang-rt-14-dev
           g++-aarch64-linux-gnu qemu-user-static)
go_versions=(19 21 22 23 24 25 26 27)

suite_of() { # golang-1.NN-go -> the bookworm suite that has it
  case "$1" in
    19) echo bookworm ;;
    21 | 22 | 23) echo bookworm-backports ;;
    24) echo trixie ;;
    *) echo trixie-backports ;;
  esac
}

. /etc/os-release 2>/dev/null || true
codename=${VERSION_CODENAME:-}

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    sudo=(none)
  fi
fi
export DEBIAN_FRONTEND=noninteractive

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Adds bookworm-backports, trixie, trixie-backports (and sid, for starship's
# package only: pinned so that nothing installs from it) next to bookworm.
add_suites() {
  local mirror list=/etc/apt/sources.list.d/gostatus.sources prefs=/etc/apt/preferences.d/gostatus
  if [ -f "$list" ] && [ -f "$prefs" ]; then return 0; fi
  mirror=$("$here/apt-mirror.sh" bookworm) ||
    die "no apt entry for bookworm found (looked for a 'Suites: bookworm' stanza in /etc/apt/sources.list.d/*.sources and a 'deb URI bookworm' line in /etc/apt/sources.list); add one, then run this again"
  echo "deps.sh: adding bookworm-backports, trixie, trixie-backports and sid from $mirror, pinned to the golang packages"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || die "$keyring is missing (package debian-archive-keyring)"
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports trixie trixie-backports sid\nComponents: main\nSigned-By: %s\n' \
    "$mirror" "$keyring" | "${sudo[@]}" tee "$list" >/dev/null
  {
    # Specific records first: these names only, from the suite that has them.
    local v
    for v in "${go_versions[@]}"; do
      case "$(suite_of "$v")" in trixie | trixie-backports) ;; *) continue ;; esac
      printf 'Package: golang-1.%s-go golang-1.%s-src\nPin: release n=%s\nPin-Priority: 500\n\n' "$v" "$v" "$(suite_of "$v")"
    done
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: -10\n\n'
    printf 'Package: *\nPin: release n=trixie-backports\nPin-Priority: -10\n\n'
    printf 'Package: *\nPin: release n=sid\nPin-Priority: -10\n\n'
    printf 'Package: *\nPin: release n=bookworm-backports\nPin-Priority: 100\n'
  } | "${sudo[@]}" tee "$prefs" >/dev/null
}

pkgs=("${build_pkgs[@]}")
go_pkgs=()
if [ "$what" = test ]; then
  pkgs+=("${test_pkgs[@]}")
  for v in "${go_versions[@]}"; do go_pkgs+=("golang-1.$v-go"); done
fi

missing=()
for p in "${pkgs[@]}" "${go_pkgs[@]}"; do installed "$p" || missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "${sudo[*]}" = none ]; then
    echo "gostatus needs these packages: ${missing[*]}" >&2
    echo "Install them as root:  apt-get install -y ${missing[*]}" >&2
    echo "(on Debian 12 the Go SDKs 1.21-1.27 come from bookworm-backports, trixie and trixie-backports: run this script as root to add them, pinned)" >&2
    exit 1
  fi
  need_suites=0
  for p in "${missing[@]}"; do case "$p" in golang-1.19-go) ;; golang-*) need_suites=1 ;; esac; done
  if [ "$need_suites" = 1 ] && [ "$codename" = bookworm ]; then add_suites; fi
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed (see above)"
  plain=() sdks=() unavailable=()
  for p in "${missing[@]}"; do
    case "$p" in
      golang-*)
        if [ -n "$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2 }')" ]; then
          sdks+=("$p")
        else
          unavailable+=("$p")
        fi ;;
      *) plain+=("$p") ;;
    esac
  done
  if [ ${#plain[@]} -gt 0 ]; then
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${plain[@]}" ||
      die "apt-get install ${plain[*]} failed (see above)"
  fi
  if [ ${#sdks[@]} -gt 0 ]; then
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${sdks[@]}" ||
      die "apt-get install ${sdks[*]} failed (see above)"
  fi
  if [ ${#unavailable[@]} -gt 0 ]; then
    if [ "$codename" = bookworm ]; then
      die "${unavailable[*]}: no candidate even with the added suites (apt-cache policy ${unavailable[0]})"
    fi
    echo "deps.sh: not available on ${PRETTY_NAME:-this system}: ${unavailable[*]}; the suites that need them skip" >&2
  fi
fi

if [ "$what" = test ]; then
  "$here/windows/install-deps.sh"
  "$here/deps-extra.sh"
fi
