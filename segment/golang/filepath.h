// Go's path/filepath rules (Clean, Join, SplitList, IsAbs, EvalSymlinks),
// reproduced exactly because gostatus must print the same bytes as `go env`.
// The style is a parameter so Windows rules can be unit-tested anywhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/disk.h"

namespace gs {

enum class PathStyle { posix, windows };

#if defined(_WIN32)
inline constexpr PathStyle kHostStyle = PathStyle::windows;
#else
inline constexpr PathStyle kHostStyle = PathStyle::posix;
#endif

namespace fp {

bool is_sep(char c, PathStyle s = kHostStyle);
char sep(PathStyle s = kHostStyle);
char list_sep(PathStyle s = kHostStyle);
// Length of the volume name ("C:", "\\host\share"); 0 on POSIX.
size_t volume_name_len(std::string_view path, PathStyle s = kHostStyle);
std::string clean(std::string_view path, PathStyle s = kHostStyle);
std::string join(std::initializer_list<std::string_view> parts, PathStyle s = kHostStyle);
std::vector<std::string> split_list(std::string_view list, PathStyle s = kHostStyle);
bool is_abs(std::string_view path, PathStyle s = kHostStyle);
std::string dir(std::string_view path, PathStyle s = kHostStyle);
std::string base(std::string_view path, PathStyle s = kHostStyle);
// filepath.Abs with an explicit working directory.
std::string abs(std::string_view path, std::string_view cwd, PathStyle s = kHostStyle);
// True when child is parent or lies below it (lexically, after Clean);
// case-insensitive on Windows.
bool has_prefix_dir(std::string_view child, std::string_view parent, PathStyle s = kHostStyle);
bool same_path(std::string_view a, std::string_view b, PathStyle s = kHostStyle);

// filepath.EvalSymlinks through the Disk seam. Every lstat and readlink it
// makes is appended to *visited (the symlink hops are cache dependencies).
// False on a missing component, an unreadable link or too many links.
bool eval_symlinks(Disk& disk, std::string_view path, std::string* out,
                   std::vector<std::string>* visited = nullptr, PathStyle s = kHostStyle);

}  // namespace fp
}  // namespace gs
