// The cache directory: where it is, whether it may be trusted, and how it is
// created.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "util/disk.h"

namespace gs::cache {

// Platform decides the default location; Linux also stands for the BSDs and
// any other system following the XDG base directory spec.
enum class Platform : uint8_t { Linux, MacOS, Windows };

constexpr Platform host_platform() {
#if defined(_WIN32)
  return Platform::Windows;
#elif defined(__APPLE__)
  return Platform::MacOS;
#else
  return Platform::Linux;
#endif
}

// A variable's value; std::nullopt when it is unset.
using GetEnv = std::function<std::optional<std::string>(const char*)>;

struct CacheDirChoice {
  std::string path;     // empty: no usable location, run without a cache
  std::string source;   // which rule chose it, for `gostatus doctor`
  // The folder the rule starts from ($XDG_CACHE_HOME, $HOME, ...): it must
  // exist already; only the folders below it are the cache's own to create.
  // Empty for GOSTATUS_CACHE_DIR: only that folder itself is created.
  std::string base;
};

// Where the cache lives, first match wins:
//   1. $GOSTATUS_CACHE_DIR
//   2. Linux: $XDG_CACHE_HOME/gostatus, else $HOME/.cache/gostatus
//      macOS: $HOME/Library/Caches/gostatus
//      Windows: %LOCALAPPDATA%\gostatus
// Every variable must hold an absolute path; an empty or relative value is
// ignored as if unset (as the XDG spec says). A relative cache directory
// would otherwise sprout a new cache in whatever directory the prompt is
// rendered in.
CacheDirChoice choose_cache_dir(const GetEnv& getenv, Platform platform);
inline std::string default_cache_dir(const GetEnv& getenv, Platform platform) {
  return choose_cache_dir(getenv, platform).path;
}

bool is_absolute_path(const std::string& path, Platform platform);

// The trust rule. Cache entries feed a shell prompt (and, later, shell hooks),
// so an entry must have been written by us: the directory has to be
//   - an actual directory, seen with lstat: a symlink is refused, because
//     whoever can re-point it decides where we read from and what eviction
//     deletes, and a check through it would race with that (the fix is to
//     name the real directory in GOSTATUS_CACHE_DIR); symlinks among the
//     parents are fine, as with any path the user chose;
//   - owned by the current user (Disk::current_uid());
//   - not writable by group or others (mode & 022 == 0).
// Otherwise it is not used at all: lookups miss and stores are refused.
// (A Windows Disk is expected to report the current user's directories with
// uid == current_uid() and no group/other write bits.)
struct DirTrust {
  enum class State : uint8_t { trusted, missing, untrusted };
  State state = State::missing;
  std::string reason;   // empty when trusted; otherwise, for `gostatus doctor`
  bool trusted() const { return state == State::trusted; }
};
DirTrust check_cache_dir(Disk& disk, const std::string& dir);

// Creates dir with mode 0700 (the umask can only narrow it), and the missing
// folders between base and dir; base itself must exist (empty base: dir's
// parent must). A HOME that names a folder that does not exist must not be
// created by a prompt. True when dir exists afterwards (it may not be
// trusted: check).
bool make_cache_dir(Disk& disk, const std::string& dir, const std::string& base = "");

}  // namespace gs::cache
