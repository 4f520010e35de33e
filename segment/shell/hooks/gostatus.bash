# gostatus init bash: add  eval "$(gostatus init bash)"  to ~/.bashrc
# (after oh-my-posh or starship init). Before each prompt it exports
# POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and POSH_GOSTATUS_VERSION, running
# gostatus only when something the answer depends on changed: the exported
# variables gostatus reads, the directory, or a file (gostatus hands over
# _gostatus_unchanged, which checks them; it starts no process).
_gostatus_update() {
  local _gostatus_out _gostatus_sig_now _gostatus_n _gostatus_v
  # The exported variables the answer depends on, with their values, and
  # the directory, as one string; a length before each value keeps it
  # unambiguous. (Inline: every function call costs.)
  _gostatus_sig_now="${#PWD}:$PWD@SIG_FIXED@"
  for _gostatus_n in ${!GO*} ${!Go*} ${!gO*} ${!go*}@PREFIXED@; do
    [[ -v $_gostatus_n ]] || continue
    case ${!_gostatus_n@a} in
      *x*)
        _gostatus_v=${!_gostatus_n}
        _gostatus_sig_now+="|$_gostatus_n=${#_gostatus_v}:$_gostatus_v"
        ;;
    esac
  done
  if [[ -n ${_gostatus_skip-} && $_gostatus_sig_now == "${_gostatus_sig-}" ]] && _gostatus_unchanged; then
    return 0
  fi
  _gostatus_skip=
  _gostatus_sig=$_gostatus_sig_now
  if _gostatus_out=$(command @BIN@ --export bash@DEPS@@ARGS@ 2>/dev/null) && [ -n "$_gostatus_out" ]; then
    eval "$_gostatus_out"
  else
    export POSH_GOSTATUS='' POSH_GOSTATUS_HEALTH='' POSH_GOSTATUS_VERSION=''
  fi
}
_gostatus_precmd() {
  local _gostatus_status=$?
  if [ -n "${_gostatus_seen-}" ]; then
    _gostatus_seen=
  else
    _gostatus_update
    _gostatus_fresh=1
  fi
  return "$_gostatus_status"
}
_gostatus_context() {
  if [ -n "${_gostatus_fresh-}" ]; then
    _gostatus_fresh=
  else
    _gostatus_update
  fi
  _gostatus_seen=1
}
_gostatus_install() {
  local _gostatus_def _gostatus_cmd
  if declare -F set_poshcontext >/dev/null; then
    _gostatus_def=$(declare -f set_poshcontext)
    case $_gostatus_def in
      *_gostatus_context*) ;;
      *)
        eval "_gostatus_orig_set_poshcontext${_gostatus_def#set_poshcontext}"
        set_poshcontext() { _gostatus_context; _gostatus_orig_set_poshcontext "$@"; }
        ;;
    esac
  else
    set_poshcontext() { _gostatus_context; }
  fi
  # starship renders inside starship_precmd (PROMPT_COMMAND), so a hook after
  # it would show each change one prompt late. starship_precmd_user_func runs
  # in there after starship saved $? and before it renders; one the user set
  # keeps running, after ours.
  if declare -F starship_precmd >/dev/null; then
    case ${starship_precmd_user_func-} in
      _gostatus_starship_precmd) ;;
      *)
        _gostatus_starship_prev=${starship_precmd_user_func-}
        _gostatus_starship_precmd() {
          _gostatus_precmd
          if [ -n "${_gostatus_starship_prev-}" ]; then "$_gostatus_starship_prev"; fi
        }
        starship_precmd_user_func=_gostatus_starship_precmd
        ;;
    esac
    return 0
  fi
  # Last in PROMPT_COMMAND, so hooks before it see the user's $? and
  # PIPESTATUS; "&& :" hands $? on to later hooks and PS1 without tripping
  # set -e (and turns set -e off inside the hook).
  if [ -n "${bash_preexec_imported-}${__bp_imported-}" ]; then
    case " ${precmd_functions[*]-} " in
      *" _gostatus_precmd "*) ;;
      *) precmd_functions+=(_gostatus_precmd) ;;
    esac
    return 0
  fi
  for _gostatus_cmd in ${PROMPT_COMMAND[@]+"${PROMPT_COMMAND[@]}"}; do
    case $_gostatus_cmd in *_gostatus_precmd*) return 0 ;; esac
  done
  if [ "${BASH_VERSINFO[0]}" -gt 5 ] || { [ "${BASH_VERSINFO[0]}" -eq 5 ] && [ "${BASH_VERSINFO[1]}" -ge 1 ]; }; then
    PROMPT_COMMAND+=('_gostatus_precmd && :')
  else
    # shellcheck disable=SC2178 # before bash 5.1 PROMPT_COMMAND is a string, not an array
    PROMPT_COMMAND="${PROMPT_COMMAND-}${PROMPT_COMMAND:+$'\n'}_gostatus_precmd && :"
  fi
}
@GUARD_BEGIN@
_gostatus_install
@NOTIFY@
@GUARD_END@
unset -f _gostatus_install
