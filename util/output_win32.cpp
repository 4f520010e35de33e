// Output on Windows: the bytes are UTF-8 and go out as they are (WriteFile),
// so glyphs survive pipes and files; a console gets UTF-16 (WriteConsoleW),
// which shows them whatever the console's code page.
#include <windows.h>

#include "util/output.h"
#include "util/win32_utf8.h"

namespace gs {
namespace {

WriteStatus write_handle(DWORD which, std::string_view s) {
  HANDLE h = GetStdHandle(which);
  if (h == INVALID_HANDLE_VALUE || h == nullptr) return WriteStatus::failed;
  if (s.empty()) return WriteStatus::ok;
  DWORD mode;
  if (GetConsoleMode(h, &mode)) {
    std::wstring w = gs::utf8_to_wide(s);
    DWORD done = 0;
    return WriteConsoleW(h, w.data(), static_cast<DWORD>(w.size()), &done, nullptr) ? WriteStatus::ok
                                                                                      : WriteStatus::failed;
  }
  while (!s.empty()) {
    DWORD done = 0;
    if (!WriteFile(h, s.data(), static_cast<DWORD>(s.size()), &done, nullptr) || done == 0)
      return GetLastError() == ERROR_NO_DATA || GetLastError() == ERROR_BROKEN_PIPE ? WriteStatus::broken_pipe
                                                                                    : WriteStatus::failed;
    s.remove_prefix(done);
  }
  return WriteStatus::ok;
}

}  // namespace

// No timeout on Windows: a pipe write there cannot be bounded without
// overlapped handles, which a standard handle need not be.
WriteStatus write_stdout(std::string_view s, int) { return write_handle(STD_OUTPUT_HANDLE, s); }
void write_stderr(std::string_view s) { write_handle(STD_ERROR_HANDLE, s); }
void prepare_standard_handles() {}
bool stdout_is_terminal() {
  DWORD mode;
  return GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode) != 0;
}

}  // namespace gs
