// Opening a registry key named as "HKCU\\Environment" / "HKLM\\SYSTEM\\...",
// shared by the Disk's registry pseudo-paths (disk_win32.cpp) and the
// readers of the keys. Windows-only, header-only (see win32_utf8.h).
#pragma once

#ifndef _WIN32
#error "util/registry_key_win32.h is for Windows builds only"
#endif

#include <windows.h>

#include <string_view>

#include "util/win32_utf8.h"

namespace gs {

// Opens spec for reading; false (and *err) when the root is unknown or the
// key cannot be opened. The caller closes *out with RegCloseKey.
inline bool open_registry_key(std::string_view spec, HKEY* out, LONG* err) {
  struct Root {
    std::string_view name;
    HKEY key;
  };
  static const Root roots[] = {{"HKCU\\", HKEY_CURRENT_USER},
                               {"HKEY_CURRENT_USER\\", HKEY_CURRENT_USER},
                               {"HKLM\\", HKEY_LOCAL_MACHINE},
                               {"HKEY_LOCAL_MACHINE\\", HKEY_LOCAL_MACHINE}};
  for (const Root& r : roots) {
    if (spec.substr(0, r.name.size()) != r.name) continue;
    std::wstring sub = utf8_to_wide(spec.substr(r.name.size()));
    *err = ::RegOpenKeyExW(r.key, sub.c_str(), 0, KEY_READ, out);
    return *err == ERROR_SUCCESS;
  }
  *err = ERROR_FILE_NOT_FOUND;
  return false;
}

}  // namespace gs
