// Go version strings as internal/gover and cmd/go/internal/gover read them:
// "1.21" (a language version) < "1.21rc1" < "1.21.0" < "1.21.3".
#pragma once

#include <string>
#include <string_view>

namespace gs {

struct GoVersion {
  std::string major, minor, patch, kind, pre;
  bool valid() const { return !major.empty(); }
  bool operator==(const GoVersion&) const = default;
};

GoVersion parse_go_version(std::string_view x);        // "1.23.5"
int compare_go_versions(std::string_view x, std::string_view y);  // <0, 0, >0
bool is_lang_version(std::string_view x);
// "go1.23.5" -> "1.23.5"; "" when not a valid toolchain name (gover.FromToolchain).
std::string version_from_toolchain(std::string_view name);
// True when the toolchain named by runtime.Version() (e.g. "go1.23.5",
// "go1.19.8", "devel go1.24-abc") is at least major.minor. Unknown: false.
bool toolchain_at_least(std::string_view go_version, int minor);

}  // namespace gs
