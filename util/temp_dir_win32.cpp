// make_private_temp_dir on Windows: a new folder in the per-user %TEMP%.
#include <windows.h>

#include "util/temp_dir.h"
#include "util/win32_utf8.h"

namespace gs {

std::string make_private_temp_dir() {
  wchar_t base[MAX_PATH + 1];
  DWORD n = ::GetTempPathW(MAX_PATH + 1, base);
  if (n == 0 || n > MAX_PATH) return "";
  std::wstring root(base, n);
  // The per-user temp directory (%TEMP%) is already private to this user.
  for (unsigned i = 0; i < 100; ++i) {
    std::wstring dir = root + L"gostatus-bench-" + std::to_wstring(::GetCurrentProcessId()) + L"-" +
                       std::to_wstring(::GetTickCount() + i);
    if (::CreateDirectoryW(dir.c_str(), nullptr)) return wide_to_utf8(dir);
    if (::GetLastError() != ERROR_ALREADY_EXISTS) return "";
  }
  return "";
}

}  // namespace gs
