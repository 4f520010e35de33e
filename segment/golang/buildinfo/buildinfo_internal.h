// The build-info reader's shared pieces (internal to segment/golang/buildinfo/):
// byte helpers, the bounded file Reader, the parsed container (Exe: where its
// sections/segments lie, DataStart, the pclntab), one parser per executable
// format (format_*.cpp), address translation (ReadData) and the raw blob
// reader (reader.cpp). Other rooms include buildinfo.h, not this.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "segment/golang/buildinfo/buildinfo.h"
#include "util/disk.h"

namespace gs::buildinfo_detail {

inline constexpr std::string_view kMagic("\xff Go buildinf:", 14);
inline constexpr uint64_t kHeadCache = 4096;   // first read: covers ELF/PE/Mach-O headers
inline constexpr uint64_t kMaxChunk = 1 << 20; // data-search chunks grow up to this
inline constexpr uint64_t kMaxInt64 = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

// ---------------------------------------------------------------- bytes

inline uint16_t u16(const uint8_t* p, bool be) {
  return be ? static_cast<uint16_t>(p[0] << 8 | p[1]) : static_cast<uint16_t>(p[1] << 8 | p[0]);
}
inline uint32_t u32(const uint8_t* p, bool be) {
  return be ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3])
            : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0]);
}
inline uint64_t u64(const uint8_t* p, bool be) {
  uint64_t a = u32(p, be), b = u32(p + 4, be);
  return be ? (a << 32 | b) : (b << 32 | a);
}
inline const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// Go's cstring: up to the first NUL.
inline std::string cstring(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n && p[i] != 0) i++;
  return std::string(reinterpret_cast<const char*>(p), i);
}

// a + b <= limit without overflow.
inline bool fits(uint64_t a, uint64_t b, uint64_t limit) { return a <= limit && b <= limit - a; }

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---------------------------------------------------------------- reader

// Exact reads from a window [base, base+size) of the file, with the first
// 4 KiB cached: the container headers all live there, so parsing them costs
// one read. Every read is checked against the window first, so a garbage
// length can never drive an allocation past the file's size.
class Reader {
 public:
  // A window inside parent's file (a fat Mach-O image) reports read errors
  // to the parent.
  Reader(ReadableFile& f, uint64_t base, uint64_t size, Reader* parent = nullptr)
      : f_(f), base_(base), size_(size), parent_(parent) {}
  explicit Reader(ReadableFile& f) : Reader(f, 0, f.size()) {}

  uint64_t size() const { return size_; }
  bool io_error() const { return io_error_; }
  ReadableFile& file() { return f_; }
  uint64_t base() const { return base_; }

  bool contains(uint64_t off, uint64_t n) const { return fits(off, n, size_); }

  // An empty read always succeeds, wherever it points (saferio.ReadDataAt).
  bool read(uint64_t off, void* buf, size_t n) {
    if (n == 0) return true;
    if (!contains(off, n)) return false;
    if (fits(off, n, kHeadCache) && load_head() && off + n <= head_.size()) {
      std::memcpy(buf, head_.data() + off, n);
      return true;
    }
    return raw_read(off, static_cast<char*>(buf), n);
  }
  bool read(uint64_t off, uint64_t n, std::string* out) {
    if (n != 0 && !contains(off, n)) return false;
    if (n > std::numeric_limits<size_t>::max()) return false;  // a 32-bit build
    out->resize(static_cast<size_t>(n));
    return read(off, out->data(), static_cast<size_t>(n));
  }

 private:
  bool load_head() {
    if (!head_loaded_) {
      head_loaded_ = true;
      uint64_t n = std::min(size_, kHeadCache);
      head_.resize(static_cast<size_t>(n));
      if (!raw_read(0, head_.data(), head_.size())) head_.clear();
    }
    return true;
  }
  bool raw_read(uint64_t off, char* p, size_t n) {
    size_t done = 0;
    while (done < n) {
      int64_t got = f_.read_at(base_ + off + done, p + done, n - done);
      if (got < 0) (parent_ ? parent_->io_error_ : io_error_) = true;
      if (got <= 0) return false;
      done += static_cast<size_t>(got);
    }
    return true;
  }

  ReadableFile& f_;
  uint64_t base_, size_;
  Reader* parent_;
  std::string head_;
  bool head_loaded_ = false;
  bool io_error_ = false;
};

// ---------------------------------------------------------------- containers

// One place ReadData looks for an address: an ELF program header, a PE,
// XCOFF or Plan 9 section, a Mach-O segment. lo/hi/end are precomputed with
// the container's own (wrapping) arithmetic so that degenerate headers match
// exactly as they do in Go.
struct Span {
  uint64_t lo = 0, hi = 0;   // matches when lo <= addr && addr <= hi
  uint64_t end = 0;          // bytes available: end - addr
  uint64_t off = 0, len = 0; // the io.SectionReader over the file
  bool skip = false;         // Mach-O __PAGEZERO: matches, then is passed over
  bool zeros = false;        // no file data (PE/XCOFF scnptr 0): reads as zeros
};

struct PeSection {
  uint32_t vaddr = 0, raw_size = 0, raw_off = 0;
};

struct Exe {
  ExeFormat format = ExeFormat::unknown;
  std::vector<Span> spans;
  uint64_t bias = 0;                      // PE: image base, subtracted first
  uint64_t data_addr = 0, data_size = 0;  // DataStart
  // A named section holding the pclntab (ELF, Mach-O).
  bool has_pclntab = false;
  uint64_t pclntab_off = 0, pclntab_size = 0;
  // PE: what locating runtime.pclntab through the COFF symbols needs.
  uint32_t pe_symptr = 0, pe_nsyms = 0;
  std::vector<PeSection> pe_sections;
};

enum class Status { ok, unrecognized, not_go, eof, parse };

struct Failure {
  Status status = Status::ok;
  std::string msg;
};

inline bool fail(Failure* f, Status s, std::string msg) {
  f->status = s;
  f->msg = std::move(msg);
  return false;
}
inline bool unrecognized(Failure* f) { return fail(f, Status::unrecognized, "unrecognized file format"); }

// ---------------------------------------------------------------- formats

// One parser per executable format: each fills x (spans, DataStart, pclntab)
// or fails like Go's debug/* NewFile. Only the ranges are checked of what the
// build info does not need (symbols, relocations).
bool parse_elf(Reader& r, Exe* x, Failure* fl);    // format_elf.cpp
bool parse_pe(Reader& r, Exe* x, Failure* fl);     // format_pe.cpp
bool parse_macho(Reader& r, Exe* x, Failure* fl);  // format_macho.cpp
// A fat (universal) Mach-O: its first image, through a sub-reader in *sub.
bool parse_fat(Reader& r, std::unique_ptr<Reader>* sub, Exe* x, Failure* fl);
bool parse_xcoff(Reader& r, Exe* x, Failure* fl);  // format_xcoff.cpp
bool parse_plan9(Reader& r, Exe* x, Failure* fl);  // format_plan9.cpp
bool has_plan9_magic(const uint8_t* ident);

// runtime.pclntab through a PE file's COFF symbol table (format_pe.cpp).
bool pe_pclntab(Reader& r, const Exe& x, uint64_t* off, uint64_t* size, std::string* why);

// ---------------------------------------------------------------- reader.cpp

// readRawBuildInfo's dispatch on the first 16 bytes. *sub is set when the
// image lives inside the file (fat Mach-O); all later reads use it.
bool parse_exe(Reader& r, std::unique_ptr<Reader>* sub, Exe* x, Failure* fl);

// Parses the container, finds and decodes the blob and its module text.
// exe_out and sub_out (when given) receive the parsed container and the
// sub-reader, for the pclntab reads of default_goroot.cpp.
bool read_all(Reader& top, BuildInfo* out, Failure* fl, Exe* exe_out = nullptr,
              std::unique_ptr<Reader>* sub_out = nullptr);

}  // namespace gs::buildinfo_detail
