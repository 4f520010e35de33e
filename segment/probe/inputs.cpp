#include "segment/probe/inputs.h"

#include <algorithm>

namespace gs {

std::span<const std::string_view> key_var_names() {
  static constexpr std::string_view names[] = {
      "PATH", "Path", "PATHEXT", "HOME", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
      "APPDATA", "AppData", "LOCALAPPDATA", "LocalAppData", "NO_COLOR", "SHELL", "home",
      "XDG_DATA_HOME", "G_HOME", "GVM_ROOT", "gvm_go_name",
      // os.TempDir(): go ignores a go.mod in the system temp root
      // (modload.findModuleRoot's caller, cmd/go/internal/modload/init.go).
      "TMPDIR", "TMP", "TEMP",
      // Windows: whether a bare name runs from the current directory.
      "NoDefaultCurrentDirectoryInExePath",
  };
  return names;
}

std::span<const std::string_view> key_var_prefixes() {
  // What version managers read (segment/probe/managers/): ASDF_GOLANG_VERSION,
  // MISE_GO_VERSION, their data and config directories, g's and gvm's roots.
  static constexpr std::string_view prefixes[] = {"ASDF_", "MISE_"};
  return prefixes;
}

bool key_relevant_var(std::string_view n) {
  if (n.size() >= 2 && (n[0] == 'G' || n[0] == 'g') && (n[1] == 'O' || n[1] == 'o')) return true;
  for (std::string_view prefix : key_var_prefixes())
    if (n.substr(0, prefix.size()) == prefix) return true;
  std::span<const std::string_view> names = key_var_names();
  return std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace gs
