// The on-disk cache: key -> payload, valid while every recorded dependency
// still looks exactly as it did when the entry was stored. One file per key
// in one directory, written atomically; beside them only the side
// directories of side_dir.h, which clear() and info() cover too.
//
// Cost model. A hit (the prompt's hot path) is: one lstat of the directory
// (the trust check, once per Store object), one read of the entry file, one
// stat or lstat per dependency. It never writes, lists or removes anything.
// A dependency holds when still_holds() says so (entry.h): a file must look
// exactly as it did, a directory only in what the answer can depend on.
// Everything else (creating the directory, eviction, sweeping temp files)
// happens in store(), which only runs after a miss.
//
// Eviction is by file mtime, i.e. by store time: a hit cannot refresh an
// entry's age without a write, and a hit must not write. For the same reason
// there are no hit/miss counters.
//
// A Store is for one thread (it reuses a path buffer). Concurrent processes
// are fine: entries appear by rename, and a lost race only loses a store.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache_dir.h"
#include "cache/entry.h"
#include "cache/key.h"
#include "cache/side_dir.h"
#include "util/disk.h"

namespace gs::cache {

struct StoreLimits {
  size_t max_entries = 512;
  uint64_t max_bytes = 8u << 20;
};

// Timestamps this close to (or after) the time of observation cannot prove
// that a file is unchanged: a later write may land in the same tick.
inline constexpr int64_t kTimestampGranularityNs = 1'000'000'000;
// A temp file this old belongs to a store that died before its rename.
inline constexpr int64_t kStaleTempAgeNs = 60'000'000'000;

enum class LookupStatus : uint8_t {
  hit,
  no_cache,     // the directory is missing or untrusted (see Store::trust())
  absent,       // no entry file, or not a readable regular file within bounds
  invalid,      // the file failed verification (format, checksum, key)
  stale,        // a dependency changed
};

struct LookupResult {
  LookupStatus status = LookupStatus::absent;
  std::string payload;             // on a hit
  std::vector<Dependency> deps;    // on a hit from lookup_with_deps(): as observed now
  std::string detail;              // on a miss: why, for humans
  bool hit() const { return status == LookupStatus::hit; }
};

enum class StoreStatus : uint8_t {
  stored,
  no_cache,       // no directory configured, or it is untrusted
  racy,           // a dependency's timestamps are too recent to rely on
  too_large,      // over kMaxEntryBytes / kMaxDependencies
  bad_dependency, // an empty path, a path with NUL or over kMaxPathBytes
  inconsistent,   // one path observed twice, with different results
  io_error,       // could not create the directory or write the entry
};

struct StoreResult {
  StoreStatus status = StoreStatus::io_error;
  std::string detail;     // empty when stored
  size_t evicted = 0;     // entries removed to keep within StoreLimits
  size_t swept = 0;       // stale temp files removed
  bool stored() const { return status == StoreStatus::stored; }
};

struct ClearResult {
  bool ok = false;
  size_t removed = 0;        // entries and temp files
  size_t side_removed = 0;   // files of the side directories (side_dir.h)
  std::string detail;
};

struct CacheInfo {
  std::string dir;
  DirTrust trust;
  size_t entries = 0;
  uint64_t bytes = 0;
  size_t temp_files = 0;
  // Each side directory (side_dir.h) with what it holds, in side_dirs() order.
  std::vector<std::pair<SideDir, SideDirCount>> side;
};

class Store {
 public:
  // dir may be empty: then there is no cache, and every call says so.
  // create_base: see make_cache_dir.
  Store(Disk& disk, std::string dir, StoreLimits limits = {}, std::string create_base = {});

  std::optional<std::string> lookup(const Key& key);
  // The status, and the payload on a hit (a miss says why in detail);
  // nothing is copied from the entry but the payload. What a plain prompt
  // needs.
  LookupResult lookup_status(const Key& key);
  // As lookup_status(), and on a hit also the dependencies, each with what
  // its observation returns now (which still_holds() found equivalent to
  // what was recorded).
  LookupResult lookup_with_deps(const Key& key);

  // Records payload under key, valid while deps hold. observed_at_ns should
  // be the time taken just before the first dependency was observed; it
  // defaults to now, which is later and so slightly less strict. Duplicate
  // (path, how) pairs are stored once. Never fatal, never prints.
  StoreResult store(const Key& key, std::span<const Dependency> deps, std::string_view payload,
                    std::optional<int64_t> observed_at_ns = std::nullopt);

  // Removes every entry and temp file from the directory, and the side
  // directories' files and folders (and nothing else).
  ClearResult clear();
  CacheInfo info();

  // The trust verdict on the directory, checked once and remembered.
  const DirTrust& trust();

  const std::string& dir() const { return dir_; }
  std::string entry_path(const Key& key) const;

  // File names the cache owns: "<32 hex>.gsc" and ".gostatus-tmp.<pid>-<n>-<16 hex>".
  static bool is_entry_name(std::string_view name);
  static bool is_temp_name(std::string_view name);
  // What clear and eviction may remove: a regular file (seen with lstat, so
  // never through a link) with a temp name, or with an entry name whose
  // first bytes are the entry magic. The directory may be a user's folder.
  bool is_own_file(std::string_view name, const FileStat& st);

 private:
  LookupResult lookup_impl(const Key& key, bool want_deps);
  std::string child(std::string_view name) const;
  std::string temp_name();
  void maintain(const std::string& keep, int64_t now, StoreResult* result);

  Disk& disk_;
  std::string dir_;
  std::string create_base_;
  StoreLimits limits_;
  std::optional<DirTrust> trust_;
  uint64_t temp_counter_ = 0;
  std::string scratch_;   // a reused path buffer for dependency stats
};

}  // namespace gs::cache
