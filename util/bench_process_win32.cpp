#include <windows.h>

#include "util/bench_process.h"
#include "util/win32_cmdline.h"
#include "util/win32_utf8.h"

namespace gs {

int64_t monotonic_ns() {
  LARGE_INTEGER f, c;
  ::QueryPerformanceFrequency(&f);
  ::QueryPerformanceCounter(&c);
  return static_cast<int64_t>(static_cast<double>(c.QuadPart) * 1e9 / static_cast<double>(f.QuadPart));
}

void sleep_ms(unsigned ms) { ::Sleep(ms); }

TimedRun run_timed(const std::string& exe, const std::vector<std::string>& argv,
                   const std::vector<std::string>& envp, const std::string& cwd) {
  TimedRun r;
  std::wstring cmd;
  for (const std::string& a : argv) append_windows_arg(&cmd, utf8_to_wide(a));
  std::wstring block;
  for (const std::string& e : envp) {
    block += utf8_to_wide(e);
    block += L'\0';
  }
  block += L'\0';
  SECURITY_ATTRIBUTES sa{sizeof sa, nullptr, TRUE};
  HANDLE nul = ::CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                             OPEN_EXISTING, 0, nullptr);
  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = si.hStdOutput = si.hStdError = nul;
  PROCESS_INFORMATION pi{};
  std::wstring wexe = utf8_to_wide(exe), wcwd = utf8_to_wide(cwd);
  int64_t start = monotonic_ns();
  BOOL ok = ::CreateProcessW(wexe.c_str(), cmd.data(), nullptr, nullptr, TRUE,
                             CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, block.data(),
                             wcwd.empty() ? nullptr : wcwd.c_str(), &si, &pi);
  if (ok) {
    ::WaitForSingleObject(pi.hProcess, INFINITE);
    r.wall_ns = monotonic_ns() - start;
    r.started = true;
    DWORD code = 0;
    if (::GetExitCodeProcess(pi.hProcess, &code)) r.exit_code = static_cast<int>(code);
    ::CloseHandle(pi.hThread);
    ::CloseHandle(pi.hProcess);
  }
  if (nul != INVALID_HANDLE_VALUE) ::CloseHandle(nul);
  return r;
}

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
