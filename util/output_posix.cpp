#include <unistd.h>

#include <cerrno>

#include "util/output.h"

namespace gs {
namespace {

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a closed pipe is not our problem to report
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

void write_stdout(std::string_view s) { write_all(1, s); }
void write_stderr(std::string_view s) { write_all(2, s); }
bool stdout_is_terminal() { return ::isatty(1) == 1; }

}  // namespace gs
