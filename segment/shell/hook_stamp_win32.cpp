// The bash hook's stamp files exist for POSIX bash only: under Git Bash or
// MSYS2 the paths gostatus reports are Windows paths, which the hook does
// not check, so there is nothing to stamp.
#include "segment/shell/hook_check.h"

namespace gs {

bool ensure_mtime_stamp(const std::string&, int64_t) { return false; }

}  // namespace gs
