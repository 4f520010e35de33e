#include <unistd.h>

#include "util/self_path.h"

#if defined(__APPLE__)
#include <mach-o/dyld.h>

#include <climits>
#include <cstdlib>
#endif

namespace gs {

std::string self_exe_path() {
#if defined(__APPLE__)
  char buf[PATH_MAX];
  uint32_t size = sizeof buf;
  if (_NSGetExecutablePath(buf, &size) != 0) return "";
  char real[PATH_MAX];
  return realpath(buf, real) ? real : buf;
#else
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  return std::string(buf, static_cast<size_t>(n));
#endif
}

}  // namespace gs
