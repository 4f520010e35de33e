#!/usr/bin/env bash
# Builds a real Windows go.exe (cmd/go of one of Debian's Go SDKs) and lays
# it out as a Windows GOROOT, for running the real go under Wine next to
# gostatus.exe:
#
#   OUT/bin/go.exe
#   OUT/pkg/tool/windows_amd64/   (empty unless TOOLS="vet ..." is given; its
#                                  existence is what makes go.exe take OUT as
#                                  its GOROOT: cmd/go's findGOROOT looks for
#                                  <exe>/../../pkg/tool)
#   OUT/src -> /usr/lib/go-1.NN/src  (a Unix symlink: Wine follows it)
#   OUT/VERSION, OUT/go.env (go1.21+: GOPROXY, GOSUMDB, GOTOOLCHAIN defaults)
#
# Any version builds the same way: inside GOROOT/src, the go command treats
# std and cmd as vendored modules (-mod=vendor is its default there, and
# src/cmd/vendor holds cmd's dependencies), so nothing is fetched.
# A go1.21+ go.exe runs under Wine 8 only with the bcryptprimitives.dll
# stand-in that install-deps.sh puts in the prefix (bcryptprimitives.c).
#
# Usage: scripts/windows/build-go-exe.sh [OUT] [--check]
#   GO_SRC_ROOT  the Go to build with and from (default /usr/lib/go-1.19)
#   OUT          default ~/.cache/gostatus-goexe/go1.NN, NN from GO_SRC_ROOT's
#                VERSION (the cache scripts/windows/test.sh and the suites use)
#   TOOLS        extra cmd/ tools to build into pkg/tool/windows_amd64 (e.g. "vet")
#   --check      afterwards run `wine OUT/bin/go.exe env GOROOT GOPATH GOVERSION`
#   FORCE=1      rebuild even when OUT/bin/go.exe is already there
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
goroot="${GO_SRC_ROOT:-/usr/lib/go-1.19}"
[[ -x "$goroot/bin/go" ]] || { echo "build-go-exe: no Go at $goroot (scripts/deps.sh test installs Debian's golang-1.NN-go)" >&2; exit 1; }
out="${1:-}"
check="${2:-}"
if [[ -z "$out" || "$out" == --check ]]; then
  check="$out"
  # go1.27.4 -> go1.27: one cache directory per minor version.
  minor="$(head -n 1 "$goroot/VERSION" | sed -E 's/^(go[0-9]+\.[0-9]+).*/\1/')"
  . "$here/env.sh"
  out="$(dirname "$WINEPREFIX")/gostatus-goexe/$minor"
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

start=$(date +%s%N)
if [[ -x "$out/bin/go.exe" && -d "$out/pkg/tool/windows_amd64" && -z "${FORCE:-}" && -z "${TOOLS:-}" ]]; then
  echo "build-go-exe: $out/bin/go.exe exists (FORCE=1 rebuilds)"
  skip_build=1
fi
# Offline, local, reproducible: the std/cmd sources and their vendored
# dependencies are all in GOROOT, nothing is fetched.
build() {
  env -u GOFLAGS -u GOPATH -u GOBIN -u GOEXPERIMENT \
    GOROOT="$goroot" GOCACHE="$work/cache" GOPATH="$work/gopath" GOMODCACHE="$work/gopath/pkg/mod" \
    GOENV=off GOTOOLCHAIN=local GOPROXY=off GOSUMDB=off GO111MODULE= CGO_ENABLED=0 \
    GOOS=windows GOARCH=amd64 \
    "$goroot/bin/go" build -o "$1" "$2"
}
if [[ -z "${skip_build:-}" ]]; then
  (cd "$goroot/src" && build "$out/bin/go.exe" cmd/go)
  mkdir -p "$out/pkg/tool/windows_amd64"
  for t in ${TOOLS:-}; do
    (cd "$goroot/src" && build "$out/pkg/tool/windows_amd64/$t.exe" "cmd/$t")
  done
  ln -sfn "$(readlink -f "$goroot/src")" "$out/src"
  if [[ -f "$goroot/VERSION" ]]; then cp "$goroot/VERSION" "$out/VERSION"; fi
  if [[ -f "$goroot/go.env" ]]; then cp "$goroot/go.env" "$out/go.env"; fi
  echo "build-go-exe: $out/bin/go.exe ($(stat -c %s "$out/bin/go.exe") bytes) in $((($(date +%s%N) - start) / 1000000)) ms"
fi

if [[ "$check" == "--check" ]]; then
  . "$here/env.sh"
  start=$(date +%s%N)
  wine "$out/bin/go.exe" env GOROOT GOPATH GOVERSION </dev/null 2>/dev/null
  echo "build-go-exe: wine go.exe env took $((($(date +%s%N) - start) / 1000000)) ms"
fi
