#!/usr/bin/env bash
# Builds gostatus's release artifacts into dist/ (or $DIST), reproducibly:
#
#   gostatus-VERSION.tar.gz                   the source (git archive of HEAD)
#   gostatus-VERSION-linux-amd64.tar.gz       static; bin/, share/gostatus/themes, share/doc
#   gostatus-VERSION-linux-arm64.tar.gz       the same, cross-built (g++-aarch64-linux-gnu)
#   gostatus-VERSION-windows-amd64.zip        mingw-w64, static; flat: gostatus.exe, themes/
#   gostatus_VERSION_amd64.deb                CPack, installs under /usr
#   SHA256SUMS
#   packaging/                                scoop, winget and Homebrew manifests
#                                             carrying the hashes above
#
# Usage: scripts/release.sh VERSION [--twice]
#   --twice      build everything a second time into another folder and
#                compare the bytes (the reproducibility check)
#   RELEASE_URL  base of the download URLs in the manifests; an artifact's
#                URL is RELEASE_URL/vVERSION/NAME (default: the project's
#                GitHub releases page, see packaging/README.md)
#   DIST         output folder (default: <repo>/dist)
#
# What makes two builds identical: the sources come from `git archive HEAD`
# (never the working tree), SOURCE_DATE_EPOCH is the commit's time and is
# used for every timestamp in the archives, -ffile-prefix-map hides the
# temporary source and build folders, mingw's linker is told not to stamp
# the PE header, and archives list their files sorted, owned by root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

version="${1:-}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z.-]+)?$ ]] ||
  { echo "usage: scripts/release.sh VERSION [--twice]   (VERSION like 0.1.0)" >&2; exit 2; }
twice="${2:-}"
dist="${DIST:-$root/dist}"
release_url="${RELEASE_URL:-https://github.com/gostatus/gostatus/releases/download}"

for tool in git cmake x86_64-w64-mingw32-g++-posix aarch64-linux-gnu-g++ python3 cpack; do
  command -v "$tool" >/dev/null || { echo "release.sh: $tool is missing (scripts/deps.sh test installs it)" >&2; exit 1; }
done
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]]; then
  echo "release.sh: note: the working tree has uncommitted changes; the release is built from HEAD ($(git -C "$root" rev-parse --short=12 HEAD)) without them" >&2
fi

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct HEAD)}"
export TZ=UTC LC_ALL=C
commit="$(git -C "$root" rev-parse --short=12 HEAD)"
jobs="$(nproc)"

# build_all OUT: every artifact of this release into OUT.
build_all() {
  local out="$1" work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  mkdir -p "$out"
  local src="$work/src" name="gostatus-$version"
  mkdir -p "$src"
  git -C "$root" archive --format=tar --prefix="$name/" HEAD | gzip -n -9 >"$out/$name.tar.gz"
  tar -xzf "$out/$name.tar.gz" -C "$src" --strip-components=1

  local maps="-ffile-prefix-map=$src=. -ffile-prefix-map=$work=."
  configure_build() { # DIR EXTRA_FLAGS [cmake args...]
    local dir="$1" flags="$2"
    shift 2
    cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DGOSTATUS_TESTS=OFF -DGOSTATUS_UNITY=ON \
      -DGOSTATUS_VERSION_STRING="$version" -DGOSTATUS_COMMIT="$commit" \
      -DCMAKE_C_FLAGS="$maps $flags" -DCMAKE_CXX_FLAGS="$maps $flags" "$@" >/dev/null
    cmake --build "$dir" -j"$jobs" >/dev/null
  }
  # pack_tar DIR NAME: NAME.tar.gz of DIR's contents under NAME/.
  pack_tar() {
    tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
      --mode='u+rwX,go+rX,go-w' -C "$(dirname "$1")" --transform "s|^$(basename "$1")|$2|" \
      -cf - "$(basename "$1")" | gzip -n -9 >"$out/$2.tar.gz"
  }

  # Linux amd64, and the .deb from the same build tree.
  configure_build "$work/linux-amd64" ""
  DESTDIR= cmake --install "$work/linux-amd64" --prefix "$work/stage/linux-amd64" >/dev/null
  pack_tar "$work/stage/linux-amd64" "$name-linux-amd64"
  (cd "$work/linux-amd64" && cpack -G DEB -D CPACK_PACKAGE_DIRECTORY="$work/deb" >/dev/null)
  cp "$work/deb/gostatus_${version}_amd64.deb" "$out/"

  # Linux arm64.
  configure_build "$work/linux-arm64" "" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake"
  cmake --install "$work/linux-arm64" --prefix "$work/stage/linux-arm64" >/dev/null
  pack_tar "$work/stage/linux-arm64" "$name-linux-arm64"

  # Windows amd64: a flat zip, the layout scoop and winget unpack as is.
  configure_build "$work/windows-amd64" "" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/mingw-w64.cmake" \
    -DCMAKE_EXE_LINKER_FLAGS="-Wl,--no-insert-timestamp"
  local zipdir="$work/stage/windows-amd64"
  mkdir -p "$zipdir"
  cp "$work/windows-amd64/gostatus.exe" "$src/README.md" "$src/LICENSE" "$zipdir/"
  cp -r "$src/themes" "$zipdir/themes"
  python3 "$root/packaging/reprozip.py" "$zipdir" "$out/$name-windows-amd64.zip"

  (cd "$out" && sha256sum -- *.tar.gz *.zip *.deb | sort -k2 >SHA256SUMS)
  python3 "$root/packaging/render.py" --version "$version" --commit "$commit" \
    --url "$release_url" --sums "$out/SHA256SUMS" --out "$out/packaging"
}

start=$(date +%s)
rm -rf "$dist"
build_all "$dist"
echo "release.sh: $version ($commit) in $(($(date +%s) - start)) s, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH:"
(cd "$dist" && cat SHA256SUMS)

if [[ "$twice" == "--twice" ]]; then
  again="$(mktemp -d)"
  trap 'rm -rf "$again"' EXIT
  start=$(date +%s)
  build_all "$again/dist"
  if diff -r "$dist" "$again/dist" >/dev/null; then
    echo "release.sh: reproducible: a second build in $(($(date +%s) - start)) s gave identical bytes for every file"
  else
    echo "release.sh: NOT reproducible: the second build differs:" >&2
    diff -r "$dist" "$again/dist" >&2 || true
    exit 1
  fi
fi
