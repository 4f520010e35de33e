#!/bin/sh
# ctest's unit.unprivileged: the unit tests run again as nobody. CI runs as
# root, and root reads a mode 0000 file, searches a mode 0000 directory and
# writes into a mode 0500 one, so those tests skip in the root run
# (GS_SKIP_AS_ROOT, tests/test_skip.h) and run here.
#
# Usage: tests/unprivileged.sh UNIT-TEST-BINARY [gtest args...]
# Exit: the binary's; 77 (skip) without setpriv or a nobody user, which is
# a failure under CI=true.
set -eu
bin=$1
shift
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the unit run itself is unprivileged, so its permission tests ran there (nothing to do)"
  exit 0
fi
cannot() {
  case "${CI:-}" in
    true | TRUE | True | 1) echo "FAIL: CI=true, so this is not skipped: $1"; exit 1 ;;
  esac
  echo "SKIP: $1"
  exit 77
}
command -v setpriv >/dev/null || cannot "setpriv is not installed (util-linux; scripts/deps.sh test)"
group=$(id -gn nobody 2>/dev/null) || cannot "there is no user nobody"

# The build tree may sit under a directory nobody cannot enter (a checkout
# in /root): run a copy from a world-readable folder, with a HOME and TMPDIR
# nobody owns.
work=$(mktemp -d "${TMPDIR:-/tmp}/gostatus-unprivileged.XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cp "$bin" "$work/unit_tests"
mkdir "$work/home"
chown nobody:"$group" "$work/home"
cd "$work/home"
status=0
setpriv --reuid=nobody --regid="$group" --clear-groups \
  env HOME="$work/home" TMPDIR="$work/home" "$work/unit_tests" "$@" || status=$?
echo "unit tests as $(id -un nobody):$group: exit $status"
exit "$status"
