// The process environment as the go command sees it (os.Getenv: the first
// of duplicate entries wins on Unix), as an explicit value so the probe is a
// pure function of (environment, working directory, filesystem).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs {

// Windows compares environment variable names case-insensitively (ASCII
// case folded), in the process environment and in the registry's
// Environment keys alike. Environ uses it on Windows; the registry reader
// (segment/probe/registry.cpp) everywhere, since it reads Windows data.
bool windows_name_eq(std::string_view a, std::string_view b);

class Environ {
 public:
  Environ() = default;
  explicit Environ(std::vector<std::pair<std::string, std::string>> vars) : vars_(std::move(vars)) {}
  // From a NULL-terminated "NAME=value" array (envp / environ).
  static Environ from_envp(const char* const* envp);
  // The current process's environment (wide on Windows, converted to UTF-8).
  static Environ current();

  // The value, or "" when unset (Go cannot tell unset from empty either).
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const;
  void set(std::string_view name, std::string_view value);
  void unset(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& vars() const { return vars_; }

 private:
  const std::string* find(std::string_view name) const;
  std::vector<std::pair<std::string, std::string>> vars_;
};

}  // namespace gs
