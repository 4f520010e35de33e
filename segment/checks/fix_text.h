// Fix text: the commands a finding's fix lists, written in the user's shell
// (bash and zsh share POSIX sh's commands), quoted for a person to read and
// paste; and where() for evidence's "where it came from" column.
#pragma once

#include <string>
#include <string_view>

#include "segment/probe/probe.h"
#include "segment/shell/shell.h"

namespace gs {

// The shell doctor writes fixes for when --shell does not say: pwsh on
// Windows, fish when $SHELL is fish, else bash (POSIX sh's commands).
Shell default_fix_shell(const ProbeInput& in);
// --shell: sh and posix (for bash), bash, zsh, fish, pwsh, powershell.
bool parse_fix_shell(std::string_view s, Shell* out);

// Commands in the user's shell.
struct Fixes {
  Shell sh;
  std::string set_env(std::string_view name, std::string_view value) const;  // for this session and the next
  std::string unset_env(std::string_view name) const;
  std::string profile_note(std::string_view name) const;  // where else the variable may be set
  std::string prepend_path(std::string_view dir) const;
  std::string go_env_w(std::string_view kv) const;
  std::string go_env_u(std::string_view k) const;
};

// A value's origin as evidence shows it: "env", "go-env-file /home/u/...".
std::string where(const Value& v);

}  // namespace gs
