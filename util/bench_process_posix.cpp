#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "util/bench_process.h"

namespace gs {

namespace {

std::vector<char*> c_array(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const std::string& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

int64_t monotonic_ns() {
  struct timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void sleep_ms(unsigned ms) {
  struct timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1'000'000};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

TimedRun run_timed(const std::string& exe, const std::vector<std::string>& argv,
                   const std::vector<std::string>& envp, const std::string& cwd) {
  TimedRun r;
  std::vector<char*> args = c_array(argv), env = c_array(envp);
  posix_spawn_file_actions_t fa;
  if (::posix_spawn_file_actions_init(&fa) != 0) return r;
  for (int fd = 0; fd <= 2; ++fd)
    ::posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
#if defined(__GLIBC__) || defined(__APPLE__)
  if (!cwd.empty()) ::posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
#endif
  pid_t pid = 0;
  int64_t start = monotonic_ns();
  int rc = ::posix_spawn(&pid, exe.c_str(), &fa, nullptr, args.data(), env.data());
  ::posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return r;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.wall_ns = monotonic_ns() - start;
  r.started = true;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string make_private_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = (tmp && tmp[0] == '/') ? tmp : "/tmp";
  tmpl += "/gostatus-bench-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return "";  // mkdtemp creates it 0700
  return tmpl;
}

}  // namespace gs
