#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "util/clock.h"
#include "util/output.h"

namespace gs {
namespace {

WriteStatus write_all(int fd, std::string_view s, int timeout_ms) {
  const int64_t deadline = timeout_ms < 0 ? 0 : monotonic_ms() + timeout_ms;
  while (!s.empty()) {
    if (timeout_ms >= 0) {
      // A full pipe would block the write forever; wait only so long for room.
      int64_t left = deadline - monotonic_ms();
      pollfd p{fd, POLLOUT, 0};
      int pr = left > 0 ? ::poll(&p, 1, static_cast<int>(left)) : 0;
      if (pr < 0 && errno == EINTR) continue;
      if (pr <= 0) return WriteStatus::failed;
      if (p.revents & (POLLERR | POLLNVAL)) return WriteStatus::failed;
      // POLLHUP: the reader is gone; the write below reports EPIPE.
    }
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EPIPE ? WriteStatus::broken_pipe : WriteStatus::failed;
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
  return WriteStatus::ok;
}

}  // namespace

WriteStatus write_stdout(std::string_view s, int timeout_ms) { return write_all(1, s, timeout_ms); }
void write_stderr(std::string_view s) { write_all(2, s, -1); }
bool stdout_is_terminal() { return ::isatty(1) == 1; }

void prepare_standard_handles() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // open returns the lowest free descriptor: this one.
    int got = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (got >= 0 && got != fd) ::close(got);
  }
  ::signal(SIGPIPE, SIG_IGN);
}

}  // namespace gs
