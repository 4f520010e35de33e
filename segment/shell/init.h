// `gostatus init SHELL` and `gostatus --export SHELL`: the shell side of
// putting gostatus into a prompt.
//
// The hook printed by render_init runs `gostatus --export SHELL` once before
// each prompt and evaluates whatever it prints. render_export writes that
// code: it sets and exports POSH_GOSTATUS (the line), POSH_GOSTATUS_HEALTH
// (ok|warn|error) and POSH_GOSTATUS_VERSION. Names start with POSH_ because
// Oh My Posh's streaming renderer only sees variables named POSH_*.
//
// Because the hook evaluates the export output as a whole, a later version
// may append more statements (for example the files the line depends on, so
// the hook can skip a run) without changing the hook's contract.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "segment/shell/quote.h"
#include "segment/shell/shell.h"

namespace gs {

// Shell code that sets and exports the three variables. Any bytes are
// quoted safely: quotes, $, backticks, backslashes, newlines, control
// characters and invalid UTF-8. bash, zsh and fish receive the bytes as
// they are; PowerShell receives pure ASCII (non-ASCII as [char] code points,
// invalid UTF-8 as U+FFFD) so no console code page can garble it.
std::string render_export(Shell shell, std::string_view line, std::string_view health,
                          std::string_view version);

struct InitOptions {
  bool notify = false;     // warn once at shell start when health is error
  bool always = false;     // install the prompt hook in non-interactive shells too
  bool no_skip = false;    // run gostatus before every prompt, never skip
  std::string extra_args;  // flags passed through to `gostatus --export`, e.g.
                           // "--glyphs nerd"; split like a POSIX shell would
                           // ('...', "...", \ quoting)
  std::vector<std::string> extra_argv;  // the same, already split; wins when non-empty
  std::string self;        // absolute path of the gostatus binary; "" = gostatus on PATH
};

// The hook script for the shell's profile. Returns "" and sets *err when
// extra_args cannot be split (an unterminated quote).
std::string render_init(Shell shell, const InitOptions& options, std::string* err = nullptr);

// The text of `gostatus init --help`.
std::string init_help();

}  // namespace gs
