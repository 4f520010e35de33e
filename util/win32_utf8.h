// UTF-8 <-> UTF-16 conversion for the Windows API boundary. Windows-only
// and header-only (so the POSIX build, which globs util/*.cpp, never sees
// it): gostatus keeps every string UTF-8 and converts exactly where a wide
// Windows API is called.
//
// Invalid input is not an error: ill-formed UTF-8 becomes U+FFFD on the way
// in, and unpaired surrogates become U+FFFD on the way out (the flags are 0,
// not MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS). That is what Go does
// (syscall.UTF16FromString / UTF16ToString), so a path Go reports and the
// one gostatus reports agree byte for byte.
#pragma once

#ifndef _WIN32
#error "util/win32_utf8.h is for Windows builds only"
#endif

#include <windows.h>

#include <string>
#include <string_view>

namespace gs {

inline std::wstring utf8_to_wide(std::string_view s) {
  std::wstring out;
  if (s.empty()) return out;
  int n = ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  if (n <= 0) return out;
  out.resize(static_cast<size_t>(n));
  ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), out.data(), n);
  return out;
}

inline std::string wide_to_utf8(std::wstring_view w) {
  std::string out;
  if (w.empty()) return out;
  int n = ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0,
                                nullptr, nullptr);
  if (n <= 0) return out;
  out.resize(static_cast<size_t>(n));
  ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), out.data(), n, nullptr,
                        nullptr);
  return out;
}

}  // namespace gs
