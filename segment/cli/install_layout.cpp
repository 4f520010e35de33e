#include "segment/cli/install_layout.h"

namespace gs {

std::string installed_themes_dir(Disk& disk, std::string_view self_exe, PathStyle s) {
  if (self_exe.empty() || !fp::is_abs(self_exe, s)) return "";
  const std::string bin = fp::dir(self_exe, s);
  const std::string candidates[] = {
      fp::join({fp::dir(bin, s), "share", "gostatus", "themes"}, s),
      fp::join({bin, "themes"}, s),
  };
  for (const std::string& c : candidates) {
    if (disk.stat(c).is_dir()) return c;
  }
  return "";
}

std::string installed_themes_help(Disk& disk, std::string_view self_exe, PathStyle s) {
  const std::string dir = installed_themes_dir(disk, self_exe, s);
  if (dir.empty()) {
    return "\nNo themes are installed beside this gostatus (" + std::string(self_exe) +
           "): use themes/ from the source or a release archive.\n";
  }
  const char sep = fp::sep(s);
  return "\nInstalled with this gostatus: " + dir + sep + "\n  (the paths above are relative to it, e.g. " +
         fp::join({dir, "oh-my-posh", "gostatus.omp.json"}, s) + ")\n";
}

}  // namespace gs
