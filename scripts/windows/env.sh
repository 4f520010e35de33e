# shellcheck shell=bash
# Sourced by the scripts in scripts/windows/: the Wine environment they share.
# Headless (no DISPLAY), quiet, and a prefix of its own unless the caller set
# WINEPREFIX. WINEDLLOVERRIDES keeps wineboot from looking for Mono and Gecko
# (Debian packages neither; without a display it would skip them anyway), and
# loads the prefix's bcryptprimitives.dll, the ProcessPrng stand-in that
# install-deps.sh builds (scripts/windows/bcryptprimitives.c), as native.
unset DISPLAY WAYLAND_DISPLAY
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEPREFIX="${WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/gostatus-wine}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;bcryptprimitives=n}"
# 64-bit only: Debian's /usr/bin/wine wrapper picks wine64 when wine32 is absent.
export WINEARCH="${WINEARCH:-win64}"
