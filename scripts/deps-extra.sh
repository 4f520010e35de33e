#!/usr/bin/env bash
# The test peers that are not plain apt packages on Debian 12:
#   pwsh      PowerShell 7.6.10 as a .NET global tool (NuGet), in
#             ~/.dotnet/tools/pwsh; needs the .NET SDK (`dotnet`). 7.7.0 fails
#             to install, so the version is pinned.
#   starship  Debian's starship (sid only) needs a newer libc than bookworm's:
#             the package and trixie's libc6 and libgcc-s1 are unpacked
#             (dpkg -x, nothing installed system-wide) into
#             $GOSTATUS_TOOLS/starship, and a wrapper script bin/starship
#             starts it through that folder's own loader.
# GOSTATUS_TOOLS defaults to ~/.cache/gostatus-tools; tests/e2e finds both
# there (or on PATH). Each is skipped, with the reason, where it cannot be
# had; the suites that need it then skip (and fail under CI=true).
set -euo pipefail

tools="${GOSTATUS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gostatus-tools}"
pwsh_version=7.6.10
status=0

install_pwsh() {
  if [ -x "$HOME/.dotnet/tools/pwsh" ] && "$HOME/.dotnet/tools/pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$pwsh_version"; then
    return 0
  fi
  if ! command -v dotnet >/dev/null; then
    echo "deps-extra: no dotnet here, so no pwsh: install the .NET SDK, then run this again" >&2
    return 1
  fi
  echo "deps-extra: installing PowerShell $pwsh_version (dotnet tool install --global)"
  dotnet tool uninstall --global PowerShell >/dev/null 2>&1 || true
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    dotnet tool install --global PowerShell --version "$pwsh_version" >/dev/null ||
    { echo "deps-extra: dotnet tool install PowerShell $pwsh_version failed" >&2; return 1; }
  "$HOME/.dotnet/tools/pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' >/dev/null ||
    { echo "deps-extra: ~/.dotnet/tools/pwsh does not start" >&2; return 1; }
}

install_starship() {
  local dir="$tools/starship"
  if [ -x "$dir/bin/starship" ] && "$dir/bin/starship" --version >/dev/null 2>&1; then return 0; fi
  local policy
  policy=$(apt-cache policy starship 2>/dev/null || true)
  if ! grep -qE ' (sid|unstable)/main' <<<"$policy"; then
    echo "deps-extra: apt knows no starship from sid (scripts/deps.sh test adds sid, pinned, on Debian 12)" >&2
    return 1
  fi
  local work
  work=$(mktemp -d)
  # apt-get download runs as _apt where it can; let it write there.
  chmod 777 "$work"
  echo "deps-extra: unpacking starship (sid) with trixie's libc6 and libgcc-s1 into $dir"
  (cd "$work" && apt-get download -qq starship/sid libc6/trixie libgcc-s1/trixie) ||
    { echo "deps-extra: apt-get download starship/sid libc6/trixie libgcc-s1/trixie failed" >&2; rm -rf "$work"; return 1; }
  rm -rf "$dir"
  mkdir -p "$dir/root" "$dir/bin"
  local deb
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$dir/root"; done
  rm -rf "$work"
  local loader
  loader=$(find "$dir/root" -name 'ld-linux-*.so.*' | head -n1)
  [ -n "$loader" ] || { echo "deps-extra: no ld-linux loader in trixie's libc6" >&2; return 1; }
  local libs="$dir/root/lib/x86_64-linux-gnu:$dir/root/usr/lib/x86_64-linux-gnu"
  cat >"$dir/bin/starship" <<EOF
#!/bin/sh
# starship from Debian sid, on trixie's libc, through that libc's own loader.
exec "$loader" --library-path "$libs" "$dir/root/usr/bin/starship" "\$@"
EOF
  chmod +x "$dir/bin/starship"
  "$dir/bin/starship" --version >/dev/null || { echo "deps-extra: $dir/bin/starship does not start" >&2; return 1; }
  echo "deps-extra: $("$dir/bin/starship" --version | head -n1)"
}

install_pwsh || status=1
install_starship || status=1
exit "$status"
