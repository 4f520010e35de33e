// Where the files that ship with gostatus (the themes) are, found from the
// running binary, so `gostatus init --help` can name real paths.
#pragma once

#include <string>
#include <string_view>

#include "segment/golang/filepath.h"
#include "util/disk.h"

namespace gs {

// The themes folder installed with the binary at self_exe, or "" when there
// is none. Two layouts:
//   <prefix>/bin/gostatus  ->  <prefix>/share/gostatus/themes
//       (cmake --install, the .deb, the Linux archives)
//   <dir>/gostatus.exe     ->  <dir>/themes
//       (the flat Windows zip, as scoop and winget unpack it)
std::string installed_themes_dir(Disk& disk, std::string_view self_exe, PathStyle s = kHostStyle);

// The closing lines of `gostatus init --help`: where this binary's themes are.
std::string installed_themes_help(Disk& disk, std::string_view self_exe, PathStyle s = kHostStyle);

}  // namespace gs
