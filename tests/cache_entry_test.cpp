#include "cache/entry.h"

#include <gtest/gtest.h>

#include <random>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cache/wire.h"

namespace gs::cache {
namespace {

FileStat file_stat(uint64_t size, int64_t mtime, uint64_t ino) {
  FileStat s;
  s.kind = FileKind::regular;
  s.mode = 0644;
  s.uid = 1000;
  s.size = size;
  s.mtime_ns = mtime;
  s.ctime_ns = mtime + 5;
  s.dev = 3;
  s.ino = ino;
  return s;
}

FileStat dir_stat(uint64_t ino) {
  FileStat s = file_stat(4096, 2000, ino);
  s.kind = FileKind::directory;
  return s;
}

std::vector<Dependency> sample_deps() {
  FileStat missing;
  FileStat link = file_stat(11, 900, 12);
  link.kind = FileKind::symlink;
  return {
      {"/usr/local/go/VERSION", Observe::stat, file_stat(40, 1000, 10)},
      {"/home/u/.config/go/env", Observe::stat, missing},
      {"/usr/bin/go", Observe::lstat, link},
      {"/home/u/go/bin", Observe::stat, dir_stat(77), true},   // listed
  };
}

const Key kKey{0x1111222233334444ull, 0x5555666677778888ull};

std::string sample_entry() {
  std::string out;
  EXPECT_TRUE(encode_entry(kKey, 123456789, sample_deps(), "payload bytes", &out));
  return out;
}

// Recomputes the checksum so a test can reach the structural checks behind it.
void reseal(std::string* e) {
  ASSERT_GE(e->size(), 8u);
  e->resize(e->size() - 8);
  wire::put_u64(e, XXH3_64bits(e->data(), e->size()));
}

// Byte offset of the dependency count (after magic, version, key, time).
constexpr size_t kCountOffset = 4 + 2 + 16 + 8;

TEST(CacheEntry, RoundTrip) {
  std::string bytes = sample_entry();
  EntryView v;
  ASSERT_EQ(decode_entry(bytes, &v), EntryError::ok);
  EXPECT_EQ(v.key, kKey);
  EXPECT_EQ(v.recorded_ns, 123456789);
  EXPECT_EQ(v.payload, "payload bytes");
  std::vector<Dependency> want = sample_deps();
  ASSERT_EQ(v.deps.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(v.deps[i].to_owned(), want[i]) << i;
}

TEST(CacheEntry, RoundTripEmptyAndBinaryPayload) {
  std::string out;
  ASSERT_TRUE(encode_entry(kKey, -5, {}, "", &out));
  EntryView v;
  ASSERT_EQ(decode_entry(out, &v), EntryError::ok);
  EXPECT_TRUE(v.deps.empty());
  EXPECT_EQ(v.payload, "");
  EXPECT_EQ(v.recorded_ns, -5);

  std::string binary("\0\xff\n\x1b[31m", 8);
  ASSERT_TRUE(encode_entry(kKey, 1, sample_deps(), binary, &out));
  ASSERT_EQ(decode_entry(out, &v), EntryError::ok);
  EXPECT_EQ(v.payload, binary);
}

TEST(CacheEntry, StartsWithMagicAndVersion) {
  std::string e = sample_entry();
  EXPECT_EQ(e.substr(0, 4), "GSCE");
  EXPECT_EQ(wire::get_u16(reinterpret_cast<const unsigned char*>(e.data()) + 4), 2);
}

TEST(CacheEntry, TruncationAtEveryLengthIsRejected) {
  std::string e = sample_entry();
  for (size_t n = 0; n < e.size(); ++n) {
    EntryView v;
    EXPECT_NE(decode_entry(std::string_view(e).substr(0, n), &v), EntryError::ok) << n;
  }
}

TEST(CacheEntry, TrailingBytesAreRejected) {
  std::string e = sample_entry();
  EntryView v;
  EXPECT_NE(decode_entry(e + "x", &v), EntryError::ok);
  // Even when the checksum is made to cover the extra byte.
  std::string body = e.substr(0, e.size() - 8) + "x";
  std::string sealed = body + "12345678";
  reseal(&sealed);
  EXPECT_EQ(decode_entry(sealed, &v), EntryError::trailing_bytes);
}

TEST(CacheEntry, RandomByteFlipsAreRejected) {
  const std::string good = sample_entry();
  size_t accepted = 0;
  for (uint32_t seed = 0; seed < 5000; ++seed) {
    std::mt19937 rng(seed);
    std::string e = good;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i)
      e[rng() % e.size()] ^= static_cast<char>(1 + rng() % 255);
    EntryView v;
    // Only a 64-bit checksum collision could let one through.
    if (decode_entry(e, &v) == EntryError::ok) ++accepted;
  }
  EXPECT_EQ(accepted, 0u);
}

TEST(CacheEntry, ForeignAndFutureFilesAreRejectedWithAReason) {
  EntryView v;
  EXPECT_EQ(decode_entry("", &v), EntryError::too_short);
  EXPECT_EQ(decode_entry("GSC", &v), EntryError::too_short);
  EXPECT_EQ(decode_entry("#!/bin/sh\necho hi\n", &v), EntryError::bad_magic);
  std::string e = sample_entry();
  e[4] = 3;   // version 3
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_version);
  e = sample_entry();
  e[4] = 1;   // version 1 did not say which directories were listed
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_version);
  e = sample_entry();
  e[e.size() - 1] ^= 1;
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_checksum);
  EXPECT_EQ(decode_entry(std::string(kMaxEntryBytes + 1, 'G'), &v), EntryError::too_large);
}

TEST(CacheEntry, StructuralLiesBehindAValidChecksumAreRejected) {
  EntryView v;
  auto patch_u32 = [](std::string* e, size_t off, uint32_t val) {
    for (int i = 0; i < 4; ++i) (*e)[off + static_cast<size_t>(i)] = static_cast<char>(val >> (8 * i));
  };
  const size_t path0 = kCountOffset + 4;   // first dependency's path length

  std::string e = sample_entry();
  patch_u32(&e, kCountOffset, 4097);
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::too_many_deps);

  e = sample_entry();
  patch_u32(&e, kCountOffset, 4000);   // plausible count, not enough bytes
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::truncated);

  e = sample_entry();
  patch_u32(&e, path0, 0);
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_path);

  e = sample_entry();
  patch_u32(&e, path0, 0xffffffffu);
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_path);

  e = sample_entry();
  patch_u32(&e, path0, 4096);   // within the cap, beyond the data
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::truncated);

  e = sample_entry();
  e[path0 + 4 + 1] = '\0';   // NUL inside the first path
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_path);

  const size_t fixed0 = path0 + 4 + std::string("/usr/local/go/VERSION").size();
  e = sample_entry();
  e[fixed0] = 2;   // "how" out of range
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_field);

  e = sample_entry();
  e[fixed0 + 1] = 2;   // "listed" out of range
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_field);

  e = sample_entry();
  e[fixed0 + 2] = 6;   // FileKind out of range
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::bad_field);

  e = sample_entry();
  const size_t payload_len = e.size() - 8 - std::string("payload bytes").size() - 4;
  patch_u32(&e, payload_len, 0x7fffffffu);
  reseal(&e);
  EXPECT_EQ(decode_entry(e, &v), EntryError::truncated);
}

TEST(CacheEntry, ArbitraryBytesBehindAValidHeaderNeverCrash) {
  for (uint32_t seed = 0; seed < 3000; ++seed) {
    std::mt19937 rng(seed);
    std::string e = "GSCE";
    e += std::string("\x01\x00", 2);
    size_t n = rng() % 300;
    for (size_t i = 0; i < n; ++i) e.push_back(static_cast<char>(rng()));
    if (e.size() >= 8) reseal(&e);
    EntryView v;
    EntryError err = decode_entry(e, &v);
    if (err == EntryError::ok) {
      // Only possible if the random bytes happen to be well formed; then
      // every view must lie inside the buffer.
      for (const DependencyView& d : v.deps) {
        EXPECT_GE(d.path.data(), e.data());
        EXPECT_LE(d.path.data() + d.path.size(), e.data() + e.size());
      }
    }
  }
}

TEST(CacheEntry, EncoderRefusesWhatTheDecoderWouldReject) {
  std::string out = "untouched";
  std::vector<Dependency> deps(1);
  deps[0].path = "";
  EXPECT_FALSE(encode_entry(kKey, 0, deps, "", &out));
  deps[0].path = std::string("a\0b", 3);
  EXPECT_FALSE(encode_entry(kKey, 0, deps, "", &out));
  deps[0].path = std::string(kMaxPathBytes + 1, 'a');
  EXPECT_FALSE(encode_entry(kKey, 0, deps, "", &out));
  deps[0].path = std::string(kMaxPathBytes, 'a');
  EXPECT_TRUE(encode_entry(kKey, 0, deps, "", &out));

  std::vector<Dependency> many(kMaxDependencies + 1, Dependency{"/x", Observe::stat, {}});
  EXPECT_FALSE(encode_entry(kKey, 0, many, "", &out));
  many.pop_back();
  EXPECT_TRUE(encode_entry(kKey, 0, many, "", &out));

  EXPECT_FALSE(encode_entry(kKey, 0, {}, std::string(kMaxEntryBytes, 'p'), &out));
  EXPECT_TRUE(encode_entry(kKey, 0, {}, std::string(kMaxEntryBytes - 46, 'p'), &out));
  EXPECT_EQ(out.size(), kMaxEntryBytes);
  EntryView v;
  EXPECT_EQ(decode_entry(out, &v), EntryError::ok);
}

}  // namespace
}  // namespace gs::cache
