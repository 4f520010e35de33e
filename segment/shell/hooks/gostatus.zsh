# gostatus init zsh: add  eval "$(gostatus init zsh)"  to ~/.zshrc
# (after oh-my-posh or starship init). Before each prompt it exports
# POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and POSH_GOSTATUS_VERSION, running
# gostatus only when something the answer depends on changed: the exported
# variables gostatus reads, the directory, or a file (gostatus hands over
# _gostatus_unchanged, which checks them with zstat; it starts no process).
typeset -g _gostatus_seen='' _gostatus_fresh='' _gostatus_skip='' _gostatus_sig='' _gostatus_deps=''
# Only zstat: loading all of zsh/stat would shadow the stat command.
@DEPS_GUARD@zmodload -F zsh/stat b:zstat 2>/dev/null && _gostatus_deps=--with-deps
_gostatus_update() {
  emulate -L zsh
  local out _gostatus_sig_now n v
  # The exported variables the answer depends on, with their values, and
  # the directory, as one string; a length before each value keeps it
  # unambiguous. (Inline: every zsh function call maps and unmaps memory.)
  # One scan of the parameters finds the names, by prefix or whole; the
  # loop then only visits the few that are set.
  _gostatus_sig_now="${#PWD}:$PWD"
  for n in ${(o)parameters[(I)(([Gg][Oo]@PREFIXED@)*|@NAMES_RE@)]}; do
    [[ ${parameters[$n]} == *export* ]] || continue
    v=${(P)n}
    _gostatus_sig_now+="|$n=${#v}:$v"
  done
  if [[ -n $_gostatus_skip && $_gostatus_sig_now == "$_gostatus_sig" ]] && _gostatus_unchanged; then
    return 0
  fi
  _gostatus_skip=''
  _gostatus_sig=$_gostatus_sig_now
  if out=$(command @BIN@ --export zsh ${_gostatus_deps:+$_gostatus_deps}@ARGS@ 2>/dev/null) && [[ -n $out ]]; then
    eval "$out"
  else
    export POSH_GOSTATUS='' POSH_GOSTATUS_HEALTH='' POSH_GOSTATUS_VERSION=''
  fi
}
_gostatus_precmd() {
  emulate -L zsh
  if [[ -n $_gostatus_seen ]]; then
    _gostatus_seen=''
  else
    _gostatus_update
    _gostatus_fresh=1
  fi
}
_gostatus_context() {
  emulate -L zsh
  if [[ -n $_gostatus_fresh ]]; then
    _gostatus_fresh=''
  else
    _gostatus_update
  fi
  _gostatus_seen=1
}
() {
  emulate -L zsh
  if (( $+functions[set_poshcontext] )); then
    if [[ $functions[set_poshcontext] != *_gostatus_context* ]]; then
      functions[_gostatus_orig_set_poshcontext]=$functions[set_poshcontext]
      set_poshcontext() { _gostatus_context; _gostatus_orig_set_poshcontext "$@"; }
    fi
  else
    set_poshcontext() { _gostatus_context; }
  fi
@GUARD@
  # First in precmd_functions: zsh gives every precmd function the
  # user's $?, and Oh My Posh (added later, or already there) renders after.
  precmd_functions=(_gostatus_precmd ${precmd_functions[@]:#_gostatus_precmd})
@NOTIFY@
}
