// The one monotonic clock: the spawner's deadlines and timings, the output
// writer's deadline, --bench's timings.
#pragma once

#include <cstdint>

namespace gs {

// Nanoseconds since an arbitrary start; never goes back.
int64_t monotonic_ns();

inline int64_t monotonic_ms() { return monotonic_ns() / 1'000'000; }

void sleep_ms(unsigned ms);

}  // namespace gs
