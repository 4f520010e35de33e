// Fix text in the user's shell, and where a value came from.
#include "segment/checks/fix_text.h"

#include <fmt/format.h>

#include "segment/shell/quote.h"

namespace gs {

Shell default_fix_shell(const ProbeInput& in) {
  if (in.host_goos == "windows") return Shell::pwsh;
  std::string sh = in.env ? in.env->get("SHELL") : "";
  if (sh.size() >= 4 && sh.compare(sh.size() - 4, 4, "fish") == 0) return Shell::fish;
  return Shell::bash;
}

bool parse_fix_shell(std::string_view s, Shell* out) {
  if (s == "sh" || s == "posix") {
    *out = Shell::bash;
    return true;
  }
  return parse_shell(s, out);
}

std::string Fixes::set_env(std::string_view name, std::string_view value) const {
  switch (sh) {
    case Shell::bash:
    case Shell::zsh: return fmt::format("export {}={}", name, quote_readable(Shell::bash, value));
    case Shell::fish: return fmt::format("set -gx {} {}", name, quote_readable(Shell::fish, value));
    case Shell::pwsh:
      return fmt::format("$env:{0} = {1}; [Environment]::SetEnvironmentVariable('{0}', {1}, 'User')", name,
                         quote_readable(Shell::pwsh, value));
  }
  return "";
}

std::string Fixes::unset_env(std::string_view name) const {
  switch (sh) {
    case Shell::bash:
    case Shell::zsh: return fmt::format("unset {}", name);
    case Shell::fish: return fmt::format("set -e {}", name);
    case Shell::pwsh:
      return fmt::format("Remove-Item Env:{0}; [Environment]::SetEnvironmentVariable('{0}', $null, 'User')", name);
  }
  return "";
}

std::string Fixes::profile_note(std::string_view name) const {
  switch (sh) {
    case Shell::bash:
    case Shell::zsh:
      return fmt::format("and delete the line that sets {} in your shell profile (~/.profile, ~/.bashrc, ~/.zshrc)", name);
    case Shell::fish: return fmt::format("and delete the line that sets {} in ~/.config/fish/config.fish", name);
    case Shell::pwsh: return fmt::format("and remove {} from $PROFILE if it is set there", name);
  }
  return "";
}

std::string Fixes::prepend_path(std::string_view dir) const {
  switch (sh) {
    case Shell::bash:
    case Shell::zsh: return fmt::format("export PATH={}:\"$PATH\"", quote_readable(Shell::bash, dir));
    case Shell::fish: return fmt::format("fish_add_path --move {}", quote_readable(Shell::fish, dir));
    case Shell::pwsh:
      return fmt::format(
          "$env:Path = {0} + ';' + $env:Path; [Environment]::SetEnvironmentVariable('Path', {0} + ';' + "
          "[Environment]::GetEnvironmentVariable('Path', 'User'), 'User')",
          quote_readable(Shell::pwsh, dir));
  }
  return "";
}

// The same text in every shell (a POSIX word, which pwsh reads alike unless
// it holds a quote).
std::string Fixes::go_env_w(std::string_view kv) const {
  return fmt::format("go env -w {}", quote_readable(Shell::bash, kv));
}
std::string Fixes::go_env_u(std::string_view k) const { return fmt::format("go env -u {}", k); }

std::string where(const Value& v) {
  if (v.source == Source::unset) return "unset";
  if (v.origin.empty()) return std::string(source_name(v.source));
  return fmt::format("{} {}", source_name(v.source), v.origin);
}

}  // namespace gs
