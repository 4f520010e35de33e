// The one Shell enum: the shells gostatus writes code for (the hook, the
// export lines, doctor's fix commands).
#pragma once

#include <cstdint>
#include <string_view>

namespace gs {

enum class Shell : uint8_t { bash, zsh, fish, pwsh };

// bash, zsh, fish, pwsh; "powershell" is accepted for pwsh.
inline bool parse_shell(std::string_view name, Shell* out) {
  if (name == "bash") *out = Shell::bash;
  else if (name == "zsh") *out = Shell::zsh;
  else if (name == "fish") *out = Shell::fish;
  else if (name == "pwsh" || name == "powershell") *out = Shell::pwsh;
  else return false;
  return true;
}

inline std::string_view shell_name(Shell shell) {
  switch (shell) {
    case Shell::bash: return "bash";
    case Shell::zsh: return "zsh";
    case Shell::fish: return "fish";
    case Shell::pwsh: return "pwsh";
  }
  return "bash";
}

// The language a command is written in: bash and zsh read POSIX sh's, so
// one command text serves both, and zsh maps to bash.
constexpr Shell command_language(Shell shell) { return shell == Shell::zsh ? Shell::bash : shell; }

}  // namespace gs
