// The cache entry decoder, three ways:
//   1. the input as an entry file: whatever decodes re-encodes to exactly
//      the input (the decoder accepts only what the encoder writes);
//   2. the input with magic, version and checksum made right, so that the
//      fuzzer reaches the structure behind the checksum; same invariant;
//   3. the input as the makings of an entry (key, time, dependencies,
//      payload): what the encoder writes decodes to the same entry.
#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cache/entry.h"
#include "cache/wire.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;
using namespace gs::cache;

namespace {

std::vector<Dependency> owned(const EntryView& v) {
  std::vector<Dependency> deps;
  for (const DependencyView& d : v.deps) deps.push_back(d.to_owned());
  return deps;
}

void decode_reencodes(std::string_view bytes) {
  EntryView v;
  EntryError e = decode_entry(bytes, &v);
  FUZZ_CHECK(describe(e) != nullptr);
  if (e != EntryError::ok) return;
  std::string again;
  FUZZ_CHECK(encode_entry(v.key, v.recorded_ns, owned(v), v.payload, &again));
  FUZZ_CHECK(again == bytes);
}

// A little reader over the fuzz input for the structured case.
struct Source {
  std::string_view s;
  uint64_t u64() {
    uint64_t v = 0;
    size_t n = std::min<size_t>(8, s.size());
    std::memcpy(&v, s.data(), n);
    s.remove_prefix(n);
    return v;
  }
  uint8_t u8() { return static_cast<uint8_t>(u64() & 0xff); }
  std::string_view bytes(size_t n) {
    n = std::min(n, s.size());
    std::string_view b = s.substr(0, n);
    s.remove_prefix(n);
    return b;
  }
};

void encode_decodes(std::string_view in) {
  Source src{in};
  Key key{src.u64(), src.u64()};
  int64_t recorded = static_cast<int64_t>(src.u64());
  std::vector<Dependency> deps(src.u8() % 8);
  for (Dependency& d : deps) {
    d.path = std::string(src.bytes(src.u8()));
    const uint8_t how = src.u8();
    d.how = static_cast<Observe>(how & 1);
    d.listed = (how & 2) != 0;
    d.seen.kind = static_cast<FileKind>(src.u8() % 6);
    d.seen.mode = static_cast<uint32_t>(src.u64());
    d.seen.uid = static_cast<uint32_t>(src.u64());
    d.seen.size = src.u64();
    d.seen.mtime_ns = static_cast<int64_t>(src.u64());
    d.seen.ctime_ns = static_cast<int64_t>(src.u64());
    d.seen.dev = src.u64();
    d.seen.ino = src.u64();
  }
  std::string_view payload = src.s;
  std::string bytes;
  bool storable = true;
  for (const Dependency& d : deps) storable &= is_storable_path(d.path);
  bool encoded = encode_entry(key, recorded, deps, payload, &bytes);
  FUZZ_CHECK(encoded == storable);  // every other bound is far above this input's size
  if (!encoded) return;
  EntryView v;
  FUZZ_CHECK(decode_entry(bytes, &v) == EntryError::ok);
  FUZZ_CHECK(v.key == key && v.recorded_ns == recorded && v.payload == payload);
  FUZZ_CHECK(owned(v) == deps);
  // Any single flipped byte is caught (the checksum, or a field check).
  if (!in.empty()) {
    std::string bad = bytes;
    bad[in[0] % bad.size()] ^= static_cast<char>(1 + (in.size() & 0x7f));
    FUZZ_CHECK(decode_entry(bad, &v) != EntryError::ok);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  decode_reencodes(in);
  if (size >= 4 + 2 + 8 && size <= kMaxEntryBytes) {
    std::string fixed(in);
    std::memcpy(fixed.data(), "GSCE\x01\x00", 6);
    std::string body = fixed.substr(0, fixed.size() - 8);
    fixed.resize(body.size());
    wire::put_u64(&fixed, XXH3_64bits(body.data(), body.size()));
    decode_reencodes(fixed);
  }
  encode_decodes(in);
  return 0;
}
