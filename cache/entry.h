// A cache entry on disk: a key, the dependencies whose observed file
// signatures must still hold for the entry to be valid, and an opaque
// payload, sealed by a checksum. The format is specified in entry.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cache/key.h"
#include "util/disk.h"

namespace gs::cache {

// Hard bounds, checked on both sides: the writer refuses to exceed them and
// the reader treats anything beyond them as a corrupt entry.
inline constexpr size_t kMaxEntryBytes = 1 << 20;
inline constexpr size_t kMaxDependencies = 4096;
inline constexpr size_t kMaxPathBytes = 4096;

// How a dependency was observed; lookup repeats exactly that call.
enum class Observe : uint8_t { stat = 0, lstat = 1 };

struct Dependency {
  std::string path;
  Observe how = Observe::stat;
  FileStat seen;   // what the observation returned, including "missing"
  // The directory's entries were read too (its listing is part of the
  // answer), so its mtime matters; see still_holds().
  bool listed = false;
  bool operator==(const Dependency&) const = default;
};

// A dependency as it lies in a read buffer (no copy of the path).
struct DependencyView {
  std::string_view path;
  Observe how = Observe::stat;
  FileStat seen;
  bool listed = false;
  Dependency to_owned() const { return Dependency{std::string(path), how, seen, listed}; }
};

// Whether what a dependency's observation returns now (`now`) still
// supports an answer computed when it returned `seen`.
//
// A file: every field (kind, size, mtime, ctime, identity, mode, owner).
// A directory: what the answer can depend on. Its kind and identity (dev,
// ino: the same directory, not one renamed or mounted over it), its mode and
// owner (whether what is inside can be reached); when it was listed, also
// its mtime, which moves whenever an entry is created, removed or renamed,
// and its ctime (an ACL that denies the listing changes no mode bit).
// Otherwise not its timestamps, size or link count, which move with
// unrelated changes: every file created in $HOME changes $HOME's mtime, and $HOME is
// on the path to a go under it. Whatever the answer read inside a directory
// is a dependency of its own. A directory with no identity (dev = ino = 0:
// Windows when the file index could not be read) is compared in full.
bool still_holds(const FileStat& seen, bool listed, const FileStat& now);
// The first field by which `now` fails still_holds() ("kind", "size",
// "mtime", "inode", ...), for the miss's reason; nullptr when it holds.
const char* changed_field(const FileStat& seen, bool listed, const FileStat& now);
// Whether still_holds() compares the timestamps of `seen` (all but a
// directory that was not listed): the racy rule applies only then.
bool timestamps_compared(const FileStat& seen, bool listed);

struct EntryView {
  Key key;
  int64_t recorded_ns = 0;
  std::vector<DependencyView> deps;
  std::string_view payload;
};

enum class EntryError : uint8_t {
  ok,
  too_short,
  too_large,
  bad_magic,
  bad_version,
  bad_checksum,
  truncated,        // a length field points past the end
  too_many_deps,
  bad_path,         // empty, over kMaxPathBytes, or containing NUL
  bad_field,        // an enum byte out of range
  trailing_bytes,
};
const char* describe(EntryError e);

// Encodes an entry. False (and *out untouched) when a bound would be
// exceeded or a path is unusable; the caller validates first to say which.
bool encode_entry(const Key& key, int64_t recorded_ns, std::span<const Dependency> deps,
                  std::string_view payload, std::string* out);

// Decodes and verifies bytes. On ok, *out's views point into bytes. Never
// throws on any input; every length is bounds-checked before use.
EntryError decode_entry(std::string_view bytes, EntryView* out);

// True when bytes begin as every entry file does: what clear and eviction
// check before removing a file, so that a user's file that merely looks like
// an entry's name is never deleted.
bool starts_with_entry_magic(std::string_view first_bytes);
inline constexpr size_t kEntryMagicBytes = 4;

// The same path check the decoder applies, for writers to validate up front.
bool is_storable_path(std::string_view path);

}  // namespace gs::cache
