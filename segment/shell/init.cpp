#include "segment/shell/init.h"

#include <fmt/format.h>

#include "segment/probe/inputs.h"
#include "segment/shell/hooks/scripts.h"

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

void replace_all(std::string* s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s->find(from, pos)) != std::string::npos) {
    s->replace(pos, from.size(), to);
    pos += to.size();
  }
}

// A placeholder on a line of its own, "@NAME@\n", stands for whole lines:
// block is empty or ends with a newline.
void replace_block(std::string* s, std::string_view name, std::string_view block) {
  replace_all(s, std::string(name) + "\n", block);
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
      out = kHookBash;
      replace_block(&out, "@GUARD_BEGIN@", o.always ? "" : "case $- in *i*)\n");
      replace_block(&out, "@GUARD_END@", o.always ? "" : ";; esac\n");
      replace_block(&out, "@NOTIFY@", o.notify ? kHookBashNotify : "");
      break;
    }
    case Shell::zsh: {
      out = kHookZsh;
      replace_block(&out, "@GUARD@", o.always ? "" : "  [[ -o interactive ]] || return 0\n");
      replace_block(&out, "@NOTIFY@", o.notify ? kHookZshNotify : "");
      break;
    }
    case Shell::fish: {
      out = kHookFish;
      std::string notify(kHookFishNotify);
      replace_all(&notify, "@INTERACTIVE@", o.always ? "true" : "status is-interactive");
      replace_block(&out, "@NOTIFY@", o.notify ? notify : "");
      break;
    }
    case Shell::pwsh: {
      out = kHookPwsh;
      replace_block(&out, "@NOTIFY@", o.notify ? kHookPwshNotify : "");
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
