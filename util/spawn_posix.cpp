// spawn_capture on POSIX: fork + execve, the child in a process group of its
// own so that a timeout kills it and whatever it started (a shell script's
// `sleep`, say) with one kill(-pgid). The group is killed before the leader
// is reaped: while the leader is an unreaped zombie its pgid cannot be
// reused, so the kill can never reach a stranger.
//
// A descendant that calls setsid() (or setpgid) leaves the group. On Linux
// the caller is made a child subreaper for the call (PR_SET_CHILD_SUBREAPER):
// every orphaned descendant is then re-parented to us, and after the group
// kill the children we did not have before are killed and reaped until none
// is left. Elsewhere such a descendant survives (documented in README).
//
// A file without a #! line fails execve with ENOEXEC; a shell runs it with
// /bin/sh (POSIX execvp does the same), so this does too. Only then is a
// shell involved.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <string>

#include "util/clock.h"
#include "util/spawn.h"

namespace gs {
namespace {

void close_fd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

#if defined(__linux__)
// Our children, from /proc/self/task/<tid>/children (we are single-threaded).
// Read with open/read, not an ifstream: iostreams would link libstdc++'s
// locale machinery, and its static constructors, into every run of the binary.
std::vector<pid_t> own_children() {
  std::vector<pid_t> out;
  const std::string path = "/proc/self/task/" + std::to_string(::getpid()) + "/children";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  std::string text;
  char buf[512];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  // Space-separated decimal pids.
  long pid = -1;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      pid = (pid < 0 ? 0 : pid * 10) + (c - '0');
    } else if (pid >= 0) {
      out.push_back(static_cast<pid_t>(pid));
      pid = -1;
    }
  }
  if (pid >= 0) out.push_back(static_cast<pid_t>(pid));
  return out;
}

// Kills and reaps the children that were not there before (descendants that
// escaped the group were re-parented to us), until none is left.
void kill_escaped(const std::vector<pid_t>& before) {
  for (int round = 0; round < 64; ++round) {
    std::vector<pid_t> now = own_children();
    std::vector<pid_t> strays;
    for (pid_t c : now)
      if (std::find(before.begin(), before.end(), c) == before.end()) strays.push_back(c);
    if (strays.empty()) return;
    for (pid_t c : strays) ::kill(c, SIGKILL);
    for (pid_t c : strays) {
      int st;
      while (::waitpid(c, &st, 0) < 0 && errno == EINTR) {
      }
    }
  }
}
#endif

}  // namespace

SpawnResult spawn_capture(const SpawnRequest& req) {
  SpawnResult res;
  const int64_t start = monotonic_ms();
  const bool no_limit = req.timeout_ms == kNoTimeout;
  const int64_t deadline = start + (req.timeout_ms > 0 ? req.timeout_ms : 0);

  // Everything the child needs is prepared before fork: between fork and
  // exec only async-signal-safe calls are made.
  std::vector<std::string> env_strings;
  env_strings.reserve(req.env.size());
  for (const auto& [k, v] : req.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string program = req.program;
  std::vector<std::string> arg_strings;
  arg_strings.push_back(req.argv0.empty() ? program : req.argv0);
  for (const std::string& a : req.args) arg_strings.push_back(a);
  std::vector<char*> argv;
  for (std::string& s : arg_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0 || (req.capture && ::pipe2(out_pipe, O_CLOEXEC) != 0) || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    res.error = std::string("cannot set up pipes: ") + strerror(errno);
    close_fd(&devnull);
    close_fd(&out_pipe[0]), close_fd(&out_pipe[1]), close_fd(&err_pipe[0]), close_fd(&err_pipe[1]);
    return res;
  }
  const char* cwd = req.cwd.empty() ? nullptr : req.cwd.c_str();
  // For a script without #!: /bin/sh program args... (prepared before fork).
  std::vector<char*> sh_argv;
  static char sh_name[] = "sh";
  static char sh_path[] = "/bin/sh";
  sh_argv.push_back(sh_name);
  sh_argv.push_back(program.data());
  for (size_t i = 1; i < arg_strings.size(); ++i) sh_argv.push_back(arg_strings[i].data());
  sh_argv.push_back(nullptr);

#if defined(__linux__)
  int was_subreaper = 0;
  ::prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper);
  const bool subreaper = was_subreaper || ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
  const std::vector<pid_t> children_before = subreaper ? own_children() : std::vector<pid_t>{};
#endif

  const pid_t parent = ::getpid();
  const int64_t start_ns = monotonic_ns();
  pid_t pid = ::fork();
  if (pid < 0) {
    res.error = std::string("fork: ") + strerror(errno);
#if defined(__linux__)
    if (subreaper && !was_subreaper) ::prctl(PR_SET_CHILD_SUBREAPER, 0);
#endif
    close_fd(&devnull);
    close_fd(&out_pipe[0]), close_fd(&out_pipe[1]), close_fd(&err_pipe[0]), close_fd(&err_pipe[1]);
    return res;
  }
  if (pid == 0) {
    // The child. Failures are reported through err_pipe as an errno.
    ::setpgid(0, 0);
#if defined(__linux__)
    // gostatus killed during the spawn (SIGTERM, say) takes the program
    // with it; what the program started is not covered (see README).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
#else
    (void)parent;
#endif
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    int e = 0;
    if (::dup2(devnull, 0) < 0 || ::dup2(out_pipe[1] >= 0 ? out_pipe[1] : devnull, 1) < 0 || ::dup2(devnull, 2) < 0)
      e = errno;
    if (!e && cwd && ::chdir(cwd) != 0) e = errno;
    if (!e) {
      ::execve(program.c_str(), argv.data(), envp.data());
      e = errno;
      if (e == ENOEXEC) {
        ::execve(sh_path, sh_argv.data(), envp.data());
        e = errno;
      }
    }
    ssize_t ignored = ::write(err_pipe[1], &e, sizeof e);
    (void)ignored;
    ::_exit(127);
  }
  // Also from this side: the group must exist before we might kill it.
  ::setpgid(pid, pid);
  close_fd(&devnull);
  close_fd(&out_pipe[1]);
  close_fd(&err_pipe[1]);

  // Did execve succeed? The error pipe closes on exec (CLOEXEC) or carries
  // the errno.
  int child_errno = 0;
  ssize_t n;
  do n = ::read(err_pipe[0], &child_errno, sizeof child_errno);
  while (n < 0 && errno == EINTR);
  close_fd(&err_pipe[0]);
  bool started = n == 0;

  // Read stdout until the leader has exited and the pipe is drained, or the
  // deadline. EOF alone is not the end (the leader may still be running),
  // and neither is the leader's exit while output is pending; a background
  // child that keeps the pipe open must not hold us until the deadline.
  bool timed_out = false, exited = false;
  // Seen, not reaped: while the leader is an unreaped zombie its pgid
  // cannot be reused (see the top of this file).
  auto leader_exited = [&](bool block) {
    siginfo_t info{};
    int flags = WEXITED | WNOWAIT | (block ? 0 : WNOHANG);
    int rc;
    do rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, flags);
    while (rc < 0 && errno == EINTR);
    return rc == 0 && info.si_pid == pid;
  };
  char buf[4096];
  auto read_some = [&](int wait_ms) -> bool {  // false: EOF or error
    pollfd p{out_pipe[0], POLLIN, 0};
    int pr = ::poll(&p, 1, wait_ms);
    if (pr <= 0) return pr == 0 || errno == EINTR;
    ssize_t got = ::read(out_pipe[0], buf, sizeof buf);
    if (got < 0) return errno == EINTR || errno == EAGAIN;
    if (got == 0) return false;
    size_t room = req.max_output > res.out.size() ? req.max_output - res.out.size() : 0;
    res.out.append(buf, static_cast<size_t>(got) < room ? static_cast<size_t>(got) : room);
    return true;
  };
  while (started) {
    if (leader_exited(false)) {
      exited = true;
      // Drain what is already there, without waiting for writers that live on.
      while (out_pipe[0] >= 0) {
        pollfd p{out_pipe[0], POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) break;
        if (!read_some(0)) break;
      }
      break;
    }
    int slice = 20;
    if (!no_limit) {
      int64_t left = deadline - monotonic_ms();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      slice = static_cast<int>(left < 20 ? left : 20);
    }
    if (out_pipe[0] >= 0) {
      if (!read_some(slice)) close_fd(&out_pipe[0]);
    } else if (no_limit) {
      leader_exited(true);  // nothing to read and no deadline: just wait
    } else {
      ::poll(nullptr, 0, slice < 2 ? slice : 2);
    }
  }
  res.elapsed_ns = monotonic_ns() - start_ns;
  close_fd(&out_pipe[0]);

  // Whatever the leader did, nothing it started may outlive this call.
  ::kill(-pid, SIGKILL);
  int status = 0;
  pid_t w;
  do w = ::waitpid(pid, &status, 0);
  while (w < 0 && errno == EINTR);
#if defined(__linux__)
  if (subreaper) {
    kill_escaped(children_before);
    if (!was_subreaper) ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  }
#endif

  if (!started) {
    res.status = SpawnStatus::failed_to_start;
    res.error = std::string(strerror(child_errno));
    res.out.clear();
    return res;
  }
  if (timed_out || !exited) {
    res.status = SpawnStatus::timed_out;
    return res;
  }
  if (w == pid && WIFEXITED(status)) {
    res.status = SpawnStatus::exited;
    res.exit_code = WEXITSTATUS(status);
  } else if (w == pid && WIFSIGNALED(status)) {
    res.status = SpawnStatus::signaled;
    res.exit_code = WTERMSIG(status);
  } else {
    res.status = SpawnStatus::failed_to_start;
    res.error = "lost track of the child";
  }
  return res;
}

}  // namespace gs
