// The bash hook's stamp files: an empty file with an exact mtime, so that
// [[ f -nt stamp ]] and [[ f -ot stamp ]] compare f's mtime with it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segment/shell/hook_check.h"

namespace gs {

bool ensure_mtime_stamp(const std::string& path, int64_t mtime_ns) {
  int64_t sec = mtime_ns / 1'000'000'000, nsec = mtime_ns % 1'000'000'000;
  if (nsec < 0) sec -= 1, nsec += 1'000'000'000;
  auto exact = [&](const struct stat& st) {
    return S_ISREG(st.st_mode) && st.st_mtim.tv_sec == sec && st.st_mtim.tv_nsec == nsec;
  };
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && exact(st)) return true;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(sec), static_cast<long>(nsec)}};
  // The file system may keep coarser timestamps than asked for: then the
  // stamp is not exact, and the caller gives up on skipping.
  bool ok = ::futimens(fd, times) == 0 && ::fstat(fd, &st) == 0 && exact(st);
  ::close(fd);
  return ok;
}

}  // namespace gs
