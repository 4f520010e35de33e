// The hook scripts of `gostatus init SHELL`, one file per shell in this
// folder (gostatus.bash, .zsh, .fish, .ps1) plus the --notify addition of
// each (notify.*), embedded at build time by embed.cmake. Their bytes are
// the files' bytes; render_init (segment/shell/init.cpp) fills in the
// placeholders, listed in README.md here.
#pragma once

#include <string_view>

namespace gs {

extern const std::string_view kHookBash;
extern const std::string_view kHookBashNotify;
extern const std::string_view kHookZsh;
extern const std::string_view kHookZshNotify;
extern const std::string_view kHookFish;
extern const std::string_view kHookFishNotify;
extern const std::string_view kHookPwsh;
extern const std::string_view kHookPwshNotify;

}  // namespace gs
