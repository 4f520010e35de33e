// Side directories: named folders inside the cache directory for files that
// are not answer entries but belong to the cache all the same, such as
// "stamps", the bash hook's stamp files (segment/shell/hook_check.cpp). The
// cache owns everything under its directory: `gostatus cache info` counts
// a side directory's files and `gostatus cache clear` removes them and the
// folder. Like the entries, only files a side directory's name rule claims
// are ever removed: the cache directory may be a user's folder.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "util/disk.h"

namespace gs::cache {

struct SideDir {
  std::string_view name;                     // the folder's name in the cache directory
  bool (*owns)(std::string_view file_name);  // the names of the files it holds
};

// "stamps": files named by a decimal mtime in ns ("1700000000123456789",
// "-5"), each an empty file with exactly that mtime.
extern const SideDir kStampsDir;

// Every side directory the cache knows; info and clear visit these.
std::span<const SideDir> side_dirs();

// "<cache_dir>/<name>", or "" when cache_dir is "" (no cache).
std::string side_dir_path(const std::string& cache_dir, const SideDir& side);

enum class SideDirStatus : uint8_t {
  ready,          // the side directory's path is returned (see make_side_dir)
  no_cache_dir,   // cache_dir is ""
  untrusted,      // the cache directory fails the trust rule (check_cache_dir)
};

// Makes a side directory usable: creates the cache directory when it is
// missing (its parent must exist: make_cache_dir without a base), checks the
// trust rule on it, and creates the side directory in it (mode 0700) unless
// a directory is there. When ready, *path is the side directory; a write
// into it may still fail (the caller sees that write fail).
SideDirStatus make_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side,
                            std::string* path);

// When the side directory holds more than max_files names, removes every
// one that keep() refuses (keep sees "<dir>/<name>"). Returns how many went.
size_t prune_side_dir(Disk& disk, const std::string& dir, size_t max_files,
                      const std::function<bool(const std::string& path)>& keep);

struct SideDirCount {
  size_t files = 0;     // regular files whose names side.owns()
  uint64_t bytes = 0;
};
// What a side directory holds (zero when missing, or not a real directory).
SideDirCount count_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side);

struct SideDirClear {
  bool ok = true;       // false when one of its own files could not be removed
  size_t removed = 0;   // files removed
  std::string detail;   // when !ok: which file
};
// Removes the side directory's own files (regular files, seen with lstat,
// whose names side.owns()), then the folder when nothing else is left in it.
// A symlink in its place is never followed nor removed.
SideDirClear clear_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side);

}  // namespace gs::cache
