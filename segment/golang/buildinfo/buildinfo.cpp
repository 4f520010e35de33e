// Go build info and default GOROOT, read from the executable file.
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
//
// DEFAULT GOROOT. runtime.defaultGOROOT is a string variable with no fixed
// place in a stripped binary, so it is recovered from what the linker wrote
// next to it. The rule, from cmd/link (go1.19-1.22: gorootFinal() =
// $GOROOT_FINAL or buildcfg.GOROOT; go1.23+: buildcfg.GOROOT, GOROOT_FINAL
// gone):
//   main.go:  defaultGOROOT = F, unless F is "" (1.23+: cmd/go clears GOROOT
//             for -trimpath) or "$GOROOT" (1.19-1.22: cmd/go sets
//             GOROOT_FINAL=$GOROOT for -trimpath), in which case it is unset.
//   pcln.go:  expandGoroot() rewrites each pclntab file name "$GOROOT/..."
//             (objabi.AbsFile's spelling of a file under GOROOT) to
//             filepath.ToSlash(filepath.Join(F, ...)) - with the same F - and
//             leaves it alone when F is "" ("$GOROOT" joins to itself).
//   cmd/go:   with -trimpath, the compiler rewrites a std package's directory
//             to its import path, so runtime's files become "runtime/X.go".
// runtime.main lives in runtime/proc.go, so every Go binary's pclntab file
// table names that file exactly once, as one of:
//   "runtime/proc.go"               built with -trimpath: no default (none)
//   "$GOROOT/src/runtime/proc.go"   F was empty or "$GOROOT": none
//   "<P>/src/runtime/proc.go", P absolute: the default is P
//                                   (= ToSlash(Clean(F)); we return it the way
//                                   the binary's OS's filepath.Clean spells it)
// Anything else - no such name, two different absolute ones (a user file
// named .../src/runtime/proc.go), an older pclntab layout - is unknown.
// Relative "<P>/src/runtime/proc.go" names are -trimpath user files (module
// paths), never the runtime's, and are ignored. Guards, each returning
// unknown: the Go version must be go1.19+ or a devel build (before 1.19 a
// -trimpath link embedded a bogus "go"/"$GOROOT"; go.dev/issue/51461), and
// the recorded -ldflags must not mention defaultGOROOT (-X is applied after
// the linker's own value and would override it). One blind spot remains: a
// -trimpath build (which does not record -ldflags) that sets
// -X runtime.defaultGOROOT reads as none.
// Recent golang/go sources (past 1.25: main.go, pcln.go) still pair the
// two the same way, so the rule is applied to newer versions too.
// Verified (tests/e2e/test_buildinfo_real.py) against `go env GOROOT` of
// copies of Debian's go 1.19 (known: /usr/lib/go-1.19) and 1.21-1.23
// (-trimpath: none) binaries run outside any GOROOT with GOROOT unset, and
// against runtime.GOROOT() printed by programs built with and without
// -trimpath by each installed SDK (plus GOROOT_FINAL=/opt/final-goroot with
// go1.22, a PIE, and -X runtime.defaultGOROOT, which reads as unknown);
// cross-compiled windows/darwin builds agree with their linux twins.
// Cost: the container headers plus the pclntab header and file table (about
// 25-40 KB for cmd/go); PE has no pclntab section, so its COFF symbol table
// is read to find runtime.pclntab (unknown when stripped).
#include "segment/golang/buildinfo/buildinfo.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "segment/golang/strconv.h"
#include "util/utf8.h"

namespace gs {

namespace {

constexpr std::string_view kMagic("\xff Go buildinf:", 14);
constexpr uint64_t kHeadCache = 4096;   // first read: covers ELF/PE/Mach-O headers
constexpr uint64_t kMaxChunk = 1 << 20; // data-search chunks grow up to this
constexpr uint64_t kMaxInt64 = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

// ---------------------------------------------------------------- bytes

uint16_t u16(const uint8_t* p, bool be) {
  return be ? static_cast<uint16_t>(p[0] << 8 | p[1]) : static_cast<uint16_t>(p[1] << 8 | p[0]);
}
uint32_t u32(const uint8_t* p, bool be) {
  return be ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3])
            : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0]);
}
uint64_t u64(const uint8_t* p, bool be) {
  uint64_t a = u32(p, be), b = u32(p + 4, be);
  return be ? (a << 32 | b) : (b << 32 | a);
}
const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// Go's cstring: up to the first NUL.
std::string cstring(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n && p[i] != 0) i++;
  return std::string(reinterpret_cast<const char*>(p), i);
}

// a + b <= limit without overflow.
bool fits(uint64_t a, uint64_t b, uint64_t limit) { return a <= limit && b <= limit - a; }

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

bool fail(Failure* f, Status s, std::string msg) {
  f->status = s;
  f->msg = std::move(msg);
  return false;
}
bool unrecognized(Failure* f) { return fail(f, Status::unrecognized, "unrecognized file format"); }

// ---- ELF (debug/elf.NewFile's checks, minus compressed-section headers)

bool parse_elf(Reader& r, Exe* x, Failure* fl) {
  uint8_t h[64];
  if (!r.read(0, h, 16)) return unrecognized(fl);
  const uint8_t cls = h[4], data = h[5];
  if ((cls != 1 && cls != 2) || (data != 1 && data != 2) || h[6] != 1) return unrecognized(fl);
  const bool is64 = cls == 2, be = data == 2;
  if (!r.read(0, h, is64 ? 64 : 52)) return unrecognized(fl);
  if (u32(h + 20, be) != 1) return unrecognized(fl);  // e_version must match EI_VERSION

  uint64_t phoff, shoff;
  uint32_t phentsize, phnum, shentsize, shnum, shstrndx;
  if (is64) {
    phoff = u64(h + 32, be);
    shoff = u64(h + 40, be);
    phentsize = u16(h + 54, be), phnum = u16(h + 56, be);
    shentsize = u16(h + 58, be), shnum = u16(h + 60, be), shstrndx = u16(h + 62, be);
  } else {
    phoff = u32(h + 28, be);
    shoff = u32(h + 32, be);
    phentsize = u16(h + 42, be), phnum = u16(h + 44, be);
    shentsize = u16(h + 46, be), shnum = u16(h + 48, be), shstrndx = u16(h + 50, be);
  }
  if (shoff > kMaxInt64 || phoff > kMaxInt64) return unrecognized(fl);
  if (shoff == 0 && shnum != 0) return unrecognized(fl);
  if (shnum > 0 && shstrndx >= shnum) return unrecognized(fl);
  const uint32_t want_ph = is64 ? 56 : 32, want_sh = is64 ? 64 : 40;
  if (phnum > 0 && phentsize < want_ph) return unrecognized(fl);

  std::string ph;
  if (!r.read(phoff, uint64_t{phnum} * phentsize, &ph)) return unrecognized(fl);
  std::vector<uint64_t> load_w;  // PT_LOAD && W && !X candidates, in order
  for (uint32_t i = 0; i < phnum; i++) {
    const uint8_t* p = bytes(ph) + uint64_t{i} * phentsize;
    uint32_t type, flags;
    uint64_t off, vaddr, filesz, memsz;
    if (is64) {
      type = u32(p, be), flags = u32(p + 4, be);
      off = u64(p + 8, be), vaddr = u64(p + 16, be), filesz = u64(p + 32, be), memsz = u64(p + 40, be);
    } else {
      type = u32(p, be), off = u32(p + 4, be), vaddr = u32(p + 8, be);
      filesz = u32(p + 16, be), memsz = u32(p + 20, be), flags = u32(p + 24, be);
    }
    if (off > kMaxInt64 || filesz > kMaxInt64) return unrecognized(fl);
    x->spans.push_back({vaddr, vaddr + filesz - 1, vaddr + filesz, off, filesz});
    if (type == 1 /* PT_LOAD */ && (flags & 3) == 2 /* PF_W without PF_X */ && load_w.empty()) {
      load_w = {vaddr, memsz};
    }
  }

  // Extended section numbering: the real counts live in section 0.
  if (shoff > 0 && shnum == 0) {
    uint8_t s0[64];
    if (!r.read(shoff, s0, want_sh)) return unrecognized(fl);
    uint64_t size = is64 ? u64(s0 + 32, be) : u32(s0 + 20, be);
    uint32_t type = u32(s0 + 4, be), link = is64 ? u32(s0 + 40, be) : u32(s0 + 24, be);
    if (type != 0 || size < 0xff00 || size > r.size()) return unrecognized(fl);
    shnum = static_cast<uint32_t>(size);
    if (shstrndx == 0xffff) {
      shstrndx = link;
      if (shstrndx < 0xff00) return unrecognized(fl);
    }
  }
  if (shnum > 0 && shentsize < want_sh) return unrecognized(fl);

  std::string sh;
  if (!r.read(shoff, uint64_t{shnum} * shentsize, &sh)) return unrecognized(fl);
  struct Sec {
    uint32_t name, type;
    uint64_t addr, off, size;
  };
  std::vector<Sec> secs(shnum);
  for (uint32_t i = 0; i < shnum; i++) {
    const uint8_t* p = bytes(sh) + uint64_t{i} * shentsize;
    Sec& s = secs[i];
    s.name = u32(p, be), s.type = u32(p + 4, be);
    if (is64) {
      s.addr = u64(p + 16, be), s.off = u64(p + 24, be), s.size = u64(p + 32, be);
    } else {
      s.addr = u32(p + 12, be), s.off = u32(p + 16, be), s.size = u32(p + 20, be);
    }
    if (s.off > kMaxInt64 || s.size > kMaxInt64) return unrecognized(fl);
  }

  bool found_data = false;
  if (shnum > 0 && shstrndx != 0) {
    if (shstrndx >= secs.size()) return unrecognized(fl);
    const Sec& strsec = secs[shstrndx];
    std::string strtab;
    if (strsec.type != 3 /* SHT_STRTAB */ || !r.read(strsec.off, strsec.size, &strtab)) {
      return unrecognized(fl);
    }
    for (const Sec& s : secs) {
      // getString: the name must start inside the table and be NUL-terminated.
      if (s.name >= strtab.size()) return unrecognized(fl);
      size_t nul = strtab.find('\0', s.name);
      if (nul == std::string::npos) return unrecognized(fl);
      std::string_view name(strtab.data() + s.name, nul - s.name);
      if (name == ".go.buildinfo" && !found_data) {
        found_data = true;
        x->data_addr = s.addr, x->data_size = s.size;
      }
      if ((name == ".gopclntab" || name == ".data.rel.ro.gopclntab") && !x->has_pclntab) {
        x->has_pclntab = true;
        x->pclntab_off = s.off, x->pclntab_size = s.size;
      }
    }
  }
  if (!found_data && !load_w.empty()) x->data_addr = load_w[0], x->data_size = load_w[1];
  x->format = ExeFormat::elf;
  return true;
}

// ---- PE (debug/pe.NewFile's header checks; symbols, string table and
// relocations are not read)

bool parse_pe(Reader& r, Exe* x, Failure* fl) {
  uint8_t dos[96];
  if (!r.read(0, dos, sizeof dos)) return unrecognized(fl);
  uint64_t sign_off = u32(dos + 0x3c, false);
  uint8_t sign[4] = {0, 0, 0, 0};
  r.read(sign_off, sign, 4);  // Go ignores this error: the bytes stay zero
  if (std::memcmp(sign, "PE\0\0", 4) != 0) return unrecognized(fl);
  const uint64_t base = sign_off + 4;
  uint8_t fh[20];
  if (!r.read(base, fh, sizeof fh)) return unrecognized(fl);
  switch (u16(fh, false)) {
    case 0x8664: case 0xaa64: case 0x1c4: case 0x14c:  // AMD64 ARM64 ARMNT I386
    case 0x5032: case 0x5064: case 0x5128: case 0:     // RISCV32/64/128 UNKNOWN
      break;
    default:
      return unrecognized(fl);
  }
  const uint32_t nsec = u16(fh + 2, false);
  x->pe_symptr = u32(fh + 8, false);
  x->pe_nsyms = u32(fh + 12, false);
  const uint32_t optsz = u16(fh + 16, false);

  // Optional header: only its magic, image base and exact size matter here.
  uint64_t image_base = 0;
  if (optsz > 0) {
    if (optsz < 2) return unrecognized(fl);
    std::string oh;
    if (!r.read(base + 20, optsz, &oh)) return unrecognized(fl);
    const uint8_t* p = bytes(oh);
    uint16_t magic = u16(p, false);
    uint32_t min_size;
    if (magic == 0x10b) {
      min_size = 96;
      if (optsz < min_size) return unrecognized(fl);
      image_base = u32(p + 28, false);
      if (uint64_t{optsz} - min_size != uint64_t{u32(p + 92, false)} * 8) return unrecognized(fl);
    } else if (magic == 0x20b) {
      min_size = 112;
      if (optsz < min_size) return unrecognized(fl);
      image_base = u64(p + 24, false);
      if (uint64_t{optsz} - min_size != uint64_t{u32(p + 108, false)} * 8) return unrecognized(fl);
    } else {
      return unrecognized(fl);
    }
  }
  x->bias = image_base;

  std::string st;
  if (!r.read(base + 20 + optsz, uint64_t{nsec} * 40, &st)) return unrecognized(fl);
  bool found = false;
  for (uint32_t i = 0; i < nsec; i++) {
    const uint8_t* p = bytes(st) + uint64_t{i} * 40;
    uint32_t vsize = u32(p + 8, false), va = u32(p + 12, false);
    uint32_t size = u32(p + 16, false), off = u32(p + 20, false), ch = u32(p + 36, false);
    Span s;
    s.lo = va;
    s.hi = static_cast<uint32_t>(va + size - 1);  // debug/pe computes these in uint32
    s.end = static_cast<uint32_t>(va + size);
    s.off = off, s.len = size, s.zeros = off == 0;
    x->spans.push_back(s);
    x->pe_sections.push_back({va, size, off});
    if (!found && va != 0 && size != 0 && (ch & ~0x600000u) == 0xC0000040u) {
      found = true;
      x->data_addr = va + image_base, x->data_size = vsize;
    }
  }
  x->format = ExeFormat::pe;
  return true;
}

// ---- Mach-O (debug/macho.NewFile's load-command checks; the symbol tables
// are range-checked, not parsed)

bool parse_macho(Reader& r, Exe* x, Failure* fl) {
  uint8_t h[28];
  if (!r.read(0, h, sizeof h)) return unrecognized(fl);
  uint32_t be_magic = u32(h, true), le_magic = u32(h, false);
  bool be;
  uint32_t magic;
  if ((be_magic & ~1u) == 0xfeedface) {
    be = true, magic = be_magic;
  } else if ((le_magic & ~1u) == 0xfeedface) {
    be = false, magic = le_magic;
  } else {
    return unrecognized(fl);
  }
  const bool is64 = magic == 0xfeedfacf;
  const uint32_t ncmd = u32(h + 16, be), cmdsz = u32(h + 20, be);
  std::string cmds;
  if (!r.read(is64 ? 32 : 28, cmdsz, &cmds)) return unrecognized(fl);

  std::string_view dat(cmds);
  bool found_sec = false, have_symtab = false;
  uint32_t nsyms = 0;
  std::vector<uint64_t> rw_seg;
  for (uint32_t i = 0; i < ncmd; i++) {
    if (dat.size() < 8) return unrecognized(fl);
    const uint32_t cmd = u32(bytes(dat), be), siz = u32(bytes(dat) + 4, be);
    if (siz < 8 || siz > dat.size()) return unrecognized(fl);
    std::string_view c = dat.substr(0, siz);
    dat.remove_prefix(siz);
    const uint8_t* p = bytes(c);
    switch (cmd) {
      case 0x8000001c:  // LC_RPATH
        if (c.size() < 12 || u32(p + 8, be) >= c.size()) return unrecognized(fl);
        break;
      case 0xc:  // LC_LOAD_DYLIB
        if (c.size() < 24 || u32(p + 8, be) >= c.size()) return unrecognized(fl);
        break;
      case 0x2: {  // LC_SYMTAB: symoff nsyms stroff strsize must be readable
        if (c.size() < 24) return unrecognized(fl);
        uint64_t symoff = u32(p + 8, be), stroff = u32(p + 16, be);
        nsyms = u32(p + 12, be);
        if (!r.contains(stroff, u32(p + 20, be)) ||
            !r.contains(symoff, uint64_t{nsyms} * (is64 ? 16 : 12))) {
          return unrecognized(fl);
        }
        have_symtab = true;
        break;
      }
      case 0xb: {  // LC_DYSYMTAB
        if (c.size() < 80 || !have_symtab) return unrecognized(fl);
        uint64_t iundef = u32(p + 24, be), nundef = u32(p + 28, be);
        if (iundef > nsyms || static_cast<uint32_t>(iundef + nundef) > nsyms) return unrecognized(fl);
        if (!r.contains(u32(p + 56, be), uint64_t{u32(p + 60, be)} * 4)) return unrecognized(fl);
        break;
      }
      case 0x1:     // LC_SEGMENT
      case 0x19: {  // LC_SEGMENT_64
        const bool s64 = cmd == 0x19;
        const size_t seg_size = s64 ? 72 : 56, sec_size = s64 ? 80 : 68;
        if (c.size() < seg_size) return unrecognized(fl);
        std::string name = cstring(p + 8, 16);
        uint64_t addr, memsz, off, filesz;
        uint32_t maxprot, prot, nsect;
        if (s64) {
          addr = u64(p + 24, be), memsz = u64(p + 32, be), off = u64(p + 40, be), filesz = u64(p + 48, be);
          maxprot = u32(p + 56, be), prot = u32(p + 60, be), nsect = u32(p + 64, be);
        } else {
          addr = u32(p + 24, be), memsz = u32(p + 28, be), off = u32(p + 32, be), filesz = u32(p + 36, be);
          maxprot = u32(p + 40, be), prot = u32(p + 44, be), nsect = u32(p + 48, be);
        }
        if (nsect > (c.size() - seg_size) / sec_size) return unrecognized(fl);
        for (uint32_t k = 0; k < nsect; k++) {
          const uint8_t* q = p + seg_size + uint64_t{k} * sec_size;
          std::string sname = cstring(q, 16);
          uint64_t saddr, ssize;
          uint32_t soff, reloff, nreloc;
          if (s64) {
            saddr = u64(q + 32, be), ssize = u64(q + 40, be), soff = u32(q + 48, be);
            reloff = u32(q + 56, be), nreloc = u32(q + 60, be);
          } else {
            saddr = u32(q + 32, be), ssize = u32(q + 36, be), soff = u32(q + 40, be);
            reloff = u32(q + 48, be), nreloc = u32(q + 52, be);
          }
          if (nreloc > 0 && !r.contains(reloff, uint64_t{nreloc} * 8)) return unrecognized(fl);
          if (sname == "__go_buildinfo" && !found_sec) {
            found_sec = true;
            x->data_addr = saddr, x->data_size = ssize;
          }
          if (sname == "__gopclntab" && !x->has_pclntab) {
            x->has_pclntab = true;
            x->pclntab_off = soff, x->pclntab_size = ssize;
          }
        }
        if (off > kMaxInt64 || filesz > kMaxInt64) return unrecognized(fl);
        Span s{addr, addr + filesz - 1, addr + filesz, off, filesz};
        s.skip = name == "__PAGEZERO";
        x->spans.push_back(s);
        if (rw_seg.empty() && addr != 0 && filesz != 0 && prot == 3 && maxprot == 3) {
          rw_seg = {addr, memsz};
        }
        break;
      }
      default:
        break;
    }
  }
  if (!found_sec && !rw_seg.empty()) x->data_addr = rw_seg[0], x->data_size = rw_seg[1];
  x->format = ExeFormat::macho;
  return true;
}

// ---- XCOFF (internal/xcoff.NewFile: a symbol table is required; it and the
// string table are range-checked)

bool parse_xcoff(Reader& r, Exe* x, Failure* fl) {
  uint8_t h[24];
  if (!r.read(0, h, 2)) return unrecognized(fl);
  const uint16_t magic = u16(h, true);
  if (magic != 0737 && magic != 0767) return unrecognized(fl);
  const bool is64 = magic == 0767;
  if (!r.read(0, h, is64 ? 24 : 20)) return unrecognized(fl);
  const uint32_t nscns = u16(h + 2, true);
  const uint64_t symptr = is64 ? u64(h + 8, true) : u32(h + 8, true);
  const uint32_t nsyms = is64 ? u32(h + 20, true) : u32(h + 12, true);
  const uint32_t opthdr = u16(h + 16, true);
  if (symptr == 0 || nsyms == 0) return unrecognized(fl);
  const uint64_t stroff = symptr + uint64_t{nsyms} * 18;
  uint8_t lenbuf[4];
  if (symptr > kMaxInt64 || !r.read(stroff, lenbuf, 4)) return unrecognized(fl);
  const uint32_t strlen = u32(lenbuf, true);
  if (strlen > 4 && !r.contains(stroff, strlen)) return unrecognized(fl);
  if (!r.contains(symptr, uint64_t{nsyms} * 18)) return unrecognized(fl);

  const uint64_t shsize = is64 ? 72 : 40;
  std::string st;
  if (!r.read((is64 ? 24 : 20) + uint64_t{opthdr}, nscns * shsize, &st)) return unrecognized(fl);
  bool found = false;
  for (uint32_t i = 0; i < nscns; i++) {
    const uint8_t* p = bytes(st) + i * shsize;
    uint64_t va, size, scnptr;
    uint32_t flags;
    if (is64) {
      va = u64(p + 16, true), size = u64(p + 24, true), scnptr = u64(p + 32, true), flags = u32(p + 64, true);
    } else {
      va = u32(p + 12, true), size = u32(p + 16, true), scnptr = u32(p + 20, true), flags = u32(p + 36, true);
    }
    Span s{va, va + size - 1, va + size, scnptr, size};
    s.zeros = scnptr == 0;
    x->spans.push_back(s);
    if (!found && flags == 0x40 /* STYP_DATA */) {
      found = true;
      x->data_addr = va, x->data_size = size;
    }
  }
  x->format = ExeFormat::xcoff;
  return true;
}

// ---- Plan 9 a.out: five sections laid out back to back after the header;
// "addresses" are file offsets.

bool parse_plan9(Reader& r, Exe* x, Failure* fl) {
  uint8_t h[40];
  if (!r.read(0, h, 32)) return unrecognized(fl);
  const uint32_t magic = u32(h, true);
  uint32_t hdr = 32;
  if (magic & 0x8000) {
    if (!r.read(32, h + 32, 8)) return unrecognized(fl);
    hdr += 8;
  }
  // text data syms spsz pcsz, in that order (the header's bss and entry are skipped).
  const uint32_t sizes[5] = {u32(h + 4, true), u32(h + 8, true), u32(h + 16, true),
                             u32(h + 24, true), u32(h + 28, true)};
  uint32_t off = hdr;
  for (int i = 0; i < 5; i++) {
    uint32_t size = sizes[i];
    Span s;
    s.lo = off;
    s.hi = static_cast<uint32_t>(off + size - 1);
    s.end = static_cast<uint32_t>(off + size);
    s.off = off, s.len = size;
    x->spans.push_back(s);
    if (i == 1) x->data_addr = off, x->data_size = size;
    off += size;
  }
  x->format = ExeFormat::plan9;
  return true;
}

bool has_plan9_magic(const uint8_t* ident) {
  uint32_t m = u32(ident, true);
  return m == (4 * 11 + 0) * 11 + 7 || m == ((4 * 26 + 0) * 26 + 7 + 0x8000) || m == (4 * 20 + 0) * 20 + 7;
}

// Mach-O universal file: Go reads its first image (NewFatFile also parses
// the others; we do not).
bool parse_exe(Reader& top, std::unique_ptr<Reader>* sub, Exe* x, Failure* fl);

bool parse_fat(Reader& r, std::unique_ptr<Reader>* sub, Exe* x, Failure* fl) {
  uint8_t h[28];
  if (!r.read(0, h, 8)) return unrecognized(fl);
  if (u32(h, true) != 0xcafebabe || u32(h + 4, true) < 1) return unrecognized(fl);
  if (!r.read(8, h + 8, 20)) return unrecognized(fl);
  const uint64_t off = u32(h + 16, true), size = u32(h + 20, true);
  // io.NewSectionReader(r, off, size): reads past the real end of file fail.
  uint64_t avail = off <= r.size() ? std::min(size, r.size() - off) : 0;
  *sub = std::make_unique<Reader>(r.file(), r.base() + off, avail, &r);
  uint8_t ident[4];
  if (!(*sub)->read(0, ident, 4)) return unrecognized(fl);
  if (!(ident[0] == 0xfe && ident[1] == 0xed && ident[2] == 0xfa) &&
      !(ident[1] == 0xfa && ident[2] == 0xed && ident[3] == 0xfe)) {
    return unrecognized(fl);
  }
  return parse_macho(**sub, x, fl);
}

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

bool read_all(Reader& top, BuildInfo* out, Failure* fl, Exe* exe_out = nullptr,
              std::unique_ptr<Reader>* sub_out = nullptr) {
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

// ---------------------------------------------------------------- strconv

// ---------------------------------------------------------------- modinfo

bool quote_key(std::string_view k) { return k.empty() || k.find_first_of("= \t\r\n\"`") != std::string_view::npos; }
bool quote_value(std::string_view v) { return v.find_first_of(" \t\r\n\"`") != std::string_view::npos; }

std::vector<std::string_view> split_tabs(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t t = s.find('\t', start);
    if (t == std::string_view::npos) break;
    out.push_back(s.substr(start, t - start));
    start = t + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A key or value as BuildInfo.String prints it (quoteKey/quoteValue, then
// strconv.Quote).
std::string format_token(const std::string& s, bool needs_quote) { return needs_quote ? go_quote(s) : s; }

void format_module(std::string* out, std::string_view word, const Module& m) {
  *out += word;
  *out += '\t';
  *out += m.path;
  *out += '\t';
  *out += m.version;
  if (!m.replace) {
    *out += '\t';
    *out += m.sum;
  } else {
    *out += "\n=>\t";
    *out += m.replace->path;
    *out += '\t';
    *out += m.replace->version;
    *out += '\t';
    *out += m.replace->sum;
  }
  *out += '\n';
}

// ---------------------------------------------------------------- default GOROOT

DefaultGorootResult unknown_goroot(std::string why) {
  DefaultGorootResult r;
  r.kind = DefaultGoroot::unknown;
  r.why = std::move(why);
  return r;
}

// go1.19 or later, or a development build; see the comment at the top.
bool version_has_reliable_goroot(std::string_view v) {
  if (starts_with(v, "devel")) return true;
  if (!starts_with(v, "go1.")) return false;
  v.remove_prefix(4);
  unsigned minor = 0;
  size_t i = 0;
  while (i < v.size() && i < 6 && v[i] >= '0' && v[i] <= '9') minor = minor * 10 + (v[i++] - '0');
  return i > 0 && minor >= 19;
}

// runtime.pclntab through the COFF symbol table (cmd/internal/objfile's
// loadPETable): file offset and size, or false.
bool pe_pclntab(Reader& r, const Exe& x, uint64_t* off, uint64_t* size, std::string* why) {
  if (x.pe_symptr == 0 || x.pe_nsyms == 0) return *why = "no COFF symbol table", false;
  const uint64_t symbytes = uint64_t{x.pe_nsyms} * 18;
  uint8_t lenbuf[4];
  if (!r.read(x.pe_symptr + symbytes, lenbuf, 4)) return *why = "bad COFF symbol table", false;
  const uint64_t strlen = u32(lenbuf, false);
  std::string tab;
  if (!r.read(x.pe_symptr, symbytes + std::max<uint64_t>(strlen, 4), &tab)) {
    return *why = "bad COFF symbol table", false;
  }
  std::string_view strtab = std::string_view(tab).substr(static_cast<size_t>(symbytes));
  struct Sym {
    bool found = false;
    int16_t sect = 0;
    uint32_t value = 0;
  } start, end;
  for (uint64_t k = 0; k < x.pe_nsyms; k++) {
    const uint8_t* p = bytes(tab) + k * 18;
    std::string name;
    if (u32(p, false) == 0) {
      uint32_t o = u32(p + 4, false);
      if (o >= 4 && o < strtab.size()) name = cstring(bytes(strtab) + o, strtab.size() - o);
    } else {
      name = cstring(p, 8);
    }
    Sym* s = name == "runtime.pclntab" ? &start : name == "runtime.epclntab" ? &end : nullptr;
    if (s && !s->found) {
      s->found = true;
      s->value = u32(p + 8, false);
      s->sect = static_cast<int16_t>(u16(p + 12, false));
    }
    k += p[17];  // skip the auxiliary records
  }
  if (!start.found || !end.found) return *why = "no runtime.pclntab symbol", false;
  if (start.sect <= 0 || start.sect != end.sect || static_cast<size_t>(start.sect) > x.pe_sections.size()) {
    return *why = "bad runtime.pclntab symbol", false;
  }
  const PeSection& s = x.pe_sections[start.sect - 1];
  if (start.value > end.value || end.value > s.raw_size || s.raw_off == 0) {
    return *why = "bad runtime.pclntab symbol", false;
  }
  *off = uint64_t{s.raw_off} + start.value;
  *size = end.value - start.value;
  return true;
}

// The pclntab's file-name table (Go 1.18+ layout: magic 0xfffffff0/1).
bool read_filetab(Reader& r, uint64_t off, uint64_t size, std::string* tab, std::string* why) {
  // One read covers the largest header (8 bytes + 8 words of 8).
  uint8_t h[8 + 8 * 8] = {};
  if (size < 8 || !r.read(off, h, static_cast<size_t>(std::min<uint64_t>(size, sizeof h)))) {
    return *why = "bad pclntab", false;
  }
  const uint32_t le = u32(h, false), be_magic = u32(h, true);
  bool be;
  if (le == 0xfffffff0 || le == 0xfffffff1) {
    be = false;
  } else if (be_magic == 0xfffffff0 || be_magic == 0xfffffff1) {
    be = true;
  } else {
    return *why = "unsupported pclntab version", false;
  }
  const uint8_t quantum = h[6], ptr = h[7];
  if (h[4] != 0 || h[5] != 0 || (quantum != 1 && quantum != 2 && quantum != 4) || (ptr != 4 && ptr != 8)) {
    return *why = "bad pclntab header", false;
  }
  if (size < 8 + 8 * uint64_t{ptr}) return *why = "bad pclntab header", false;
  auto word = [&](int i) { return ptr == 4 ? uint64_t{u32(h + 8 + 4 * i, be)} : u64(h + 8 + 8 * i, be); };
  const uint64_t filetab = word(5), pctab = word(6);
  constexpr uint64_t kMaxFiletab = 16 << 20;
  if (filetab > pctab || pctab > size || pctab - filetab > kMaxFiletab) return *why = "bad pclntab offsets", false;
  if (!r.read(off + filetab, pctab - filetab, tab)) return *why = "short pclntab", false;
  return true;
}

// Applies the rule at the top of this file to the file-name table.
DefaultGorootResult classify_filetab(std::string_view tab, ExeFormat format) {
  constexpr std::string_view kTrimmed = "runtime/proc.go";
  constexpr std::string_view kSuffix = "/src/runtime/proc.go";
  std::vector<std::string_view> found;  // distinct runtime/proc.go spellings
  while (!tab.empty()) {
    size_t nul = tab.find('\0');
    std::string_view name = tab.substr(0, nul);
    tab.remove_prefix(nul == std::string_view::npos ? tab.size() : nul + 1);
    bool is_runtime = name == kTrimmed;
    if (!is_runtime && name.size() >= kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix) {
      std::string_view p = name.substr(0, name.size() - kSuffix.size());
      bool drive = p.size() >= 2 && p[1] == ':' && ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') &&
                   (p.size() == 2 || p[2] == '/');
      is_runtime = p == "$GOROOT" || p.empty() || p[0] == '/' || drive;
    }
    if (is_runtime && std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  }
  if (found.empty()) return unknown_goroot("no runtime source file name in pclntab");
  if (found.size() > 1) return unknown_goroot("ambiguous runtime source file names in pclntab");
  DefaultGorootResult res;
  std::string_view name = found[0];
  if (name == kTrimmed) {
    res.kind = DefaultGoroot::none;
    res.why = "built with -trimpath";
    return res;
  }
  std::string_view p = name.substr(0, name.size() - kSuffix.size());
  if (p == "$GOROOT") {
    res.kind = DefaultGoroot::none;
    res.why = "linked without a GOROOT";
    return res;
  }
  res.kind = DefaultGoroot::known;
  res.path = std::string(p);
  if (format == ExeFormat::pe) {
    // Windows' filepath.Clean turns slashes into backslashes and keeps a
    // drive's root.
    std::replace(res.path.begin(), res.path.end(), '/', '\\');
    if (res.path.empty() || (res.path.size() == 2 && res.path[1] == ':')) res.path += '\\';
  } else if (res.path.empty()) {
    res.path = "/";
  }
  return res;
}

}  // namespace

// ---------------------------------------------------------------- public API

bool parse_modinfo(std::string_view data, BuildInfo* bi, std::string* err) {
  int line_num = 1;
  auto bad = [&](const std::string& msg) {
    if (err) *err = fmt::format("could not parse Go build info: line {}: {}", line_num, msg);
    return false;
  };
  bi->raw_modinfo = std::string(data);
  bi->path.clear();
  bi->main = Module{};
  bi->deps.clear();
  bi->settings.clear();
  // The module a following "=>" line replaces: -1 none, 0 main, k dep k-1.
  long last = -1;
  auto module_line = [&](std::string_view rest, Module* m) {
    std::vector<std::string_view> elem = split_tabs(rest);
    if (elem.size() != 2 && elem.size() != 3) {
      return bad(fmt::format("expected 2 or 3 columns; got {}", elem.size()));
    }
    *m = Module{};
    m->path = std::string(elem[0]);
    m->version = std::string(elem[1]);
    if (elem.size() == 3) m->sum = std::string(elem[2]);
    return true;
  };
  while (!data.empty()) {
    size_t nl = data.find('\n');
    if (nl == std::string_view::npos) break;  // an unterminated last line is ignored
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl + 1);
    if (starts_with(line, "path\t")) {
      bi->path = std::string(line.substr(5));
    } else if (starts_with(line, "mod\t")) {
      last = 0;
      if (!module_line(line.substr(4), &bi->main)) return false;
    } else if (starts_with(line, "dep\t")) {
      bi->deps.emplace_back();
      last = static_cast<long>(bi->deps.size());
      if (!module_line(line.substr(4), &bi->deps.back())) return false;
    } else if (starts_with(line, "=>\t")) {
      std::vector<std::string_view> elem = split_tabs(line.substr(3));
      if (elem.size() != 3) return bad(fmt::format("expected 3 columns for replacement; got {}", elem.size()));
      if (last < 0) return bad("replacement with no module on previous line");
      Module& m = last == 0 ? bi->main : bi->deps[static_cast<size_t>(last - 1)];
      m.replace = ModuleVersion{std::string(elem[0]), std::string(elem[1]), std::string(elem[2])};
      last = -1;
    } else if (starts_with(line, "build\t")) {
      std::string_view kv = line.substr(6);
      if (kv.empty()) return bad("build line missing '='");
      BuildSetting s;
      std::string_view raw_value;
      if (kv[0] == '=') return bad("build line with missing key");
      if (kv[0] == '`' || kv[0] == '"') {
        size_t klen = 0;
        if (!go_unquote_prefix(kv, &klen, &s.key)) return bad("invalid quoted key in build line");
        if (klen == kv.size()) return bad("build line missing '=' after quoted key");
        if (kv[klen] != '=') {
          return bad("unexpected character after quoted key: " + go_quote_rune(static_cast<uint8_t>(kv[klen])));
        }
        raw_value = kv.substr(klen + 1);
      } else {
        size_t eq = kv.find('=');
        if (eq == std::string_view::npos) return bad("build line missing '=' after key");
        s.key = std::string(kv.substr(0, eq));
        if (quote_key(s.key)) return bad(fmt::format("unquoted key {} must be quoted", go_quote(s.key)));
        raw_value = kv.substr(eq + 1);
      }
      if (!raw_value.empty()) {
        if (raw_value[0] == '`' || raw_value[0] == '"') {
          if (!go_unquote(raw_value, &s.value)) return bad("invalid quoted value in build line");
        } else {
          s.value = std::string(raw_value);
          if (quote_value(s.value)) return bad(fmt::format("unquoted value {} must be quoted", go_quote(s.value)));
        }
      }
      bi->settings.push_back(std::move(s));
    }
    line_num++;
  }
  return true;
}

std::string format_modinfo(const BuildInfo& bi) {
  std::string out;
  if (!bi.path.empty()) out += "path\t" + bi.path + "\n";
  if (!bi.main.empty()) format_module(&out, "mod", bi.main);
  for (const Module& d : bi.deps) format_module(&out, "dep", d);
  for (const BuildSetting& s : bi.settings) {
    out += "build\t";
    out += format_token(s.key, quote_key(s.key));
    out += '=';
    out += format_token(s.value, quote_value(s.value));
    out += '\n';
  }
  return out;
}

std::string setting(const BuildInfo& bi, std::string_view key) {
  for (const BuildSetting& s : bi.settings) {
    if (s.key == key) return s.value;
  }
  return "";
}

bool read_buildinfo(ReadableFile& f, BuildInfo* out, std::string* err, bool* io_error) {
  Reader r(f);
  Failure fl;
  if (io_error) *io_error = false;
  if (read_all(r, out, &fl)) return true;
  if (err) *err = r.io_error() ? "read error" : fl.msg;
  if (io_error) *io_error = r.io_error();
  return false;
}

DefaultGorootResult read_default_goroot(ReadableFile& f, BuildInfo* info) {
  Reader top(f);
  Failure fl;
  BuildInfo local;
  BuildInfo& bi = info ? *info : local;
  Exe x;
  std::unique_ptr<Reader> sub;
  if (!read_all(top, &bi, &fl, &x, &sub)) {
    bi = BuildInfo{};
    return unknown_goroot("no Go build info: " + fl.msg);
  }
  Reader& r = sub ? *sub : top;
  if (!version_has_reliable_goroot(bi.go_version)) {
    return unknown_goroot("built by " + bi.go_version + ", before go1.19");
  }
  if (setting(bi, "-ldflags").find("defaultGOROOT") != std::string::npos) {
    return unknown_goroot("-ldflags may set runtime.defaultGOROOT");
  }
  uint64_t off = x.pclntab_off, size = x.pclntab_size;
  std::string why;
  if (x.format == ExeFormat::pe) {
    if (!pe_pclntab(r, x, &off, &size, &why)) return unknown_goroot(why);
  } else if (!x.has_pclntab) {
    return unknown_goroot("no pclntab section");
  }
  std::string tab;
  if (!read_filetab(r, off, size, &tab, &why)) return unknown_goroot(why);
  return classify_filetab(tab, x.format);
}

}  // namespace gs
