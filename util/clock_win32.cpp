#include "util/clock.h"

#include <windows.h>

namespace gs {

int64_t monotonic_ns() {
  LARGE_INTEGER f, c;
  ::QueryPerformanceFrequency(&f);
  ::QueryPerformanceCounter(&c);
  return static_cast<int64_t>(static_cast<double>(c.QuadPart) * 1e9 / static_cast<double>(f.QuadPart));
}

void sleep_ms(unsigned ms) { ::Sleep(ms); }

}  // namespace gs
