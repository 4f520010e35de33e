#!/usr/bin/env bash
# Does the README's quick start work on a brand-new Debian 12 machine?
# Builds one in a temporary folder and tries:
#   1. debootstrap a minimal bookworm (minbase) from this machine's mirror
#      (scripts/apt-mirror.sh, as deps.sh finds it), with apt set up as the
#      machine images have it: a deb822 /etc/apt/sources.list.d/debian.sources
#      that starts with comments, no /etc/apt/sources.list, and this
#      machine's /etc/apt/apt.conf.d;
#   2. clone the repository into it at one commit (its committed state: local
#      changes are not part of the check);
#   3. run the README's first command, scripts/setup.sh;
#   4. run .ci/run's install step, CI=true scripts/deps.sh test;
# and reports each step's exit status and duration. Not part of CI: it needs
# root and downloads a few GB.
#
# Usage (as root): scripts/fresh-machine-check.sh [REPO_DIR] [REF]
#   REPO_DIR defaults to the repository this script lives in, REF to HEAD.
#   A single argument that is not a directory is taken as the REF.
#   FRESH_CHECK_KEEP=1 keeps the folder (its path is printed); the steps'
#   logs are kept in any case.
# Exit status: 0 when every step exited 0, 1 otherwise, 2 on bad usage.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "fresh-machine-check: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mounts)"

# Everything runs in a private mount namespace: whatever happens to this
# script (even SIGKILL), the chroot's mounts never outlive it on the host.
if [ -z "${FRESH_CHECK_IN_NS:-}" ]; then
  command -v unshare >/dev/null || die "unshare (util-linux) is missing"
  FRESH_CHECK_IN_NS=1 exec unshare --mount --propagation private "$0" "$@"
fi

repo=$(git -C "$here" rev-parse --show-toplevel)
ref=HEAD
if [ $# -ge 1 ] && [ -d "$1" ]; then repo=$1; shift; fi
if [ $# -ge 1 ]; then ref=$1; shift; fi
[ $# -eq 0 ] || die "usage: scripts/fresh-machine-check.sh [REPO_DIR] [REF]"
commit=$(git -C "$repo" rev-parse --verify "$ref^{commit}") || die "$ref is not a commit in $repo"

command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
mirror=$("$here/apt-mirror.sh" bookworm) || die "this machine's apt has no bookworm entry to take the mirror from"
security=$("$here/apt-mirror.sh" bookworm-security || true)

work=$(mktemp -d "${TMPDIR:-/tmp}/gostatus-fresh.XXXXXX")
root=$work/root
mkdir -p "$root"
# The logs outlive the folder.
logs=$(mktemp -d "${TMPDIR:-/tmp}/gostatus-fresh-logs.XXXXXX")
mounted=()   # mount points inside $root, in mount order

cleanup() {
  local status=$? pid i
  # Processes the steps left behind in the chroot (wineserver, dotnet's
  # build servers): ours, found by their root directory.
  for pid in /proc/[0-9]*; do
    [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ] && kill "${pid#/proc/}" 2>/dev/null
  done
  sleep 1
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || echo "fresh-machine-check: cannot unmount ${mounted[$i]}" >&2
  done
  if [ -n "${FRESH_CHECK_KEEP:-}" ]; then
    echo "kept: $work"
  elif grep -qF " $root" /proc/self/mountinfo; then
    # Never delete through a mount that is still there.
    echo "fresh-machine-check: mounts remain under $root; not deleting $work" >&2
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_in() { # mount_in TARGET-INSIDE-ROOT MOUNT-ARGS...
  local target=$root$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}

results=()
failed=0
# step NAME COMMAND...: runs it, output to $logs/NAME.log, and records
# "NAME  exit N  Ms". A failed step's log tail is shown; later steps still run
# (each says something), except where noted.
step() {
  local name=$1 start end rc=0
  shift
  echo "== $name: $*"
  start=$(date +%s)
  "$@" >"$logs/$name.log" 2>&1 || rc=$?
  end=$(date +%s)
  results+=("$(printf '%-22s exit %-3s %4ss' "$name" "$rc" "$((end - start))")")
  if [ "$rc" -ne 0 ]; then
    failed=1
    echo "-- $name failed (exit $rc); the last lines of its log:"
    tail -n 40 "$logs/$name.log"
  fi
  return "$rc"
}

write_sources() {
  rm -f "$root/etc/apt/sources.list"
  mkdir -p "$root/etc/apt/sources.list.d"
  {
    echo "# Debian's apt sources, written by scripts/fresh-machine-check.sh as the"
    echo "# machine images have them: deb822 only, no /etc/apt/sources.list, and a"
    echo "# comment inside each stanza."
    printf 'Types: deb\n# (the images keep a snapshot address here)\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror"
    if [ -n "$security" ]; then
      printf '\nTypes: deb\n# (the images keep a snapshot address here)\nURIs: %s\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$security"
    fi
  } >"$root/etc/apt/sources.list.d/debian.sources"
}

in_chroot() { # in_chroot COMMAND...: a login-like root environment, nothing of ours leaks in
  local env=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8
             PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  local v
  # The images set these for their preinstalled .NET SDK (and SSL_CERT_* for
  # their certificate store); keep them. Among
  # them NUGET_CERT_REVOCATION_MODE=offline: without it NuGet's certificate
  # revocation check has no network to ask, and `dotnet tool install` fails
  # with "Unable to load the service index".
  for v in $(compgen -e | grep -E '^(DOTNET|NUGET)_|^SSL_CERT_(FILE|DIR)$' || true); do env+=("$v=${!v}"); done
  chroot "$root" /usr/bin/env -i "${env[@]}" "$@"
}

# The machines this project runs on come with the .NET SDK (dotnet), which
# Debian does not package; deps-extra.sh installs pwsh with it. A fresh
# machine of that kind is therefore bookworm + dotnet: the host's dotnet
# folder is bind-mounted read-only at the same path (so the chroot cannot
# change it), the command linked as on the host, and the libraries .NET
# needs on Debian 12 are installed as part of that image, before the check.
dotnet_cmd=$(command -v dotnet || true)
dotnet_dir=""
[ -n "$dotnet_cmd" ] && dotnet_dir=$(dirname "$(readlink -f "$dotnet_cmd")")
image_layer() {
  [ -n "$dotnet_dir" ] || { echo "no dotnet on this machine: the chroot gets none either"; return 0; }
  mount_in "$dotnet_dir" --bind "$dotnet_dir"
  mount -o remount,bind,ro "$root$dotnet_dir"
  mkdir -p "$root$(dirname "$dotnet_cmd")"
  ln -sfn "$(readlink -f "$dotnet_cmd")" "$root$dotnet_cmd"
  in_chroot apt-get update -qq
  in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libc6 libgcc-s1 libgssapi-krb5-2 libicu72 libssl3 libstdc++6 zlib1g
  # The images also trust local certificate authorities (under
  # /usr/local/share/ca-certificates) that their HTTPS egress needs: NuGet
  # fails with "Unable to load the service index" without them (the second
  # full run of this check). They are part of the image, so they come along.
  in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates
  if [ -d /usr/local/share/ca-certificates ]; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
    in_chroot update-ca-certificates >/dev/null
  fi
  in_chroot dotnet --version
}

echo "fresh-machine-check: $repo at $commit, bookworm from $mirror, in $work"
step debootstrap debootstrap --variant=minbase bookworm "$root" "$mirror" || exit 1
write_sources
# The images' apt settings (apt.conf.d) come with them: e.g. a mirror that
# serves frozen snapshots needs Check-Valid-Until off, or the Release files
# of sid and trixie count as expired and apt-get update fails.
cp -a /etc/apt/apt.conf.d/. "$root/etc/apt/apt.conf.d/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts --bind /dev/pts
mount_in /dev/shm -t tmpfs tmpfs -o mode=1777
step image-dotnet image_layer || true
step clone git clone -q --no-checkout "$repo" "$root/root/gostatus" || exit 1
# The commit may be on no branch (a detached worktree): fetch it by name too.
step checkout sh -c "git -C '$root/root/gostatus' checkout -q --detach '$commit' 2>/dev/null ||
  { git -C '$root/root/gostatus' fetch -q '$repo' '$commit' && git -C '$root/root/gostatus' checkout -q --detach '$commit'; }" || exit 1
step setup.sh in_chroot bash -c 'cd /root/gostatus && scripts/setup.sh' || true
step deps.sh-test in_chroot env CI=true bash -c 'cd /root/gostatus && scripts/deps.sh test' || true
# What the install step left for the test suites to find.
# shellcheck disable=SC2016  # expanded inside the chroot
step inventory in_chroot bash -c '
  cd /root/gostatus
  for g in /usr/lib/go-1.*/bin/go; do echo "$g: $($g version)"; done
  echo "pwsh: $(~/.dotnet/tools/pwsh -NoProfile -Command "\$PSVersionTable.PSVersion.ToString()")"
  echo "starship: $(~/.cache/gostatus-tools/starship/bin/starship --version | head -n1)"
  echo "wine: $(wine --version)"
  echo "mingw: $(x86_64-w64-mingw32-g++-posix --version | head -n1)"
  for t in strace zsh fish tmux shellcheck setpriv; do printf "%s: %s\n" "$t" "$(command -v $t)"; done
  build/gostatus --version 2>/dev/null || true' || true
cat "$logs/inventory.log"

echo
echo "fresh-machine-check report ($commit):"
for r in "${results[@]}"; do echo "  $r"; done
echo "  (logs: $logs)"
[ "$failed" -eq 0 ]
