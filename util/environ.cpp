#include "util/environ.h"

#include <algorithm>
#include <cctype>

#if defined(_WIN32)
#include <windows.h>

#include <cwchar>

#include "util/win32_utf8.h"
#else
extern char** environ;
#endif

namespace gs {

bool windows_name_eq(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

namespace {

bool name_eq(std::string_view a, std::string_view b) {
#if defined(_WIN32)
  return windows_name_eq(a, b);
#else
  return a == b;
#endif
}

}  // namespace

Environ Environ::from_envp(const char* const* envp) {
  std::vector<std::pair<std::string, std::string>> vars;
  for (; envp && *envp; ++envp) {
    std::string_view kv(*envp);
    // Go's syscall.Getenv skips the leading '=' of Windows' "=C:=C:\x" entries.
    size_t eq = kv.find('=', kv.empty() || kv[0] != '=' ? 0 : 1);
    if (eq == std::string_view::npos) continue;
    vars.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return Environ(std::move(vars));
}

#if defined(_WIN32)
// The wide environment block, converted to UTF-8 (never the ANSI code page).
Environ Environ::current() {
  std::vector<std::pair<std::string, std::string>> vars;
  wchar_t* block = GetEnvironmentStringsW();
  if (!block) return Environ();
  for (const wchar_t* p = block; *p; p += wcslen(p) + 1) {
    std::string kv = wide_to_utf8(p);
    size_t eq = kv.find('=', kv.empty() || kv[0] != '=' ? 0 : 1);
    if (eq == std::string::npos) continue;
    vars.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  FreeEnvironmentStringsW(block);
  return Environ(std::move(vars));
}
#else
Environ Environ::current() { return from_envp(environ); }
#endif

const std::string* Environ::find(std::string_view name) const {
  for (const auto& [k, v] : vars_)
    if (name_eq(k, name)) return &v;
  return nullptr;
}

std::string Environ::get(std::string_view name) const {
  const std::string* v = find(name);
  return v ? *v : std::string();
}

bool Environ::has(std::string_view name) const { return find(name) != nullptr; }

void Environ::set(std::string_view name, std::string_view value) {
  for (auto& [k, v] : vars_) {
    if (name_eq(k, name)) {
      v = value;
      return;
    }
  }
  vars_.emplace_back(std::string(name), std::string(value));
}

void Environ::unset(std::string_view name) {
  vars_.erase(std::remove_if(vars_.begin(), vars_.end(),
                             [&](const auto& kv) { return name_eq(kv.first, name); }),
              vars_.end());
}

}  // namespace gs
