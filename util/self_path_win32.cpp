#include <windows.h>

#include "util/self_path.h"
#include "util/win32_utf8.h"

namespace gs {

std::string self_exe_path() {
  std::wstring buf(32768, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
  if (n == 0 || n >= buf.size()) return "";
  buf.resize(n);
  return gs::wide_to_utf8(buf);
}

}  // namespace gs
