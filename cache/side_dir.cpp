#include "cache/side_dir.h"

#include <fmt/format.h>

#include <vector>

#include "cache/cache_dir.h"

namespace gs::cache {
namespace {

bool is_stamp_name(std::string_view name) {
  if (!name.empty() && name[0] == '-') name.remove_prefix(1);
  if (name.empty() || name.size() > 19) return false;
  for (char c : name)
    if (c < '0' || c > '9') return false;
  return true;
}

constexpr SideDir kAll[] = {{"stamps", is_stamp_name}};

// The side directory's path and names; false when it is missing or not a
// real directory (a symlink in its place is never followed).
bool list_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side, std::string* dir,
                   std::vector<DirEntry>* names) {
  *dir = side_dir_path(cache_dir, side);
  return !dir->empty() && disk.lstat(*dir).kind == FileKind::directory && disk.list_dir(*dir, names);
}

}  // namespace

const SideDir kStampsDir = kAll[0];

std::span<const SideDir> side_dirs() { return kAll; }

std::string side_dir_path(const std::string& cache_dir, const SideDir& side) {
  if (cache_dir.empty()) return "";
  return cache_dir + "/" + std::string(side.name);
}

SideDirStatus make_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side,
                            std::string* path) {
  if (cache_dir.empty()) return SideDirStatus::no_cache_dir;
  if (check_cache_dir(disk, cache_dir).state == DirTrust::State::missing) make_cache_dir(disk, cache_dir);
  if (!check_cache_dir(disk, cache_dir).trusted()) return SideDirStatus::untrusted;
  *path = side_dir_path(cache_dir, side);
  if (!disk.stat(*path).is_dir()) disk.make_dir(*path, 0700);
  return SideDirStatus::ready;
}

size_t prune_side_dir(Disk& disk, const std::string& dir, size_t max_files,
                      const std::function<bool(const std::string& path)>& keep) {
  std::vector<DirEntry> names;
  if (!disk.list_dir(dir, &names) || names.size() <= max_files) return 0;
  size_t removed = 0;
  for (const DirEntry& e : names) {
    const std::string p = dir + "/" + e.name;
    if (!keep(p) && disk.remove(p)) ++removed;
  }
  return removed;
}

SideDirCount count_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side) {
  SideDirCount c;
  std::string dir;
  std::vector<DirEntry> names;
  if (!list_side_dir(disk, cache_dir, side, &dir, &names)) return c;
  for (const DirEntry& e : names) {
    if (!side.owns(e.name)) continue;
    FileStat st = disk.lstat(dir + "/" + e.name);
    if (!st.is_regular()) continue;
    ++c.files;
    c.bytes += st.size;
  }
  return c;
}

SideDirClear clear_side_dir(Disk& disk, const std::string& cache_dir, const SideDir& side) {
  SideDirClear r;
  std::string dir;
  std::vector<DirEntry> names;
  if (!list_side_dir(disk, cache_dir, side, &dir, &names)) return r;
  bool foreign = false;
  for (const DirEntry& e : names) {
    const std::string p = dir + "/" + e.name;
    if (!side.owns(e.name) || !disk.lstat(p).is_regular()) {
      foreign = true;   // not ours: never touched
      continue;
    }
    if (disk.remove(p)) {
      ++r.removed;
    } else {
      r.ok = false;
      r.detail = fmt::format("cannot remove {}", p);
    }
  }
  if (!foreign && r.ok) disk.remove(dir);
  return r;
}

}  // namespace gs::cache
