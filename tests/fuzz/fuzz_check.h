// What every harness shares: an invariant check that stops the run with a
// message (libFuzzer then saves the input as a crash), and the file a
// harness's input stands for.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "util/disk.h"

// A broken invariant is reported like a crash: libFuzzer keeps the input.
#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace gs::fuzz {

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// A sparse file: "GSFZSPRS", u64 size, then chunks (u64 offset, u32 length,
// bytes), all little-endian; everything no chunk covers reads as zeros. A
// real Go binary of 15 MB becomes a seed of a few KB this way (seedprep
// keeps only what the reader looked at), which libFuzzer can mutate
// usefully. Any other input is the file's bytes themselves.
inline constexpr std::string_view kSparseMagic = "GSFZSPRS";
// Bounds the file a sparse input may claim, so that an honest
// allocation of the file's size stays affordable in the fuzzer.
inline constexpr uint64_t kMaxSparseSize = 64ull << 20;

class FuzzFile : public ReadableFile {
 public:
  explicit FuzzFile(std::string_view in) {
    if (in.substr(0, kSparseMagic.size()) != kSparseMagic || in.size() < 16) {
      chunks_.push_back({0, in});
      size_ = in.size();
      return;
    }
    size_ = get64(in.data() + 8) % (kMaxSparseSize + 1);
    in.remove_prefix(16);
    while (in.size() >= 12) {
      uint64_t off = get64(in.data());
      uint32_t len = 0;
      std::memcpy(&len, in.data() + 8, 4);  // a little-endian host
      in.remove_prefix(12);
      std::string_view bytes = in.substr(0, len);
      in.remove_prefix(bytes.size());
      if (off < size_) chunks_.push_back({off, bytes.substr(0, size_ - off)});
    }
  }
  uint64_t size() const override { return size_; }
  int64_t read_at(uint64_t offset, void* buf, size_t n) override {
    if (offset >= size_) return 0;
    if (n > size_ - offset) n = static_cast<size_t>(size_ - offset);
    char* out = static_cast<char*>(buf);
    std::memset(out, 0, n);
    for (const Chunk& c : chunks_) {  // later chunks win where they overlap
      uint64_t lo = std::max(offset, c.off), hi = std::min(offset + n, c.off + c.bytes.size());
      if (lo < hi) std::memcpy(out + (lo - offset), c.bytes.data() + (lo - c.off), hi - lo);
    }
    return static_cast<int64_t>(n);
  }

 private:
  static uint64_t get64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  struct Chunk {
    uint64_t off;
    std::string_view bytes;
  };
  std::vector<Chunk> chunks_;
  uint64_t size_ = 0;
};

}  // namespace gs::fuzz
