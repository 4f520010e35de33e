#!/usr/bin/env bash
# Prints the URI of this machine's apt entry for SUITE (e.g. bookworm), so
# that scripts add suites (deps.sh) or build a chroot (fresh-machine-check.sh)
# from the mirror the machine already uses; no script names a host.
# Looks at deb822 stanzas in /etc/apt/sources.list.d/*.sources first
# (comments ignored: these images carry a commented-out snapshot address
# inside the stanza), then one-line entries in /etc/apt/sources.list(.d/*.list).
# Exit status 1, printing nothing, when no entry names SUITE.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/apt-mirror.sh SUITE" >&2; exit 2; }
suite=$1
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  awk -v want="$suite" '
    function flush() { if (isdeb && hassuite && uri != "" && !found) { print uri; found = 1 } isdeb = hassuite = 0; uri = "" }
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { flush(); next }
    tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1 }
    tolower($1) == "uris:" { if (uri == "") uri = $2 }
    tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == want) hassuite = 1 }
    tolower($1) == "enabled:" && tolower($2) == "no" { isdeb = 0; hassuite = 0; uri = "" }
    END { flush() }' "$f"
done | head -n1 | grep . && exit 0
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  # deb [options] URI SUITE COMPONENTS...
  sed -E 's/^[[:space:]]*//; s/\[[^]]*\][[:space:]]*//' "$f" |
    awk -v want="$suite" '$1 == "deb" && $3 == want { print $2; exit }'
done | head -n1 | grep .
