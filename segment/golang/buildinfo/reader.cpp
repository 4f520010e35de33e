// Go build info, read from the executable file: finding and decoding the
// build-info blob.
//
// BUILD INFO. This follows Go 1.23's debug/buildinfo.readRawBuildInfo and
// runtime/debug.ParseBuildInfo (the go command is the oracle: the output is
// what `go version -m` prints):
//   * Container: ELF, PE, Mach-O (thin, or the first image of a fat file),
//     XCOFF and Plan 9, recognised by the same 16-byte prefixes.
//   * DataStart: ELF section .go.buildinfo, else the first PT_LOAD that is
//     writable and not executable; PE: the first section whose
//     characteristics (ignoring the alignment bits) are exactly initialized
//     data|read|write; Mach-O: section __go_buildinfo, else the first segment
//     with addr != 0, filesz != 0 and prot == maxprot == rw; XCOFF: the first
//     STYP_DATA section; Plan 9: the "data" section (by file offset).
//   * ReadData(addr, size): the first program header / section / segment
//     whose [addr, addr+filesz-1] holds addr, in the container's own integer
//     widths (the PE and Plan 9 ranges are computed in uint32, as debug/pe and
//     debug/plan9obj do), clipped to its end, and failing if the bytes are not
//     all in the file (saferio.ReadDataAt through an io.SectionReader).
//   * The blob is the first 16-byte-aligned (relative to DataStart) copy of
//     "\xff Go buildinf:" with at least 32 bytes left in the data. Go 1.22+
//     searches the whole section/segment (1.19-1.21 only the first 64 KiB);
//     we search the same whole range, but in chunks (4 KiB first, doubling),
//     so the usual case - the linker puts the blob at the very start - costs
//     one small read. Flag bit 0x2: two uvarint-prefixed strings follow the
//     32-byte header; otherwise two pointers (size 4 or 8, byte order from
//     byte 15) to Go string headers, read through address translation.
//   * The module text loses its 16-byte framing sentinels only when it is at
//     least 33 bytes long and has '\n' 17 bytes from the end; otherwise it is
//     dropped (an old or non-module binary).
// Deliberate differences, all on malformed files only: Go's debug/* parsers
// also read and validate symbol tables, relocations and every image of a fat
// Mach-O; reading those would cost megabytes, so we check only that their
// ranges lie inside the file. Such a file may be accepted here yet rejected
// by go.

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

namespace {

// ---------------------------------------------------------------- ReadData

// Where ReadData(addr, size) would read: n bytes at file offset off (or
// zeros). Status::unrecognized when no span holds addr, Status::eof when the
// span's reader or the file ends early.
struct Loc {
  uint64_t off = 0, n = 0;
  bool zeros = false;
};

Status locate(const Exe& x, const Reader& r, uint64_t addr, uint64_t size, Loc* loc) {
  addr -= x.bias;
  for (const Span& s : x.spans) {
    if (!(s.lo <= addr && addr <= s.hi)) continue;
    if (s.skip) continue;
    uint64_t n = std::min(s.end - addr, size);
    uint64_t rel = addr - s.lo;
    *loc = Loc{};
    if (n == 0) return Status::ok;  // saferio: an empty read succeeds
    if (rel > kMaxInt64 || rel >= s.len || n > s.len - rel) return Status::eof;
    loc->n = n;
    loc->zeros = s.zeros;
    if (!s.zeros) {
      if (!fits(s.off, rel, r.size()) || !r.contains(s.off + rel, n)) return Status::eof;
      loc->off = s.off + rel;
    }
    return Status::ok;
  }
  return Status::unrecognized;
}

// Reads [rel, rel+n) of a located range. Zero-filled ranges are declared,
// not stored, so their size is bounded by the file's too (Go would allocate
// whatever a header claims).
bool read_loc(Reader& r, const Loc& loc, uint64_t rel, uint64_t n, std::string* out) {
  if (!fits(rel, n, loc.n)) return false;
  if (loc.zeros) {
    if (n > r.size()) return false;
    out->assign(static_cast<size_t>(n), '\0');
    return true;
  }
  return r.read(loc.off + rel, n, out);
}

// A cached window over a located range, for the sequential reads after the
// blob header.
class Window {
 public:
  Window(Reader& r, const Loc& loc) : r_(r), loc_(loc) {}
  // The bytes [rel, rel+n), reading (at least 4 KiB) when they are not cached.
  bool get(uint64_t rel, uint64_t n, std::string_view* out) {
    if (!fits(rel, n, loc_.n)) return false;
    if (!(rel >= start_ && rel + n <= start_ + buf_.size())) {
      uint64_t want = std::min(std::max<uint64_t>(n, kHeadCache), loc_.n - rel);
      if (!read_loc(r_, loc_, rel, want, &buf_)) return false;
      start_ = rel;
    }
    *out = std::string_view(buf_).substr(static_cast<size_t>(rel - start_), static_cast<size_t>(n));
    return true;
  }
  void adopt(uint64_t start, std::string buf) { start_ = start, buf_ = std::move(buf); }
  uint64_t size() const { return loc_.n; }

 private:
  Reader& r_;
  Loc loc_;
  uint64_t start_ = 0;
  std::string buf_;
};

// encoding/binary.Uvarint.
int uvarint(std::string_view b, uint64_t* v) {
  uint64_t x = 0;
  unsigned s = 0;
  for (size_t i = 0; i < b.size(); i++) {
    if (i == 10) return -static_cast<int>(i + 1);
    uint8_t c = static_cast<uint8_t>(b[i]);
    if (c < 0x80) {
      if (i == 9 && c > 1) return -static_cast<int>(i + 1);
      *v = x | uint64_t{c} << s;
      return static_cast<int>(i + 1);
    }
    x |= uint64_t{c & 0x7fu} << s;
    s += 7;
  }
  return 0;
}

// decodeString at *rel: "" and ok=false when the varint or the length is bad.
bool decode_string(Window& w, uint64_t* rel, std::string* out) {
  std::string_view vb;
  if (*rel > w.size() || !w.get(*rel, std::min<uint64_t>(10, w.size() - *rel), &vb)) return false;
  uint64_t len = 0;
  int k = uvarint(vb, &len);
  if (k <= 0 || len > w.size() - *rel - k) return false;
  std::string_view s;
  if (!w.get(*rel + k, len, &s)) return false;
  out->assign(s);
  *rel += k + len;
  return true;
}

// readString: a Go string header at addr, then its bytes; "" on any failure.
std::string read_go_string(Reader& r, const Exe& x, int ptr, bool be, uint64_t addr) {
  Loc loc;
  std::string hdr, data;
  if (locate(x, r, addr, 2 * ptr, &loc) != Status::ok || loc.n < uint64_t(2 * ptr) ||
      !read_loc(r, loc, 0, loc.n, &hdr)) {
    return "";
  }
  auto word = [&](size_t i) { return ptr == 4 ? uint64_t{u32(bytes(hdr) + i, be)} : u64(bytes(hdr) + i, be); };
  uint64_t data_addr = word(0), len = word(ptr);
  if (locate(x, r, data_addr, len, &loc) != Status::ok || loc.n < len || !read_loc(r, loc, 0, len, &data)) {
    return "";
  }
  return data;
}

struct Raw {
  std::string vers, mod;
  uint8_t ptr_size = 0;
  bool big_endian = false, inline_strings = false;
};

// readRawBuildInfo after the container is parsed.
bool read_raw(Reader& r, const Exe& x, Raw* raw, Failure* fl) {
  if (x.data_size == 0) return fail(fl, Status::not_go, "not a Go executable");
  Loc loc;
  Status st = locate(x, r, x.data_addr, x.data_size, &loc);
  if (st == Status::unrecognized) return unrecognized(fl);
  if (st != Status::ok) return fail(fl, Status::eof, "EOF");

  // Aligned scan, in growing chunks whose sizes are multiples of 16, so each
  // aligned candidate's 14 magic bytes fall inside one chunk.
  const uint64_t n = loc.n;
  if (loc.zeros) return fail(fl, Status::not_go, "not a Go executable");  // zeros hold no magic
  uint64_t pos = 0, chunk = kHeadCache, found = 0;
  bool have = false;
  std::string buf;
  Window w(r, loc);
  while (!have) {
    if (n < 32 || pos > n - 32) return fail(fl, Status::not_go, "not a Go executable");
    uint64_t want = std::min(chunk, n - pos);
    if (!read_loc(r, loc, pos, want, &buf)) return fail(fl, Status::eof, "EOF");
    for (uint64_t p = pos; p - pos < want; p += 16) {
      if (p > n - 32) return fail(fl, Status::not_go, "not a Go executable");
      if (std::memcmp(buf.data() + (p - pos), kMagic.data(), kMagic.size()) == 0) {
        found = p, have = true;
        break;
      }
    }
    if (!have) pos += want, chunk = std::min(chunk * 2, kMaxChunk);
  }
  w.adopt(pos, std::move(buf));
  std::string_view h;
  if (!w.get(found, 32, &h)) return fail(fl, Status::eof, "EOF");
  const uint8_t* hb = bytes(h);
  raw->ptr_size = hb[14];
  if (hb[15] & 2) {
    raw->inline_strings = true;
    uint64_t rel = found + 32;
    if (decode_string(w, &rel, &raw->vers)) decode_string(w, &rel, &raw->mod);
  } else {
    raw->big_endian = hb[15] != 0;
    const int ptr = hb[14];
    if (ptr != 4 && ptr != 8) return fail(fl, Status::not_go, "not a Go executable");
    const bool be = raw->big_endian;
    auto word = [&](size_t i) { return ptr == 4 ? uint64_t{u32(hb + i, be)} : u64(hb + i, be); };
    uint64_t vaddr = word(16), maddr = word(16 + ptr);
    raw->vers = read_go_string(r, x, ptr, raw->big_endian, vaddr);
    raw->mod = read_go_string(r, x, ptr, raw->big_endian, maddr);
  }
  if (raw->vers.empty()) return fail(fl, Status::not_go, "not a Go executable");
  // Strip the module framing (cmd/go/internal/modload's infoStart/infoEnd).
  std::string& m = raw->mod;
  if (m.size() >= 33 && m[m.size() - 17] == '\n') {
    m = m.substr(16, m.size() - 32);
  } else {
    m.clear();
  }
  return true;
}


}  // namespace

// readRawBuildInfo's dispatch on the first 16 bytes. *sub is set when the
// image lives inside the file (fat Mach-O); all later reads use it.
bool parse_exe(Reader& r, std::unique_ptr<Reader>* sub, Exe* x, Failure* fl) {
  uint8_t id[16];
  if (!r.read(0, id, 16)) return unrecognized(fl);
  if (std::memcmp(id, "\x7f" "ELF", 4) == 0) return parse_elf(r, x, fl);
  if (id[0] == 'M' && id[1] == 'Z') return parse_pe(r, x, fl);
  if ((id[0] == 0xfe && id[1] == 0xed && id[2] == 0xfa) || (id[1] == 0xfa && id[2] == 0xed && id[3] == 0xfe)) {
    return parse_macho(r, x, fl);
  }
  if (std::memcmp(id, "\xca\xfe\xba\xbe", 4) == 0) return parse_fat(r, sub, x, fl);
  // "\xca\xfe\xba\xbf" (64-bit fat) is sent to NewFatFile too, which rejects it.
  if ((id[0] == 0x01 && (id[1] == 0xdf || id[1] == 0xf7))) return parse_xcoff(r, x, fl);
  if (has_plan9_magic(id)) return parse_plan9(r, x, fl);
  return unrecognized(fl);
}

bool read_all(Reader& top, BuildInfo* out, Failure* fl, Exe* exe_out, std::unique_ptr<Reader>* sub_out) {
  Exe x;
  std::unique_ptr<Reader> sub;
  if (!parse_exe(top, &sub, &x, fl)) return false;
  Reader& r = sub ? *sub : top;
  Raw raw;
  if (!read_raw(r, x, &raw, fl)) return false;
  BuildInfo bi;
  std::string perr;
  if (!parse_modinfo(raw.mod, &bi, &perr)) return fail(fl, Status::parse, perr);
  bi.go_version = std::move(raw.vers);
  bi.format = x.format;
  bi.ptr_size = raw.ptr_size;
  bi.big_endian = raw.big_endian;
  bi.inline_strings = raw.inline_strings;
  *out = std::move(bi);
  if (exe_out) *exe_out = std::move(x);
  if (sub_out) *sub_out = std::move(sub);
  return true;
}

}  // namespace gs::buildinfo_detail

namespace gs {

using namespace buildinfo_detail;

bool read_buildinfo(ReadableFile& f, BuildInfo* out, std::string* err, bool* io_error) {
  Reader r(f);
  Failure fl;
  if (io_error) *io_error = false;
  if (read_all(r, out, &fl)) return true;
  if (err) *err = r.io_error() ? "read error" : fl.msg;
  if (io_error) *io_error = r.io_error();
  return false;
}

}  // namespace gs
