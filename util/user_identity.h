#pragma once
#include <string>
namespace gs {
// Who is asking, as far as file permissions go: uid, gid and the sorted
// supplementary groups on POSIX (whether a `go` is executable depends on
// them, and a hit does not re-check permissions); "" on Windows.
std::string user_identity();
}  // namespace gs
