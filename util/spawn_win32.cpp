// spawn_capture on Windows: CreateProcessW on the program itself (no
// cmd.exe, no search), created suspended and put in a job object before it
// runs a single instruction, so that a timeout (TerminateJobObject) and the
// job's KILL_ON_JOB_CLOSE take down the program and everything it started.
// stdin and stderr are NUL; stdout is a pipe drained while waiting, so a
// chatty child never blocks on a full pipe (or NUL, when not captured).
#include <windows.h>

#include <algorithm>
#include <cwctype>

#include "util/clock.h"
#include "util/spawn.h"
#include "util/win32_cmdline.h"
#include "util/win32_utf8.h"

namespace gs {
namespace {

// "NAME=value\0...\0\0", sorted case-insensitively as CreateProcess expects.
std::wstring env_block(const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::wstring> entries;
  for (const auto& [k, v] : env) entries.push_back(utf8_to_wide(k) + L"=" + utf8_to_wide(v));
  std::sort(entries.begin(), entries.end(), [](const std::wstring& a, const std::wstring& b) {
    return _wcsicmp(a.c_str(), b.c_str()) < 0;
  });
  std::wstring block;
  for (const std::wstring& e : entries) {
    block += e;
    block.push_back(L'\0');
  }
  if (entries.empty()) block.push_back(L'\0');
  block.push_back(L'\0');
  return block;
}

struct Handle {
  HANDLE h = nullptr;
  ~Handle() { reset(); }
  void reset() {
    if (h && h != INVALID_HANDLE_VALUE) CloseHandle(h);
    h = nullptr;
  }
};

std::string last_error(const char* what) {
  return std::string(what) + " failed (error " + std::to_string(GetLastError()) + ")";
}

}  // namespace

SpawnResult spawn_capture(const SpawnRequest& req) {
  SpawnResult res;
  const int64_t start = monotonic_ms();
  const bool no_limit = req.timeout_ms == kNoTimeout;
  const int64_t deadline = start + (req.timeout_ms > 0 ? req.timeout_ms : 0);

  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  Handle nul, out_read, out_write, job;
  nul.h = CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                      OPEN_EXISTING, 0, nullptr);
  if (nul.h == INVALID_HANDLE_VALUE) {
    res.error = last_error("opening NUL");
    return res;
  }
  if (req.capture) {
    if (!CreatePipe(&out_read.h, &out_write.h, &inherit, 64 << 10)) {
      res.error = last_error("CreatePipe");
      return res;
    }
    SetHandleInformation(out_read.h, HANDLE_FLAG_INHERIT, 0);  // ours only
  }

  job.h = CreateJobObjectW(nullptr, nullptr);
  if (!job.h) {
    res.error = last_error("CreateJobObject");
    return res;
  }
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  SetInformationJobObject(job.h, JobObjectExtendedLimitInformation, &limits, sizeof limits);

  std::wstring program = utf8_to_wide(req.program);
  std::wstring cmd;
  append_windows_arg(&cmd, req.argv0.empty() ? program : utf8_to_wide(req.argv0));
  for (const std::string& a : req.args) append_windows_arg(&cmd, utf8_to_wide(a));
  std::wstring env = env_block(req.env);
  std::wstring cwd = utf8_to_wide(req.cwd);

  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = nul.h;
  si.hStdOutput = req.capture ? out_write.h : nul.h;
  si.hStdError = nul.h;
  PROCESS_INFORMATION pi{};
  const int64_t start_ns = monotonic_ns();
  if (!CreateProcessW(program.c_str(), cmd.data(), nullptr, nullptr, TRUE,
                      CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, env.data(),
                      cwd.empty() ? nullptr : cwd.c_str(), &si, &pi)) {
    res.error = last_error("CreateProcess");
    return res;
  }
  Handle process, thread;
  process.h = pi.hProcess;
  thread.h = pi.hThread;
  if (!AssignProcessToJobObject(job.h, process.h)) {
    // Without the job a timeout could not reach its children: do not run it.
    TerminateProcess(process.h, 1);
    res.error = last_error("AssignProcessToJobObject");
    return res;
  }
  ResumeThread(thread.h);
  thread.reset();
  out_write.reset();  // the child holds its copy

  auto drain = [&]() {
    if (!out_read.h) return;
    DWORD avail = 0;
    char buf[4096];
    while (PeekNamedPipe(out_read.h, nullptr, 0, nullptr, &avail, nullptr) && avail > 0) {
      DWORD got = 0;
      if (!ReadFile(out_read.h, buf, avail < sizeof buf ? avail : sizeof buf, &got, nullptr) || got == 0) break;
      size_t room = req.max_output > res.out.size() ? req.max_output - res.out.size() : 0;
      res.out.append(buf, got < room ? got : room);
    }
  };
  bool exited = false;
  for (;;) {
    drain();
    DWORD slice = 10;
    if (!no_limit) {
      const int64_t now = monotonic_ms();
      if (now >= deadline) break;
      slice = static_cast<DWORD>(std::min<int64_t>(deadline - now, 10));
    }
    // Nothing to read and no deadline: just wait.
    if (no_limit && !out_read.h) slice = INFINITE;
    if (WaitForSingleObject(process.h, slice) == WAIT_OBJECT_0) {
      exited = true;
      res.elapsed_ns = monotonic_ns() - start_ns;
      drain();
      break;
    }
  }
  // Whatever the program did, nothing it started may outlive this call.
  TerminateJobObject(job.h, 1);
  if (!exited) {
    res.elapsed_ns = monotonic_ns() - start_ns;
    WaitForSingleObject(process.h, 1000);
    res.status = SpawnStatus::timed_out;
    return res;
  }
  DWORD code = 0;
  GetExitCodeProcess(process.h, &code);
  res.status = SpawnStatus::exited;
  res.exit_code = static_cast<int>(code);
  return res;
}

}  // namespace gs
