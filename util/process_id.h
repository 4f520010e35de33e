// The current process id, to make temporary file names unique.
#pragma once

#include <cstdint>

namespace gs::cache {
uint64_t current_process_id();
}  // namespace gs::cache
