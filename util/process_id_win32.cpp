#include <windows.h>

#include "util/process_id.h"

namespace gs::cache {
uint64_t current_process_id() { return static_cast<uint64_t>(::GetCurrentProcessId()); }
}  // namespace gs::cache
