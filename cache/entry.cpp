#include "cache/entry.h"

#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cache/wire.h"

// Entry file format. All integers are little-endian and fixed width.
//
//   entry       ::= magic version key recorded_ns deps payload checksum
//   magic       ::= "GSCE"                       (4 bytes)
//   version     ::= u16                          (currently 1)
//   key         ::= hi:u64 lo:u64                (must equal the key looked up)
//   recorded_ns ::= i64                          (when the dependencies were observed)
//   deps        ::= count:u32 dep{count}         (count <= 4096)
//   dep         ::= path_len:u32 path:byte{path_len}   (1..4096 bytes, no NUL)
//                   how:u8                       (0 = stat, 1 = lstat)
//                   listed:u8                    (1: the directory's entries were read)
//                   kind:u8                      (gs::FileKind, 0..5)
//                   mode:u32 uid:u32 size:u64 mtime_ns:i64 ctime_ns:i64
//                   dev:u64 ino:u64
//   payload     ::= len:u32 byte{len}
//   checksum    ::= u64                          (XXH3-64 of every byte before it)
//
// The whole entry is at most 1 MiB. Nothing may follow the checksum.
//
// Version history:
//   1  Initial format.
//   2  dep.listed: a directory is compared in full only when it was listed
//      (still_holds), so a version 1 entry, which does not say, is a miss.
//
// Any change to this grammar bumps the version; readers treat an unknown
// version as a miss, so an upgrade simply rebuilds the cache.

namespace gs::cache {
namespace {

constexpr char kMagic[4] = {'G', 'S', 'C', 'E'};
constexpr uint16_t kVersion = 2;
constexpr size_t kHeaderBytes = 4 + 2 + 16 + 8;
constexpr size_t kDepFixedBytes = 1 + 1 + 1 + 4 + 4 + 8 + 8 + 8 + 8 + 8;
constexpr size_t kMinEntryBytes = kHeaderBytes + 4 + 4 + 8;
constexpr uint8_t kMaxKind = static_cast<uint8_t>(FileKind::error);

class Reader {
 public:
  Reader(const unsigned char* p, size_t n) : p_(p), left_(n) {}
  bool take(size_t n, const unsigned char** out) {
    if (n > left_) return false;
    *out = p_;
    p_ += n;
    left_ -= n;
    return true;
  }
  size_t left() const { return left_; }

 private:
  const unsigned char* p_;
  size_t left_;
};

}  // namespace

const char* describe(EntryError e) {
  switch (e) {
    case EntryError::ok: return "ok";
    case EntryError::too_short: return "too short";
    case EntryError::too_large: return "too large";
    case EntryError::bad_magic: return "not a gostatus cache entry";
    case EntryError::bad_version: return "unknown format version";
    case EntryError::bad_checksum: return "checksum mismatch";
    case EntryError::truncated: return "truncated";
    case EntryError::too_many_deps: return "too many dependencies";
    case EntryError::bad_path: return "bad dependency path";
    case EntryError::bad_field: return "bad field value";
    case EntryError::trailing_bytes: return "trailing bytes";
  }
  return "unknown";
}

bool starts_with_entry_magic(std::string_view first_bytes) {
  return first_bytes.size() >= sizeof kMagic && std::memcmp(first_bytes.data(), kMagic, sizeof kMagic) == 0;
}

bool is_storable_path(std::string_view path) {
  return !path.empty() && path.size() <= kMaxPathBytes &&
         std::memchr(path.data(), '\0', path.size()) == nullptr;
}

namespace {
// A directory compared by what matters (see still_holds).
bool compared_as_directory(const FileStat& seen) { return seen.is_dir() && (seen.dev != 0 || seen.ino != 0); }
}  // namespace

const char* changed_field(const FileStat& seen, bool listed, const FileStat& now) {
  if (now.kind != seen.kind) return "kind";
  if (compared_as_directory(seen)) {
    if (now.ino != seen.ino) return "inode";
    if (now.dev != seen.dev) return "device";
    if (now.mode != seen.mode) return "mode";
    if (now.uid != seen.uid) return "owner";
    if (!listed) return nullptr;
    if (now.mtime_ns != seen.mtime_ns) return "mtime";
    return now.ctime_ns != seen.ctime_ns ? "ctime" : nullptr;
  }
  // Everything FileStat holds, the likeliest change first.
  if (now.size != seen.size) return "size";
  if (now.mtime_ns != seen.mtime_ns) return "mtime";
  if (now.ctime_ns != seen.ctime_ns) return "ctime";
  if (now.ino != seen.ino) return "inode";
  if (now.dev != seen.dev) return "device";
  if (now.mode != seen.mode) return "mode";
  return now.uid != seen.uid ? "owner" : nullptr;
}

bool still_holds(const FileStat& seen, bool listed, const FileStat& now) {
  return changed_field(seen, listed, now) == nullptr;
}

bool timestamps_compared(const FileStat& seen, bool listed) { return listed || !compared_as_directory(seen); }

bool encode_entry(const Key& key, int64_t recorded_ns, std::span<const Dependency> deps,
                  std::string_view payload, std::string* out) {
  if (deps.size() > kMaxDependencies) return false;
  size_t total = kMinEntryBytes + payload.size();
  for (const Dependency& d : deps) {
    if (!is_storable_path(d.path)) return false;
    total += 4 + d.path.size() + kDepFixedBytes;
  }
  if (total > kMaxEntryBytes) return false;

  std::string s;
  s.reserve(total);
  s.append(kMagic, sizeof kMagic);
  wire::put_u16(&s, kVersion);
  wire::put_u64(&s, key.hi);
  wire::put_u64(&s, key.lo);
  wire::put_u64(&s, static_cast<uint64_t>(recorded_ns));
  wire::put_u32(&s, static_cast<uint32_t>(deps.size()));
  for (const Dependency& d : deps) {
    wire::put_u32(&s, static_cast<uint32_t>(d.path.size()));
    s.append(d.path);
    s.push_back(static_cast<char>(d.how));
    s.push_back(static_cast<char>(d.listed ? 1 : 0));
    s.push_back(static_cast<char>(d.seen.kind));
    wire::put_u32(&s, d.seen.mode);
    wire::put_u32(&s, d.seen.uid);
    wire::put_u64(&s, d.seen.size);
    wire::put_u64(&s, static_cast<uint64_t>(d.seen.mtime_ns));
    wire::put_u64(&s, static_cast<uint64_t>(d.seen.ctime_ns));
    wire::put_u64(&s, d.seen.dev);
    wire::put_u64(&s, d.seen.ino);
  }
  wire::put_u32(&s, static_cast<uint32_t>(payload.size()));
  s.append(payload);
  wire::put_u64(&s, XXH3_64bits(s.data(), s.size()));
  *out = std::move(s);
  return true;
}

EntryError decode_entry(std::string_view bytes, EntryView* out) {
  const auto* base = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n > kMaxEntryBytes) return EntryError::too_large;
  // Magic and version first, so a foreign or newer file gets a precise reason.
  if (n < sizeof kMagic || std::memcmp(base, kMagic, sizeof kMagic) != 0) {
    return n < sizeof kMagic ? EntryError::too_short : EntryError::bad_magic;
  }
  if (n < sizeof kMagic + 2) return EntryError::too_short;
  if (wire::get_u16(base + 4) != kVersion) return EntryError::bad_version;
  if (n < kMinEntryBytes) return EntryError::too_short;
  const size_t body = n - 8;
  if (XXH3_64bits(base, body) != wire::get_u64(base + body)) return EntryError::bad_checksum;

  // The checksum matched, but the structure is still verified field by
  // field: a checksum proves integrity, not that the writer was sane.
  Reader r(base, body);
  const unsigned char* p;
  r.take(kHeaderBytes, &p);   // length checked above
  out->key.hi = wire::get_u64(p + 6);
  out->key.lo = wire::get_u64(p + 14);
  out->recorded_ns = static_cast<int64_t>(wire::get_u64(p + 22));

  if (!r.take(4, &p)) return EntryError::truncated;
  const uint32_t count = wire::get_u32(p);
  if (count > kMaxDependencies) return EntryError::too_many_deps;
  // Each dependency needs at least 4 + 1 + kDepFixedBytes bytes; refuse an
  // impossible count before reserving memory for it.
  if (static_cast<uint64_t>(count) * (4 + 1 + kDepFixedBytes) > r.left()) return EntryError::truncated;
  out->deps.clear();
  out->deps.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (!r.take(4, &p)) return EntryError::truncated;
    const uint32_t path_len = wire::get_u32(p);
    if (path_len == 0 || path_len > kMaxPathBytes) return EntryError::bad_path;
    if (!r.take(path_len, &p)) return EntryError::truncated;
    DependencyView d;
    d.path = std::string_view(reinterpret_cast<const char*>(p), path_len);
    if (std::memchr(p, '\0', path_len) != nullptr) return EntryError::bad_path;
    if (!r.take(kDepFixedBytes, &p)) return EntryError::truncated;
    if (p[0] > 1 || p[1] > 1 || p[2] > kMaxKind) return EntryError::bad_field;
    d.how = static_cast<Observe>(p[0]);
    d.listed = p[1] != 0;
    d.seen.kind = static_cast<FileKind>(p[2]);
    d.seen.mode = wire::get_u32(p + 3);
    d.seen.uid = wire::get_u32(p + 7);
    d.seen.size = wire::get_u64(p + 11);
    d.seen.mtime_ns = static_cast<int64_t>(wire::get_u64(p + 19));
    d.seen.ctime_ns = static_cast<int64_t>(wire::get_u64(p + 27));
    d.seen.dev = wire::get_u64(p + 35);
    d.seen.ino = wire::get_u64(p + 43);
    out->deps.push_back(d);
  }

  if (!r.take(4, &p)) return EntryError::truncated;
  const uint32_t payload_len = wire::get_u32(p);
  if (!r.take(payload_len, &p)) return EntryError::truncated;
  out->payload = std::string_view(reinterpret_cast<const char*>(p), payload_len);
  if (r.left() != 0) return EntryError::trailing_bytes;
  return EntryError::ok;
}

}  // namespace gs::cache
