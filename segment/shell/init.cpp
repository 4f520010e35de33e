#include "segment/shell/init.h"

#include <fmt/format.h>

#include "segment/golang/strconv.h"
#include "segment/probe/inputs.h"

namespace gs {

// ---------------------------------------------------------------------------
// --export

std::string render_export(Shell shell, std::string_view line, std::string_view health,
                          std::string_view version) {
  struct Var {
    const char* name;
    std::string_view value;
  } vars[] = {{"POSH_GOSTATUS", line},
              {"POSH_GOSTATUS_HEALTH", health},
              {"POSH_GOSTATUS_VERSION", version}};
  std::string out;
  for (const Var& v : vars) {
    switch (shell) {
      case Shell::bash:
      case Shell::zsh:
        out += fmt::format("export {}={}\n", v.name, quote_posix(v.value));
        break;
      case Shell::fish:
        out += fmt::format("set -gx {} {}\n", v.name, quote_fish(v.value));
        break;
      case Shell::pwsh:
        out += fmt::format("$env:{} = {}\n", v.name, quote_pwsh(v.value));
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// init
//
// One design in every shell. _gostatus_update runs `gostatus --export SHELL`
// and evaluates the output (or empties the variables when gostatus fails).
// Two things may call it before a prompt:
//   - the shell's own prompt hook (PROMPT_COMMAND, precmd_functions, the
//     fish_prompt event, the prompt function), so the variables serve any
//     prompt, with or without Oh My Posh;
//   - set_poshcontext / Set-PoshContext, which Oh My Posh calls right before
//     it renders; an existing one (Oh My Posh's placeholder or the user's)
//     is kept and called after ours.
// Depending on load order either may come first. Two flags make sure exactly
// one of them runs gostatus per prompt: the prompt hook marks "fresh" after
// a run, and set_poshcontext skips a fresh result; set_poshcontext marks
// "seen", and the next prompt hook then leaves the work to it.

namespace {

constexpr std::string_view kBash = R"gs(# gostatus init bash: add  eval "$(gostatus init bash)"  to ~/.bashrc
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
    export POSH_GOSTATUS= POSH_GOSTATUS_HEALTH= POSH_GOSTATUS_VERSION=
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
    PROMPT_COMMAND="${PROMPT_COMMAND-}${PROMPT_COMMAND:+$'\n'}_gostatus_precmd && :"
  fi
}
@GUARD_BEGIN@_gostatus_install@NOTIFY@@GUARD_END@
unset -f _gostatus_install
)gs";

constexpr std::string_view kBashNotify = R"gs(
_gostatus_update
if [ "${POSH_GOSTATUS_HEALTH-}" = error ]; then
  printf '%s\n' "gostatus: the Go environment has errors: ${POSH_GOSTATUS-}" "gostatus: run 'gostatus doctor' to see why" >&2
fi)gs";

constexpr std::string_view kZsh = R"gs(# gostatus init zsh: add  eval "$(gostatus init zsh)"  to ~/.zshrc
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
@GUARD@  # First in precmd_functions: zsh gives every precmd function the
  # user's $?, and Oh My Posh (added later, or already there) renders after.
  precmd_functions=(_gostatus_precmd ${precmd_functions[@]:#_gostatus_precmd})@NOTIFY@
}
)gs";

constexpr std::string_view kZshNotify = R"gs(
  _gostatus_update
  if [[ $POSH_GOSTATUS_HEALTH == error ]]; then
    print -ru2 -- "gostatus: the Go environment has errors: $POSH_GOSTATUS" "gostatus: run 'gostatus doctor' to see why"
  fi)gs";

constexpr std::string_view kFish = R"gs(# gostatus init fish: add  gostatus init fish | source  to
# ~/.config/fish/config.fish (after oh-my-posh or starship init). Before each
# prompt it exports POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and
# POSH_GOSTATUS_VERSION, running gostatus only when something the answer
# depends on changed: the exported variables gostatus reads, the directory,
# or a file (gostatus hands over _gostatus_unchanged, which checks them with
# path filter and path mtime, fish 3.5 or newer; it starts no process).
set -g _gostatus_seen ''
set -g _gostatus_fresh ''
set -g _gostatus_skip ''
set -g _gostatus_sig ''
set -g _gostatus_deps
@DEPS_GUARD@builtin -q path 2>/dev/null; and set -g _gostatus_deps --with-deps
function _gostatus_update
    # The exported variables the answer depends on (one match over the
    # exported names) and the directory: each name with "$$n", the value
    # exactly as exported (a list joined with spaces, a path variable's with
    # colons), all url-escaped in one call so the join is unambiguous.
    set -l _gostatus_sig_now $PWD
    for n in (set -nx | string match -r -- '^(?:[Gg][Oo]@PREFIXED@).*|^(?:@NAMES_RE@)$')
        set -a _gostatus_sig_now $n "$$n"
    end
    set _gostatus_sig_now (string escape --style=url -- $_gostatus_sig_now)
    set _gostatus_sig_now "$_gostatus_sig_now"
    if test -n "$_gostatus_skip"; and test "$_gostatus_sig_now" = "$_gostatus_sig"; and _gostatus_unchanged
        return 0
    end
    set -g _gostatus_skip ''
    set -g _gostatus_sig "$_gostatus_sig_now"
    set -l out
    if set out (command @BIN@ --export fish $_gostatus_deps@ARGS@ 2>/dev/null); and test -n "$out"
        string join \n -- $out | source
    else
        set -gx POSH_GOSTATUS ''
        set -gx POSH_GOSTATUS_HEALTH ''
        set -gx POSH_GOSTATUS_VERSION ''
    end
end
# Event handlers run before fish_prompt and leave $status alone.
function _gostatus_precmd --on-event fish_prompt
    if test -n "$_gostatus_seen"
        set -g _gostatus_seen ''
    else
        _gostatus_update
        set -g _gostatus_fresh 1
    end
end
function _gostatus_context
    if test -n "$_gostatus_fresh"
        set -g _gostatus_fresh ''
    else
        _gostatus_update
    end
    set -g _gostatus_seen 1
end
if functions -q set_poshcontext
    if not functions set_poshcontext | string match -q -- '*_gostatus_context*'
        functions -e _gostatus_orig_set_poshcontext
        functions --copy set_poshcontext _gostatus_orig_set_poshcontext
        function set_poshcontext
            _gostatus_context
            _gostatus_orig_set_poshcontext $argv
        end
    end
else
    function set_poshcontext
        _gostatus_context
    end
end
@NOTIFY@)gs";

constexpr std::string_view kFishNotify = R"gs(if @INTERACTIVE@
    _gostatus_update
    if test "$POSH_GOSTATUS_HEALTH" = error
        printf '%s\n' "gostatus: the Go environment has errors: $POSH_GOSTATUS" "gostatus: run 'gostatus doctor' to see why" >&2
    end
end
)gs";

constexpr std::string_view kPwsh = R"gs(# gostatus init pwsh: add  Invoke-Expression (& gostatus init pwsh | Out-String)
# to $PROFILE (after oh-my-posh or starship init). Before each prompt it sets
# $env:POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and POSH_GOSTATUS_VERSION, running
# gostatus only when something the answer depends on changed: the variables
# gostatus reads, the directory, or a file (gostatus hands over
# Test-GostatusUnchanged, which checks them with .NET's File and Directory
# APIs; it starts no process). This script and what gostatus --export pwsh
# prints are ASCII, so no console code page can garble them.
# Every variable is set before it is read (Set-StrictMode -Version Latest).
# In ConstrainedLanguage mode, where only core types' methods may be called,
# the hook runs gostatus before every prompt: the same check done with
# cmdlets cost more than that run (see the README).
$global:_gostatus_seen = $false
$global:_gostatus_fresh = $false
$global:_gostatus_skip = $false
$global:_gostatus_sig = $null
$global:_gostatus_warned = $false
# The names gostatus reads: any GO*, the prefixes and the names below.
# -match ignores case: a superset of gostatus's names, never fewer.
$global:_gostatus_names_re = '^(?:go@PREFIXED_RE@)|^(?:@NAMES_RE@)$'
# Kept when the profile is loaded again: it holds the user's Set-PoshContext.
if (-not (Test-Path -LiteralPath variable:global:_gostatus_prev_context)) { $global:_gostatus_prev_context = $null }
if (-not (Test-Path -LiteralPath variable:global:_gostatus_inner_prompt)) { $global:_gostatus_inner_prompt = $null }
# The directory and every variable gostatus reads, as one string. One -match
# filters the names and one indexing fetches their values (no per-variable
# loop); names and values hold no NUL, so the string reads back one way.
function global:Get-GostatusEnvSig {
    $cwd = $executionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    $vars = [System.Environment]::GetEnvironmentVariables()
    $names = [string[]]@(([string[]]$vars.Keys) -match $global:_gostatus_names_re)
    [System.Array]::Sort($names, [System.StringComparer]::Ordinal)
    $sig = "$($cwd.Length):$cwd`0$($names.Count)"
    if ($names.Count -eq 0) { return $sig }
    $sig + "`0" + [string]::Join("`0", $names) + "`0" + [string]::Join("`0", [string[]]@($vars[$names]))
}
function global:Update-GostatusEnv {
    $gostatusDone = $false
    $gostatusRan = $false
    $gostatusCode = $null
    try {
        $gostatusFull = $ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage'
        if ($gostatusFull) {
            $gostatusSig = Get-GostatusEnvSig
            if ($global:_gostatus_skip -and $gostatusSig -ceq $global:_gostatus_sig -and (Test-GostatusUnchanged)) {
                return
            }
            $global:_gostatus_sig = $gostatusSig
        }
        $global:_gostatus_skip = $false
        # Unset until a native program ran; reading it then throws under
        # Set-StrictMode.
        $gostatusHad = Test-Path -LiteralPath variable:global:LASTEXITCODE
        if ($gostatusHad) { $gostatusCode = $global:LASTEXITCODE }
        $gostatusRan = $true
        if ($gostatusFull) {
            $gostatusOut = & @BIN@ '--export' 'pwsh'@DEPS@@ARGS@ 2>$null
        } else {
            $gostatusOut = & @BIN@ '--export' 'pwsh'@ARGS@ 2>$null
        }
        if ($LASTEXITCODE -eq 0 -and $gostatusOut) {
            Invoke-Expression ($gostatusOut -join "`n")
            $gostatusDone = $true
        }
    } catch {
        # Said once, so a broken hook is not silently an empty segment.
        if (-not $global:_gostatus_warned) {
            $global:_gostatus_warned = $true
            Write-Warning "gostatus: the prompt hook failed: $_"
        }
    }
    if (-not $gostatusDone) {
        $env:POSH_GOSTATUS = $null
        $env:POSH_GOSTATUS_HEALTH = $null
        $env:POSH_GOSTATUS_VERSION = $null
    }
    if ($gostatusRan) {
        if ($gostatusHad) { $global:LASTEXITCODE = $gostatusCode }
        else { Remove-Variable -Name LASTEXITCODE -Scope Global -ErrorAction Ignore }
    }
}
# Oh My Posh calls Set-PoshContext right before it renders. An existing one
# (an alias of the user's, or Oh My Posh's placeholder function) is kept and
# called after ours.
function global:Set-GostatusPoshContext {
    if ($global:_gostatus_fresh) {
        $global:_gostatus_fresh = $false
    } else {
        Update-GostatusEnv
    }
    $global:_gostatus_seen = $true
    if ($null -ne $global:_gostatus_prev_context) {
        & $global:_gostatus_prev_context @args
    }
}
& {
    $alias = Get-Alias -Name Set-PoshContext -ErrorAction Ignore
    if ($alias) {
        if ($alias.Definition -ne 'Set-GostatusPoshContext') {
            $global:_gostatus_prev_context = $alias.Definition
        }
    } else {
        $fn = Get-Command -Name Set-PoshContext -CommandType Function -ErrorAction Ignore
        if ($fn) {
            $global:_gostatus_prev_context = $fn.ScriptBlock
        }
    }
    Set-Alias -Name Set-PoshContext -Value Set-GostatusPoshContext -Scope Global -Force
    # Without Oh My Posh, wrap the prompt function (a plain prompt, or
    # starship's) so the variables are fresh when it runs; $? and
    # $LASTEXITCODE reach it unchanged.
    $loaded = $function:prompt -and $function:prompt.ToString().Contains('_gostatus_inner_prompt')
    if (-not (Get-Module -Name oh-my-posh-core) -and -not $loaded) {
        $global:_gostatus_inner_prompt = $function:prompt
        function global:prompt {
            $gostatusOk = $?
            if ($global:_gostatus_seen) {
                $global:_gostatus_seen = $false
            } else {
                Update-GostatusEnv
                $global:_gostatus_fresh = $true
            }
            if ($gostatusOk) { $null = 1 } else { Write-Error '' -ErrorAction Ignore }
            if ($global:_gostatus_inner_prompt) { & $global:_gostatus_inner_prompt } else { "PS $($executionContext.SessionState.Path.CurrentLocation)> " }
        }
    }
}
@NOTIFY@)gs";

constexpr std::string_view kPwshNotify = R"gs(Update-GostatusEnv
if ($env:POSH_GOSTATUS_HEALTH -eq 'error') {
    Write-Warning "gostatus: the Go environment has errors: $env:POSH_GOSTATUS"
    Write-Warning "gostatus: run 'gostatus doctor' to see why"
}
)gs";

void replace_all(std::string* s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s->find(from, pos)) != std::string::npos) {
    s->replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::string render_init(Shell shell, const InitOptions& o, std::string* err) {
  std::vector<std::string> args = o.extra_argv;
  if (args.empty() && !o.extra_args.empty() && !split_words(o.extra_args, &args, err)) return "";
  std::string bin_word = o.self.empty() ? "gostatus" : o.self;
  std::string (*quote)(std::string_view) = quote_posix;
  if (shell == Shell::fish) quote = quote_fish;
  if (shell == Shell::pwsh) quote = quote_pwsh;
  std::string bin = quote(bin_word);
  std::string arg_words;
  for (const std::string& a : args) arg_words += " " + quote(a);

  std::string out;
  switch (shell) {
    case Shell::bash: {
      out = kBash;
      replace_all(&out, "@GUARD_BEGIN@", o.always ? "" : "case $- in *i*)\n");
      replace_all(&out, "@GUARD_END@", o.always ? "" : "\n;; esac");
      replace_all(&out, "@NOTIFY@", o.notify ? kBashNotify : "");
      break;
    }
    case Shell::zsh: {
      out = kZsh;
      replace_all(&out, "@GUARD@", o.always ? "" : "  [[ -o interactive ]] || return 0\n");
      replace_all(&out, "@NOTIFY@", o.notify ? kZshNotify : "");
      break;
    }
    case Shell::fish: {
      out = kFish;
      std::string notify(kFishNotify);
      replace_all(&notify, "@INTERACTIVE@", o.always ? "true" : "status is-interactive");
      replace_all(&out, "@NOTIFY@", o.notify ? notify : "");
      break;
    }
    case Shell::pwsh: {
      out = kPwsh;
      replace_all(&out, "@NOTIFY@", o.notify ? kPwshNotify : "");
      break;
    }
  }
  std::string names;
  for (std::string_view n : key_var_names()) {
    names += names.empty() ? "" : " ";
    names += n;
  }
  std::string sig_fixed;
  for (std::string_view n : key_var_names()) {
    if (shell == Shell::bash) sig_fixed += fmt::format("${{{0}+|{0}=${{{0}@a}}${{#{0}}}:${0}}}", n);
  }
  replace_all(&out, "@SIG_FIXED@", sig_fixed);
  std::string prefixed;
  for (std::string_view p : key_var_prefixes()) {
    switch (shell) {
      case Shell::bash: prefixed += fmt::format(" ${{!{}*}}", p); break;
      case Shell::zsh: prefixed += fmt::format("|{}", p); break;
      case Shell::fish: prefixed += fmt::format("|{}", p); break;
      case Shell::pwsh: break;  // @PREFIXED_RE@
    }
  }
  replace_all(&out, "@PREFIXED@", prefixed);
  // The names are letters, digits and '_' (no regex metacharacters).
  std::string prefixed_re, names_re;
  for (std::string_view p : key_var_prefixes()) prefixed_re += fmt::format("|{}", p);
  for (std::string_view n : key_var_names()) names_re += fmt::format("{}{}", names_re.empty() ? "" : "|", n);
  replace_all(&out, "@PREFIXED_RE@", prefixed_re);
  replace_all(&out, "@NAMES_RE@", names_re);
  replace_all(&out, "@NAMES@", names);
  // --no-skip: gostatus is never asked for the check, so every prompt runs it.
  replace_all(&out, "@DEPS_GUARD@", o.no_skip ? "# --no-skip: " : "");
  replace_all(&out, "@DEPS@", o.no_skip ? "" : shell == Shell::pwsh ? " '--with-deps'" : " --with-deps");
  replace_all(&out, "@BIN@", bin);
  replace_all(&out, "@ARGS@", arg_words);
  return out;
}

std::string init_help() {
  return R"gs(usage: gostatus init bash|zsh|fish|pwsh [--notify] [--always] [--no-skip] [line flags]

Prints a hook for your shell profile. Before each prompt it exports
  POSH_GOSTATUS          the line
  POSH_GOSTATUS_HEALTH   ok, warn or error
  POSH_GOSTATUS_VERSION  the Go version
With Oh My Posh it runs from Set-PoshContext / set_poshcontext (one you already
have keeps working: it is called after gostatus's); without Oh My Posh it runs
from the shell's own prompt hook, for starship's env_var module or your PS1.

Add one line at the end of the profile (after oh-my-posh or starship init):
  PowerShell  $PROFILE                   Invoke-Expression (& gostatus init pwsh | Out-String)
  bash        ~/.bashrc                  eval "$(gostatus init bash)"
  zsh         ~/.zshrc                   eval "$(gostatus init zsh)"
  fish        ~/.config/fish/config.fish gostatus init fish | source

Flags:
  --notify    at shell start, warn once when the Go environment is broken
  --always    hook non-interactive shells too (by default only interactive ones)
  --no-skip   run gostatus before every prompt (by default the hook runs it
              only when a variable, the directory or a file it depends on
              changed, checked in the shell without starting a process)
  --glyphs, --style, --format   passed on to every gostatus run of the hook

Theme files (themes/ in the gostatus source or release archive):
  themes/oh-my-posh/gostatus.omp.json (.yaml, .toml)
      a complete Oh My Posh theme: oh-my-posh init pwsh --config <file>
  themes/oh-my-posh/segment-env.omp.json (.yaml, .toml)
      the gostatus segment, coloured by health; it reads the hook's variables:
      paste it into the "segments" list of a block of your own theme
  themes/oh-my-posh/segment-cmd.omp.json (.yaml, .toml)
      the same segment without the hook: it runs {{ cmd "gostatus" }} (Oh My
      Posh 29.12 or newer); one colour, not coloured by health
  themes/starship/env-var.toml
      starship module reading the hook's variable: paste into ~/.config/starship.toml
  themes/starship/custom.toml
      starship module that runs gostatus itself, no hook: paste into ~/.config/starship.toml
  themes/windows-terminal/gostatus.json
      the matching colour scheme: copy it to
      %LOCALAPPDATA%\Microsoft\Windows Terminal\Fragments\gostatus\gostatus.json
      and pick "gostatus" under Settings > Profiles > Appearance > Color scheme
)gs";
}

}  // namespace gs
