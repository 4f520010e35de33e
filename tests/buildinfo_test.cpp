// Build info and default GOROOT from synthetic executables: minimal ELF, PE,
// Mach-O (thin and fat), XCOFF and Plan 9 containers built here, carrying
// both blob formats; plus truncation and corruption sweeps that must never
// crash, read past the file, or return a half-valid result.
#include "segment/golang/buildinfo/buildinfo.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "segment/cli/cmd_buildinfo.h"
#include "segment/golang/filepath.h"
#include "segment/golang/strconv.h"
#include "tests/fake_disk.h"

namespace gs {
namespace {

// ------------------------------------------------------------------ helpers

// An in-memory file that counts reads and remembers the largest one.
class MemFile : public ReadableFile {
 public:
  explicit MemFile(std::string data) : data_(std::move(data)) {}
  uint64_t size() const override { return data_.size(); }
  int64_t read_at(uint64_t off, void* buf, size_t n) override {
    reads++;
    max_read = std::max(max_read, n);
    if (fail) return -1;
    if (off >= data_.size()) return 0;
    size_t k = std::min<uint64_t>(n, data_.size() - off);
    std::memcpy(buf, data_.data() + off, k);
    return static_cast<int64_t>(k);
  }
  int reads = 0;
  size_t max_read = 0;
  bool fail = false;

 private:
  std::string data_;
};

// Little/big-endian writer into a growable byte string.
struct Buf {
  std::string b;
  bool be = false;
  void put(uint64_t off, uint64_t v, int width) {
    if (b.size() < off + width) b.resize(off + width, '\0');
    for (int i = 0; i < width; i++) {
      int shift = be ? (width - 1 - i) * 8 : i * 8;
      b[off + i] = static_cast<char>(v >> shift & 0xff);
    }
  }
  void put(uint64_t off, std::string_view s) {
    if (b.size() < off + s.size()) b.resize(off + s.size(), '\0');
    std::memcpy(b.data() + off, s.data(), s.size());
  }
  uint64_t align(uint64_t a) {
    b.resize((b.size() + a - 1) / a * a, '\0');
    return b.size();
  }
  uint64_t append(std::string_view s) {
    uint64_t off = b.size();
    b += s;
    return off;
  }
};

std::string uvarint(uint64_t v) {
  std::string s;
  while (v >= 0x80) {
    s.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  s.push_back(static_cast<char>(v));
  return s;
}

const std::string kMagic("\xff Go buildinf:", 14);

// The module text as cmd/go embeds it: 16-byte sentinels around it.
std::string framed(const std::string& text) { return std::string(16, 'S') + text + std::string(16, 'E'); }

// Go 1.18+ blob: header with flag 0x2, then two uvarint-prefixed strings.
std::string inline_blob(const std::string& vers, const std::string& mod, int ptr = 8) {
  std::string h = kMagic;
  h.push_back(static_cast<char>(ptr));
  h.push_back('\x02');
  h.resize(32, '\0');
  return h + uvarint(vers.size()) + vers + uvarint(mod.size()) + mod;
}

// Pre-1.18 blob: two pointers to Go string headers.
std::string pointer_blob(int ptr, bool be, uint64_t vers_hdr, uint64_t mod_hdr) {
  Buf b;
  b.be = be;
  b.put(0, kMagic);
  b.put(14, static_cast<uint64_t>(ptr), 1);
  b.put(15, be ? 1 : 0, 1);
  b.put(16, vers_hdr, ptr);
  b.put(16 + ptr, mod_hdr, ptr);
  b.b.resize(32, '\0');
  return b.b;
}

const std::string kModText =
    "path\texample.com/hello\n"
    "mod\texample.com/hello\t(devel)\t\n"
    "dep\tgolang.org/x/text\tv0.14.0\th1:abc=\n"
    "dep\texample.com/old\tv1.0.0\n"  // replaced: go prints no sum here
    "=>\t../local\t(devel)\t\n"
    "build\t-buildmode=exe\n"
    "build\t-compiler=gc\n"
    "build\t-ldflags=\"-s -w\"\n"
    "build\tCGO_ENABLED=0\n"
    "build\tGOARCH=amd64\n"
    "build\tGOOS=linux\n"
    "build\t-trimpath=true\n";

// ------------------------------------------------------------------ ELF

struct ElfSeg {
  uint32_t type = 1;   // PT_LOAD
  uint32_t flags = 6;  // R|W
  uint64_t vaddr = 0;
  std::string data;
  uint64_t extra_mem = 0;  // memsz - filesz
};
struct ElfSec {
  std::string name;
  int seg = -1;  // the segment holding it; -1: its own file bytes
  uint64_t off_in_seg = 0, size = 0;
  std::string data;  // when seg == -1
};
struct ElfSpec {
  bool is64 = true, be = false;
  std::vector<ElfSeg> segs;
  std::vector<ElfSec> secs;  // a .shstrtab is added when non-empty
};

std::string build_elf(const ElfSpec& s) {
  Buf b;
  b.be = s.be;
  const int w = s.is64 ? 8 : 4;
  const uint64_t ehsize = s.is64 ? 64 : 52, phsize = s.is64 ? 56 : 32, shsize = s.is64 ? 64 : 40;
  b.put(0, std::string("\x7f" "ELF", 4));
  b.put(4, s.is64 ? 2 : 1, 1);
  b.put(5, s.be ? 2 : 1, 1);
  b.put(6, 1, 1);
  b.b.resize(ehsize, '\0');
  b.put(16, 2, 2);
  b.put(20, 1, 4);
  b.put(s.is64 ? 32 : 28, ehsize, w);  // phoff
  b.put(s.is64 ? 54 : 42, phsize, 2);
  b.put(s.is64 ? 56 : 44, s.segs.size(), 2);
  b.b.resize(ehsize + phsize * s.segs.size(), '\0');
  std::vector<uint64_t> seg_off;
  for (size_t i = 0; i < s.segs.size(); i++) {
    const ElfSeg& g = s.segs[i];
    uint64_t off = b.align(16);
    seg_off.push_back(off);
    b.append(g.data);
    uint64_t ph = ehsize + phsize * i;
    b.put(ph, g.type, 4);
    if (s.is64) {
      b.put(ph + 4, g.flags, 4);
      b.put(ph + 8, off, 8);
      b.put(ph + 16, g.vaddr, 8);
      b.put(ph + 32, g.data.size(), 8);
      b.put(ph + 40, g.data.size() + g.extra_mem, 8);
    } else {
      b.put(ph + 4, off, 4);
      b.put(ph + 8, g.vaddr, 4);
      b.put(ph + 16, g.data.size(), 4);
      b.put(ph + 20, g.data.size() + g.extra_mem, 4);
      b.put(ph + 24, g.flags, 4);
    }
  }
  if (s.secs.empty()) return b.b;
  std::vector<ElfSec> secs = s.secs;
  secs.insert(secs.begin(), ElfSec{});  // SHN_UNDEF
  std::string strtab(1, '\0');
  std::vector<uint64_t> name_off, file_off, addr;
  for (const ElfSec& c : secs) {
    name_off.push_back(c.name.empty() ? 0 : strtab.size());
    if (!c.name.empty()) strtab += c.name + '\0';
  }
  name_off.push_back(strtab.size());
  strtab += std::string(".shstrtab") + '\0';
  for (const ElfSec& c : secs) {
    if (c.seg >= 0) {
      file_off.push_back(seg_off[c.seg] + c.off_in_seg);
      addr.push_back(s.segs[c.seg].vaddr + c.off_in_seg);
    } else {
      file_off.push_back(c.data.empty() ? 0 : b.append(c.data));
      addr.push_back(0);
    }
  }
  uint64_t stroff = b.append(strtab);
  uint64_t shoff = b.align(8);
  size_t n = secs.size() + 1;
  b.b.resize(shoff + shsize * n, '\0');
  for (size_t i = 0; i < n; i++) {
    uint64_t sh = shoff + shsize * i;
    bool is_str = i == secs.size();
    uint64_t size = is_str ? strtab.size() : (secs[i].seg >= 0 ? secs[i].size : secs[i].data.size());
    uint64_t off = is_str ? stroff : file_off[i];
    uint32_t type = is_str ? 3 : (i == 0 ? 0 : 1);
    b.put(sh, name_off[i], 4);
    b.put(sh + 4, type, 4);
    if (s.is64) {
      b.put(sh + 16, is_str ? 0 : addr[i], 8);
      b.put(sh + 24, off, 8);
      b.put(sh + 32, size, 8);
    } else {
      b.put(sh + 12, is_str ? 0 : addr[i], 4);
      b.put(sh + 16, off, 4);
      b.put(sh + 20, size, 4);
    }
  }
  b.put(s.is64 ? 40 : 32, shoff, w);
  b.put(s.is64 ? 58 : 46, shsize, 2);
  b.put(s.is64 ? 60 : 48, n, 2);
  b.put(s.is64 ? 62 : 50, n - 1, 2);
  return b.b;
}

// A pclntab (Go 1.20+ layout) whose file table holds names.
std::string pclntab(const std::vector<std::string>& names, bool be = false, int ptr = 8) {
  Buf b;
  b.be = be;
  b.put(0, 0xfffffff1, 4);
  b.put(6, 1, 1);
  b.put(7, static_cast<uint64_t>(ptr), 1);
  uint64_t hsize = 8 + 8 * ptr;
  std::string tab;
  for (const std::string& n : names) tab += n + '\0';
  b.put(8 + 5 * ptr, hsize, ptr);               // filetab offset
  b.put(8 + 6 * ptr, hsize + tab.size(), ptr);  // pctab offset
  b.b.resize(hsize, '\0');
  b.b += tab;
  b.b += std::string(16, '\x7f');  // a bit of "pctab"
  return b.b;
}

// A Go 1.18+ style ELF: .go.buildinfo at the start of the RW segment,
// .gopclntab in a read-only one.
std::string go_elf(const std::string& blob, const std::vector<std::string>& files = {"runtime/proc.go"}) {
  ElfSpec s;
  std::string pcln = pclntab(files);
  s.segs = {{1, 5, 0x400000, std::string(64, '\x90')}, {1, 4, 0x500000, pcln}, {1, 6, 0x600000, blob + std::string(48, 'd')}};
  s.secs = {{".text", 0, 0, 64, ""}, {".gopclntab", 1, 0, pcln.size(), ""}, {".go.buildinfo", 2, 0, blob.size(), ""}};
  return build_elf(s);
}

bool read(const std::string& file, BuildInfo* bi, std::string* err = nullptr) {
  MemFile f(file);
  std::string e;
  bool ok = read_buildinfo(f, bi, &e);
  if (err) *err = e;
  return ok;
}

// ------------------------------------------------------------------ PE

struct PeSec {
  std::string name;
  uint32_t va = 0;
  std::string data;
  uint32_t chars = 0xC0000040;  // initialized data, read, write
  uint32_t vsize = 0;           // 0: data size
};
struct PeSym {
  std::string name;
  uint32_t value;
  int16_t sect;
};

std::string build_pe(const std::vector<PeSec>& secs, uint64_t image_base, const std::vector<PeSym>& syms = {}) {
  Buf b;
  b.put(0, "MZ");
  b.put(0x3c, 0x80, 4);
  b.put(0x80, std::string("PE\0\0", 4));
  const uint64_t fh = 0x84, oh = fh + 20, optsz = 240, st = oh + optsz;
  b.put(fh, 0x8664, 2);
  b.put(fh + 2, secs.size(), 2);
  b.put(fh + 16, optsz, 2);
  b.put(oh, 0x20b, 2);
  b.put(oh + 24, image_base, 8);
  b.put(oh + 108, 16, 4);
  b.b.resize(st + 40 * secs.size(), '\0');
  for (size_t i = 0; i < secs.size(); i++) {
    const PeSec& s = secs[i];
    uint64_t off = b.align(0x200);
    b.append(s.data);
    uint64_t h = st + 40 * i;
    b.put(h, s.name.substr(0, 8));
    b.put(h + 8, s.vsize ? s.vsize : s.data.size(), 4);
    b.put(h + 12, s.va, 4);
    b.put(h + 16, s.data.size(), 4);
    b.put(h + 20, s.data.empty() ? 0 : off, 4);
    b.put(h + 36, s.chars, 4);
  }
  if (!syms.empty()) {
    uint64_t symptr = b.align(4);
    std::string strtab;
    for (size_t i = 0; i < syms.size(); i++) {
      uint64_t r = symptr + 18 * i;
      b.b.resize(r + 18, '\0');
      if (syms[i].name.size() <= 8) {
        b.put(r, syms[i].name);
      } else {
        b.put(r + 4, 4 + strtab.size(), 4);
        strtab += syms[i].name + '\0';
      }
      b.put(r + 8, syms[i].value, 4);
      b.put(r + 12, static_cast<uint16_t>(syms[i].sect), 2);
    }
    Buf len;
    len.put(0, 4 + strtab.size(), 4);
    b.append(len.b + strtab);
    b.put(fh + 8, symptr, 4);
    b.put(fh + 12, syms.size(), 4);
  }
  return b.b;
}

// ------------------------------------------------------------------ Mach-O

struct MachoSec {
  std::string name;
  uint64_t off_in_seg, size;
};
struct MachoSeg {
  std::string name;
  uint64_t vmaddr;
  std::string data;
  uint32_t prot = 3, maxprot = 3;
  std::vector<MachoSec> secs;
  uint64_t vmsize = 0;  // 0: data size
};

std::string build_macho(const std::vector<MachoSeg>& segs) {
  Buf b;
  uint64_t cmdsz = 0;
  for (const MachoSeg& s : segs) cmdsz += 72 + 80 * s.secs.size();
  b.put(0, 0xfeedfacf, 4);
  b.put(4, 0x01000007, 4);
  b.put(12, 2, 4);
  b.put(16, segs.size(), 4);
  b.put(20, cmdsz, 4);
  b.b.resize(32 + cmdsz, '\0');
  uint64_t cmd = 32;
  for (const MachoSeg& s : segs) {
    uint64_t off = s.data.empty() ? 0 : b.align(16);
    b.append(s.data);
    uint64_t size = 72 + 80 * s.secs.size();
    b.put(cmd, 0x19, 4);
    b.put(cmd + 4, size, 4);
    b.put(cmd + 8, s.name);
    b.put(cmd + 24, s.vmaddr, 8);
    b.put(cmd + 32, s.vmsize ? s.vmsize : s.data.size(), 8);
    b.put(cmd + 40, off, 8);
    b.put(cmd + 48, s.data.size(), 8);
    b.put(cmd + 56, s.maxprot, 4);
    b.put(cmd + 60, s.prot, 4);
    b.put(cmd + 64, s.secs.size(), 4);
    for (size_t i = 0; i < s.secs.size(); i++) {
      uint64_t q = cmd + 72 + 80 * i;
      b.put(q, s.secs[i].name);
      b.put(q + 16, s.name);
      b.put(q + 32, s.vmaddr + s.secs[i].off_in_seg, 8);
      b.put(q + 40, s.secs[i].size, 8);
      b.put(q + 48, off + s.secs[i].off_in_seg, 4);
    }
    cmd += size;
  }
  return b.b;
}

std::string go_macho(const std::string& blob, const std::vector<std::string>& files) {
  std::string pcln = pclntab(files);
  return build_macho({
      {"__PAGEZERO", 0, "", 0, 0, {}, 0x100000000},
      {"__TEXT", 0x100000000, std::string(32, 't') + pcln, 5, 5, {{"__gopclntab", 32, pcln.size()}}},
      {"__DATA", 0x100100000, blob + std::string(100, 'd'), 3, 3, {{"__go_buildinfo", 0, blob.size()}}},
  });
}

// ------------------------------------------------------------------ blob formats

TEST(BuildInfoTest, InlineFormatInElfSection) {
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(go_elf(inline_blob("go1.23.5", framed(kModText))), &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.23.5");
  EXPECT_EQ(bi.format, ExeFormat::elf);
  EXPECT_TRUE(bi.inline_strings);
  EXPECT_EQ(bi.ptr_size, 8);
  EXPECT_EQ(bi.raw_modinfo, kModText);
  EXPECT_EQ(bi.path, "example.com/hello");
  EXPECT_EQ(bi.main.path, "example.com/hello");
  EXPECT_EQ(bi.main.version, "(devel)");
  EXPECT_EQ(bi.main.sum, "");
  ASSERT_EQ(bi.deps.size(), 2u);
  EXPECT_EQ(bi.deps[0].path, "golang.org/x/text");
  EXPECT_EQ(bi.deps[0].sum, "h1:abc=");
  EXPECT_FALSE(bi.deps[0].replace);
  ASSERT_TRUE(bi.deps[1].replace);
  EXPECT_EQ(bi.deps[1].replace->path, "../local");
  EXPECT_EQ(setting(bi, "GOOS"), "linux");
  EXPECT_EQ(setting(bi, "GOARCH"), "amd64");
  EXPECT_EQ(setting(bi, "-trimpath"), "true");
  EXPECT_EQ(setting(bi, "CGO_ENABLED"), "0");
  EXPECT_EQ(setting(bi, "-ldflags"), "-s -w");
  EXPECT_EQ(setting(bi, "GOAMD64"), "");
  EXPECT_EQ(format_modinfo(bi), kModText);  // canonical text round-trips
}

TEST(BuildInfoTest, ElfWithoutSectionsUsesWritableSegment) {
  // Stripped of section headers: DataStart is the first PT_LOAD that is
  // writable and not executable; an RWX segment before it is passed over.
  std::string blob = inline_blob("go1.21.0", framed("path\tx\n"));
  ElfSpec s;
  s.segs = {{1, 5, 0x400000, std::string(32, 'c')},
            {1, 7, 0x500000, std::string(32, 'x') + blob},  // RWX: not data
            {1, 6, 0x600000, std::string(16, 'z') + blob}};
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(build_elf(s), &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.21.0");
  EXPECT_EQ(bi.path, "x");
}

TEST(BuildInfoTest, PointerFormatElf32BigEndian) {
  // Strings live in a read-only segment, reached through two string headers.
  ElfSpec s;
  s.is64 = false, s.be = true;
  const std::string vers = "go1.17.13", mod = framed("path\tcmd/old\nbuild\tGOOS=aix\n");
  Buf ro;
  ro.be = true;
  ro.put(0, vers);
  ro.put(32, mod);
  Buf data;
  data.be = true;
  data.put(0, pointer_blob(4, true, 0x9000 + 32, 0x9000 + 40));
  data.put(32, 0x8000, 4), data.put(36, vers.size(), 4);
  data.put(40, 0x8000 + 32, 4), data.put(44, mod.size(), 4);
  s.segs = {{1, 4, 0x8000, ro.b}, {1, 6, 0x9000, data.b}};
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(build_elf(s), &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.17.13");
  EXPECT_FALSE(bi.inline_strings);
  EXPECT_TRUE(bi.big_endian);
  EXPECT_EQ(bi.ptr_size, 4);
  EXPECT_EQ(bi.path, "cmd/old");
  EXPECT_EQ(setting(bi, "GOOS"), "aix");
}

TEST(BuildInfoTest, PointerFormatElf64LittleEndian) {
  ElfSpec s;
  const std::string vers = "go1.16.15";
  Buf data;
  data.put(0, pointer_blob(8, false, 0x9000 + 32, 0x9000 + 48));
  data.put(32, 0x9000 + 64, 8), data.put(40, vers.size(), 8);
  data.put(48, 0x9000 + 64, 8), data.put(56, 0, 8);  // empty modinfo: GOPATH mode
  data.put(64, vers);
  s.segs = {{1, 6, 0x9000, data.b}};
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(build_elf(s), &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.16.15");
  EXPECT_EQ(bi.raw_modinfo, "");
  EXPECT_TRUE(bi.main.empty());
  EXPECT_EQ(format_modinfo(bi), "");
}

TEST(BuildInfoTest, PointerFormatBadStringsIsNotGo) {
  ElfSpec s;
  Buf data;
  data.put(0, pointer_blob(8, false, 0xdead0000, 0x9000 + 32));  // version header unmapped
  data.put(32, 0x9000, 8), data.put(40, 1u << 30, 8);            // modinfo longer than the segment
  s.segs = {{1, 6, 0x9000, data.b}};
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  data.put(14, 5, 1);  // pointer size 5
  s.segs[0].data = data.b;
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
}

TEST(BuildInfoTest, ModuleFramingRule) {
  // Fewer than 33 bytes, or no '\n' 17 bytes from the end: modinfo dropped.
  BuildInfo bi;
  ASSERT_TRUE(read(go_elf(inline_blob("go1.22.1", "short")), &bi));
  EXPECT_EQ(bi.raw_modinfo, "");
  ASSERT_TRUE(read(go_elf(inline_blob("go1.22.1", std::string(16, 'S') + "path\tx" + std::string(17, 'E'))), &bi));
  EXPECT_EQ(bi.raw_modinfo, "");
  ASSERT_TRUE(read(go_elf(inline_blob("go1.22.1", framed("path\tx\n"))), &bi));
  EXPECT_EQ(bi.path, "x");
}

TEST(BuildInfoTest, AlignmentAndSearchRules) {
  std::string blob = inline_blob("go1.20", framed("path\tp\n"));
  ElfSpec s;
  // An unaligned copy first (ignored), then an aligned one.
  s.segs = {{1, 6, 0x9000, std::string(3, 'x') + blob + std::string(64 - 3 - blob.size() % 64, 'y') + blob}};
  ASSERT_EQ((3 + blob.size() + 64 - 3 - blob.size() % 64) % 16, 0u);
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(build_elf(s), &bi, &err)) << err;
  EXPECT_EQ(bi.path, "p");
  // Only an unaligned copy: not a Go executable.
  s.segs = {{1, 6, 0x9000, std::string(8, 'x') + blob + std::string(32, 'z')}};
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  // An aligned magic with fewer than 32 bytes after it: not Go.
  s.segs = {{1, 6, 0x9000, std::string(16, 'x') + kMagic + std::string(10, '\0')}};
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  // Strings running past the end of the section: version "" -> not Go.
  std::string cut = inline_blob("go1.20", framed("path\tp\n"));
  s.segs = {{1, 6, 0x9000, cut}};
  s.secs = {{".go.buildinfo", 0, 0, 38, ""}};  // 32 + 1 + "go1.20" needs 39
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  // The version fits but the module text does not: go keeps the version.
  s.secs = {{".go.buildinfo", 0, 0, 39, ""}};
  ASSERT_TRUE(read(build_elf(s), &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.20");
  EXPECT_EQ(bi.raw_modinfo, "");
}

TEST(BuildInfoTest, BlobDeepInDataSegmentIsFoundWithFewReads) {
  // No .go.buildinfo section; the blob sits 300 KB into the data segment
  // (go1.22+ searches the whole segment, not just 64 KiB).
  std::string blob = inline_blob("go1.23.0", framed(kModText));
  ElfSpec s;
  s.segs = {{1, 6, 0x9000, std::string(300 * 1024, '\0') + blob + std::string(7, 'q')}};
  MemFile f(build_elf(s));
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read_buildinfo(f, &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.23.0");
  EXPECT_LE(f.reads, 10);
  EXPECT_LE(f.max_read, 300u * 1024);
}

TEST(BuildInfoTest, TypicalElfCostsFourSmallReads) {
  MemFile f(go_elf(inline_blob("go1.23.5", framed(kModText))));
  BuildInfo bi;
  ASSERT_TRUE(read_buildinfo(f, &bi, nullptr));
  EXPECT_LE(f.reads, 4);  // head, section headers, shstrtab, blob
  EXPECT_LE(f.max_read, 4096u);
}

TEST(BuildInfoTest, ReadErrorsAreReported) {
  MemFile f(go_elf(inline_blob("go1.23.5", framed(kModText))));
  f.fail = true;
  BuildInfo bi;
  std::string err;
  bool io = false;
  EXPECT_FALSE(read_buildinfo(f, &bi, &err, &io));
  EXPECT_TRUE(io);
}

TEST(BuildInfoTest, NotAnExecutable) {
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read("#!/bin/sh\necho hi\n", &bi, &err));
  EXPECT_EQ(err, "unrecognized file format");
  EXPECT_FALSE(read("", &bi, &err));
  EXPECT_EQ(err, "unrecognized file format");
  // A valid ELF without Go's blob.
  ElfSpec s;
  s.segs = {{1, 6, 0x9000, std::string(100, 'a')}};
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  // No data segment at all.
  s.segs = {{1, 5, 0x9000, std::string(100, 'a')}};
  EXPECT_FALSE(read(build_elf(s), &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
}

// ------------------------------------------------------------------ PE, Mach-O, XCOFF, Plan 9

TEST(BuildInfoTest, PeFirstWritableSection) {
  std::string blob = inline_blob("go1.23.5", framed(kModText));
  std::string pe = build_pe({{".text", 0x1000, std::string(64, '\xcc'), 0x60000020},
                             {".rdata", 0x2000, std::string(64, 'r'), 0x40000040},
                             {".data", 0x3000, blob + std::string(40, 'd'), 0xC0600040}},  // ALIGN bits ignored
                            0x400000);
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(pe, &bi, &err)) << err;
  EXPECT_EQ(bi.format, ExeFormat::pe);
  EXPECT_EQ(bi.go_version, "go1.23.5");
  EXPECT_EQ(format_modinfo(bi), kModText);
}

TEST(BuildInfoTest, PePointerFormatSubtractsImageBase) {
  const uint64_t base = 0x140000000;
  const std::string vers = "go1.15.15";
  Buf data;
  data.put(0, pointer_blob(8, false, base + 0x3000 + 32, base + 0x3000 + 48));
  data.put(32, base + 0x2000, 8), data.put(40, vers.size(), 8);
  data.put(48, base + 0x2000, 8), data.put(56, 0, 8);
  std::string pe = build_pe({{".rdata", 0x2000, vers + std::string(20, '\0'), 0x40000040},
                             {".data", 0x3000, data.b, 0xC0000040}},
                            base);
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(pe, &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, vers);
}

TEST(BuildInfoTest, MachoSectionSegmentAndPagezero) {
  std::string blob = inline_blob("go1.23.5", framed(kModText));
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(go_macho(blob, {"runtime/proc.go"}), &bi, &err)) << err;
  EXPECT_EQ(bi.format, ExeFormat::macho);
  EXPECT_EQ(format_modinfo(bi), kModText);
  // Without __go_buildinfo: the first rw/rw segment with a file image.
  std::string m = build_macho({{"__PAGEZERO", 0, "", 0, 0, {}, 0x100000000},
                               {"__TEXT", 0x100000000, std::string(32, 't'), 5, 5, {}},
                               {"__DATA", 0x100100000, std::string(16, 'd') + blob, 3, 3, {}}});
  ASSERT_TRUE(read(m, &bi, &err)) << err;
  EXPECT_EQ(bi.go_version, "go1.23.5");
  // rw but maxprot rwx: not the data segment.
  m = build_macho({{"__DATA", 0x100100000, blob, 3, 7, {}}});
  EXPECT_FALSE(read(m, &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
}

TEST(BuildInfoTest, MachoPointerFormatSkipsPagezero) {
  // A pointer into __PAGEZERO's range must not be served from it.
  Buf data;
  data.put(0, pointer_blob(8, false, 0x10, 0x10));
  std::string m = build_macho({{"__PAGEZERO", 0, "", 0, 0, {}, 0x100000000},
                               {"__DATA", 0x100100000, data.b, 3, 3, {}}});
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read(m, &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
}

TEST(BuildInfoTest, FatMachoFirstImage) {
  std::string thin = go_macho(inline_blob("go1.22.3", framed("path\tfat\n")), {"runtime/proc.go"});
  Buf fat;
  fat.be = true;
  fat.put(0, 0xcafebabe, 4);
  fat.put(4, 1, 4);
  fat.put(8, 0x01000007, 4);
  fat.put(16, 4096, 4);
  fat.put(20, thin.size(), 4);
  fat.b.resize(4096, '\0');
  fat.b += thin;
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(fat.b, &bi, &err)) << err;
  EXPECT_EQ(bi.path, "fat");
  fat.put(0, 0xcafebabf, 4);  // 64-bit fat: go's NewFatFile rejects it
  EXPECT_FALSE(read(fat.b, &bi, &err));
  EXPECT_EQ(err, "unrecognized file format");
}

TEST(BuildInfoTest, Xcoff64) {
  std::string blob = inline_blob("go1.23.5", framed("path\taix\n"));
  Buf b;
  b.be = true;
  b.put(0, 0767, 2);
  b.put(2, 2, 2);  // sections
  const uint64_t sh = 24;
  b.b.resize(sh + 2 * 72, '\0');
  uint64_t text = b.align(16);
  b.append(std::string(32, 't'));
  uint64_t data = b.align(16);
  b.append(blob);
  uint64_t symptr = b.align(4);
  b.b.resize(symptr + 18, '\0');
  b.put(symptr + 18, 4, 4);  // empty string table
  b.put(8, symptr, 8);
  b.put(20, 1, 4);
  b.put(sh + 16, 0x100000000, 8), b.put(sh + 24, 32, 8), b.put(sh + 32, text, 8), b.put(sh + 64, 0x20, 4);
  b.put(sh + 72 + 16, 0x200000000, 8), b.put(sh + 72 + 24, blob.size(), 8), b.put(sh + 72 + 32, data, 8);
  b.put(sh + 72 + 64, 0x40, 4);
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(b.b, &bi, &err)) << err;
  EXPECT_EQ(bi.format, ExeFormat::xcoff);
  EXPECT_EQ(bi.path, "aix");
}

TEST(BuildInfoTest, Plan9Amd64) {
  std::string blob = inline_blob("go1.23.5", framed("path\tplan9\n"));
  Buf b;
  b.be = true;
  b.put(0, (4 * 26) * 26 + 7 + 0x8000, 4);
  b.put(4, 24, 4);             // text size
  b.put(8, blob.size(), 4);    // data size
  b.b.resize(40, '\0');        // 64-bit header: 32 + 8
  b.append(std::string(24, 't'));
  b.append(blob);              // data starts at 64: 16-aligned
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(read(b.b, &bi, &err)) << err;
  EXPECT_EQ(bi.format, ExeFormat::plan9);
  EXPECT_EQ(bi.path, "plan9");
}

// ------------------------------------------------------------------ robustness

// Every prefix of a valid file: no crash, and either failure or the full
// answer (a prefix may still hold everything that is read).
void check_truncations(const std::string& file, size_t step = 1) {
  BuildInfo full;
  ASSERT_TRUE(read(file, &full));
  const std::string want = full.go_version + "\n" + format_modinfo(full);
  for (size_t n = 0; n < file.size(); n += step) {
    MemFile f(file.substr(0, n));
    BuildInfo bi;
    std::string err;
    if (read_buildinfo(f, &bi, &err)) {
      EXPECT_EQ(bi.go_version + "\n" + format_modinfo(bi), want) << "prefix " << n;
    } else {
      EXPECT_FALSE(err.empty());
    }
    EXPECT_LE(f.max_read, n + 4096) << "prefix " << n;
    DefaultGorootResult g = read_default_goroot(f);
    (void)g;
  }
}

TEST(BuildInfoTest, TruncatedElfAtEveryLength) {
  check_truncations(go_elf(inline_blob("go1.23.5", framed(kModText))));
}
TEST(BuildInfoTest, TruncatedPeAtEveryLength) {
  check_truncations(build_pe({{".data", 0x3000, inline_blob("go1.23.5", framed(kModText)), 0xC0000040}}, 0x400000));
}
TEST(BuildInfoTest, TruncatedMachoAtEveryLength) {
  check_truncations(go_macho(inline_blob("go1.23.5", framed(kModText)), {"runtime/proc.go"}));
}
TEST(BuildInfoTest, TruncatedBlobAtEveryLength) {
  // Truncating the blob itself (section size shrinks with it).
  std::string blob = inline_blob("go1.23.5", framed(kModText));
  for (size_t n = 0; n <= blob.size(); n++) {
    BuildInfo bi;
    std::string err;
    ElfSpec s;
    s.segs = {{1, 6, 0x9000, blob.substr(0, n)}};
    s.secs = {{".go.buildinfo", 0, 0, n, ""}};
    bool ok = read(build_elf(s), &bi, &err);
    if (ok) {
      EXPECT_EQ(bi.go_version, "go1.23.5");
    } else {
      EXPECT_FALSE(err.empty());
    }
  }
}

void check_flips(const std::string& file, int rounds, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < rounds; i++) {
    std::string m = file;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; k++) {
      size_t pos = rng() % m.size();
      // Favour the headers, where a flip changes offsets and sizes.
      if (rng() % 2) pos = rng() % std::min<size_t>(m.size(), 512);
      m[pos] = static_cast<char>(rng() % 3 == 0 ? 0xff : rng());
    }
    MemFile f(m);
    BuildInfo bi;
    std::string err;
    if (read_buildinfo(f, &bi, &err)) {
      EXPECT_FALSE(bi.go_version.empty());
    } else {
      EXPECT_FALSE(err.empty());
    }
    EXPECT_LE(f.max_read, m.size() + 4096);
    read_default_goroot(f);
  }
}

TEST(BuildInfoTest, RandomByteFlipsElf) {
  check_flips(go_elf(inline_blob("go1.23.5", framed(kModText)), {"/usr/lib/go/src/runtime/proc.go"}), 3000, 1);
}
TEST(BuildInfoTest, RandomByteFlipsElf32Pointer) {
  ElfSpec s;
  s.is64 = false;
  const std::string vers = "go1.17.13", mod = framed(kModText);
  Buf data;
  data.put(0, pointer_blob(4, false, 0x9000 + 32, 0x9000 + 40));
  data.put(32, 0x9000 + 48, 4), data.put(36, vers.size(), 4);
  data.put(40, 0x9000 + 64, 4), data.put(44, mod.size(), 4);
  data.put(48, vers), data.put(64, mod);
  s.segs = {{1, 6, 0x9000, data.b}};
  s.secs = {{".go.buildinfo", 0, 0, 32, ""}};
  check_flips(build_elf(s), 3000, 2);
}
TEST(BuildInfoTest, RandomByteFlipsPe) {
  std::string pcln = pclntab({"C:/Go/src/runtime/proc.go"});
  check_flips(build_pe({{".rdata", 0x2000, pcln, 0x40000040},
                        {".data", 0x3000, inline_blob("go1.23.5", framed(kModText)), 0xC0000040}},
                       0x400000, {{"runtime.pclntab", 0, 1}, {"runtime.epclntab", static_cast<uint32_t>(pcln.size()), 1}}),
              3000, 3);
}
TEST(BuildInfoTest, RandomByteFlipsMacho) {
  check_flips(go_macho(inline_blob("go1.23.5", framed(kModText)), {"runtime/proc.go"}), 3000, 4);
}

TEST(BuildInfoTest, HugeDeclaredSizesAreRejectedWithoutBigReads) {
  // A section and segment claiming terabytes: nothing is allocated or read
  // beyond the file.
  std::string blob = inline_blob("go1.23.5", framed(kModText));
  std::string file = go_elf(blob);
  ElfSpec s;
  s.segs = {{1, 6, 0x9000, blob}};
  s.secs = {{".go.buildinfo", 0, 0, blob.size(), ""}};
  std::string e = build_elf(s);
  // Patch the PT_LOAD filesz and the .go.buildinfo size to 1 TB: go's
  // ReadData would need a terabyte from a tiny file and fails with EOF.
  Buf b;
  b.b = e;
  b.put(64 + 32, uint64_t{1} << 40, 8);
  uint64_t shoff = 0;
  std::memcpy(&shoff, e.data() + 40, 8);
  b.put(shoff + 64 + 32, uint64_t{1} << 40, 8);  // section 1's sh_size
  MemFile f(b.b);
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read_buildinfo(f, &bi, &err));
  EXPECT_EQ(err, "EOF");
  EXPECT_LE(f.max_read, e.size());
  // Only the segment huge: the section's bytes are all in the file, so go
  // (and we) read them.
  b.b = e;
  b.put(64 + 32, uint64_t{1} << 40, 8);
  MemFile g(b.b);
  EXPECT_TRUE(read_buildinfo(g, &bi, &err)) << err;
  // A string length of 2^62 in the inline format.
  std::string bad = kMagic + "\x08\x02" + std::string(16, '\0') + uvarint(uint64_t{1} << 62) + "go";
  ElfSpec s2;
  s2.segs = {{1, 6, 0x9000, bad}};
  MemFile f2(build_elf(s2));
  EXPECT_FALSE(read_buildinfo(f2, &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
}

TEST(BuildInfoTest, PeSectionWithoutFileDataReadsAsZeros) {
  // PointerToRawData 0 means "all zeros" to debug/pe, whatever the declared
  // size: a 2 GB one must neither be materialised nor scanned.
  std::string pe = build_pe({{".data", 0x3000, std::string(16, 'd'), 0xC0000040}}, 0x400000);
  Buf b;
  b.b = pe;
  const uint64_t sec = 0x84 + 20 + 240;
  b.put(sec + 8, 0x7ffffff0, 4);   // VirtualSize: the whole range is searched
  b.put(sec + 16, 0x7ffffff0, 4);  // SizeOfRawData
  b.put(sec + 20, 0, 4);           // PointerToRawData
  MemFile f(b.b);
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read_buildinfo(f, &bi, &err));
  EXPECT_EQ(err, "not a Go executable");
  EXPECT_LE(f.max_read, 4096u);
}

// ------------------------------------------------------------------ modinfo parsing

TEST(BuildInfoTest, ParseErrorsMatchGo) {
  struct Case {
    std::string text, err;
  } cases[] = {
      {"mod\ta\n", "line 1: expected 2 or 3 columns; got 1"},
      {"path\tp\ndep\ta\tb\tc\td\n", "line 2: expected 2 or 3 columns; got 4"},
      {"=>\ta\tb\tc\n", "line 1: replacement with no module on previous line"},
      {"dep\ta\tv1\n=>\ta\tb\n", "line 2: expected 3 columns for replacement; got 2"},
      {"dep\ta\tv1\n=>\ta\tb\t\n=>\tc\td\t\n", "line 3: replacement with no module on previous line"},
      {"build\t\n", "line 1: build line missing '='"},
      {"build\t=x\n", "line 1: build line with missing key"},
      {"build\t\"k\n", "line 1: invalid quoted key in build line"},
      {"build\t\"k\"\n", "line 1: build line missing '=' after quoted key"},
      {"build\t\"k\"x\n", "line 1: unexpected character after quoted key: 'x'"},
      {"build\t\"k\"\x01\n", "line 1: unexpected character after quoted key: '\\x01'"},
      {"build\tkey\n", "line 1: build line missing '=' after key"},
      {"build\tk`y=1\n", "line 1: unquoted key \"k`y\" must be quoted"},
      {"build\tk=\"a\n", "line 1: invalid quoted value in build line"},
      {"build\tk=a b\n", "line 1: unquoted value \"a b\" must be quoted"},
      {"build\tk=\"a\"b\n", "line 1: invalid quoted value in build line"},
  };
  for (const Case& c : cases) {
    BuildInfo bi;
    std::string err;
    EXPECT_FALSE(parse_modinfo(c.text, &bi, &err)) << c.text;
    EXPECT_EQ(err, "could not parse Go build info: " + c.err) << c.text;
  }
  // And through the reader: the whole read fails with that message.
  BuildInfo bi;
  std::string err;
  EXPECT_FALSE(read(go_elf(inline_blob("go1.23.5", framed("mod\ta\n"))), &bi, &err));
  EXPECT_EQ(err, "could not parse Go build info: line 1: expected 2 or 3 columns; got 1");
}

TEST(BuildInfoTest, ParseQuotingAndOddLines) {
  BuildInfo bi;
  std::string err;
  const std::string text =
      "unknown\tline\n"
      "build\t\"a key\"=\"v\\tx\"\n"
      "build\t`raw`=`a\"b`\n"
      "build\tEMPTY=\n"
      "build\tX=\"\\u00e9\\x41\\101\"\n"
      "path\tlast\n"
      "build\tunterminated=1";  // no final newline: ignored
  ASSERT_TRUE(parse_modinfo(text, &bi, &err)) << err;
  ASSERT_EQ(bi.settings.size(), 4u);
  EXPECT_EQ(bi.settings[0].key, "a key");
  EXPECT_EQ(bi.settings[0].value, "v\tx");
  EXPECT_EQ(bi.settings[1].key, "raw");
  EXPECT_EQ(bi.settings[1].value, "a\"b");
  EXPECT_EQ(bi.settings[2].value, "");
  EXPECT_EQ(bi.settings[3].value, "\xc3\xa9" "AA");
  EXPECT_EQ(bi.path, "last");
  EXPECT_EQ(format_modinfo(bi),
            "path\tlast\n"
            "build\t\"a key\"=\"v\\tx\"\n"
            "build\traw=\"a\\\"b\"\n"
            "build\tEMPTY=\n"
            "build\tX=\xc3\xa9" "AA\n");
  // A mod line after a replacement resets it.
  ASSERT_TRUE(parse_modinfo("mod\tm\tv1\n=>\tr\tv2\t\nmod\tm\tv3\n", &bi, &err));
  EXPECT_FALSE(bi.main.replace);
  EXPECT_EQ(format_modinfo(bi), "mod\tm\tv3\t\n");
  // A main module line with a replacement prints "=>" on its own line.
  ASSERT_TRUE(parse_modinfo("mod\tm\tv1\n=>\t../r\t\t\n", &bi, &err));
  EXPECT_EQ(format_modinfo(bi), "mod\tm\tv1\n=>\t../r\t\t\n");
}

TEST(BuildInfoTest, QuoteLikeStrconv) {
  EXPECT_EQ(go_quote("plain"), "\"plain\"");
  EXPECT_EQ(go_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(go_quote("\a\b\f\n\r\t\v"), "\"\\a\\b\\f\\n\\r\\t\\v\"");
  EXPECT_EQ(go_quote(std::string("\x00\x1f\x7f", 3)), "\"\\x00\\x1f\\x7f\"");
  EXPECT_EQ(go_quote("\xff\xfe"), "\"\\xff\\xfe\"");           // invalid UTF-8 bytes
  EXPECT_EQ(go_quote("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"");  // a UTF-8 surrogate
  EXPECT_EQ(go_quote("\xc2\x80\xc2\xa0\xc2\xad\xc3\xa9"), "\"\\u0080\\u00a0\\u00ad\xc3\xa9\"");
  EXPECT_EQ(go_quote("ok"), "\"ok\"");
}

TEST(BuildInfoTest, UnquoteLikeStrconv) {
  std::string out;
  EXPECT_TRUE(go_unquote("\"a\\x41\\u00e9\\U0001F600\\101\"", &out));
  EXPECT_EQ(out, "aA\xc3\xa9\xf0\x9f\x98\x80" "A");
  EXPECT_TRUE(go_unquote("\"\xff\"", &out));  // invalid byte -> U+FFFD
  EXPECT_EQ(out, "\xef\xbf\xbd");
  EXPECT_TRUE(go_unquote("`a\r\\nb`", &out));
  EXPECT_EQ(out, "a\\nb");
  EXPECT_FALSE(go_unquote("\"a\nb\"", &out));
  EXPECT_FALSE(go_unquote("\"\\'\"", &out));
  EXPECT_FALSE(go_unquote("\"\\400\"", &out));
  EXPECT_FALSE(go_unquote("\"\\ud800\"", &out));
  EXPECT_FALSE(go_unquote("\"ab\"c", &out));
  EXPECT_FALSE(go_unquote("'a'", &out));
  EXPECT_FALSE(go_unquote("\"", &out));
}

TEST(BuildInfoTest, NonAsciiQuotedValueReprintsBinarySpelling) {
  // U+2028 (not printable in Go) spelled by go as \u2028: kept as written.
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(parse_modinfo("build\t-ldflags=\"-X a=\\u2028 b\"\n", &bi, &err)) << err;
  EXPECT_EQ(format_modinfo(bi), "build\t-ldflags=\"-X a=\\u2028 b\"\n");
}

// BuildInfo.String re-quotes each value with strconv.Quote; it used to
// reprint the binary's own spelling for runes beyond Latin-1. Here the
// spelling holds a raw U+3000, which `go version -m` prints as \u3000 (checked
// with go1.27: -ldflags="-X main.v=a<U+3000>b" prints "-X main.v=a\u3000b").
TEST(BuildInfoTest, QuotedValueIsRequotedLikeGo) {
  BuildInfo bi;
  std::string err;
  ASSERT_TRUE(parse_modinfo("build\t-ldflags=\"-X main.v=a\xe3\x80\x80\xe2\x82\xac b\"\n", &bi, &err)) << err;
  EXPECT_EQ(format_modinfo(bi), "build\t-ldflags=\"-X main.v=a\\u3000\xe2\x82\xac b\"\n");
}

// ------------------------------------------------------------------ default GOROOT

DefaultGorootResult goroot_of(const std::string& file) {
  MemFile f(file);
  return read_default_goroot(f);
}

std::string modtext(const std::string& extra = "") {
  return framed("path\tcmd/go\nbuild\tGOOS=linux\n" + extra);
}

TEST(BuildInfoTest, DefaultGorootFromPclntabFileNames) {
  auto elf = [](const std::string& vers, std::vector<std::string> files, const std::string& extra = "") {
    return goroot_of(go_elf(inline_blob(vers, modtext(extra)), files));
  };
  DefaultGorootResult r = elf("go1.19.8", {"/usr/lib/go-1.19/src/internal/cpu/cpu.go", "/usr/lib/go-1.19/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(r.path, "/usr/lib/go-1.19");
  r = elf("go1.23.5", {"internal/abi/abi.go", "runtime/proc.go", "runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::none);
  r = elf("go1.22.0", {"$GOROOT/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::none);
  r = elf("go1.23.5", {"/src/runtime/proc.go"});  // GOROOT "/"
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(r.path, "/");
  // A -trimpath user module whose path contains src/runtime is ignored.
  r = elf("go1.21.3", {"runtime/proc.go", "example.com/m@v1.0.0/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::none);
  // Two absolute candidates: a user file could be either; do not guess.
  r = elf("go1.23.5", {"/usr/local/go/src/runtime/proc.go", "/home/u/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::unknown);
  r = elf("go1.23.5", {"/usr/local/go/src/runtime/extern.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::unknown);
  r = elf("devel go1.24-abcdef", {"/home/me/goroot/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(r.path, "/home/me/goroot");
  // Before go1.19 -trimpath left a bogus default; unknown.
  r = elf("go1.18.10", {"runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::unknown);
  // -X runtime.defaultGOROOT=... overrides the linker's value.
  r = elf("go1.23.5", {"/usr/local/go/src/runtime/proc.go"}, "build\t-ldflags=\"-X runtime.defaultGOROOT=/opt/go\"\n");
  EXPECT_EQ(r.kind, DefaultGoroot::unknown);
}

TEST(BuildInfoTest, DefaultGorootMachoAndPe) {
  DefaultGorootResult r = goroot_of(go_macho(inline_blob("go1.23.5", modtext()), {"/opt/homebrew/Cellar/go/1.23.5/libexec/src/runtime/proc.go"}));
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(r.path, "/opt/homebrew/Cellar/go/1.23.5/libexec");
  // PE: pclntab found through the COFF symbols; the path in Windows form.
  auto pe = [](std::vector<std::string> files, bool syms = true) {
    std::string pcln = std::string(8, 'x') + pclntab(files);
    std::vector<PeSym> s;
    if (syms) {
      s = {{"go:buildid", 0, 1}, {"runtime.pclntab", 8, 1}, {"runtime.epclntab", static_cast<uint32_t>(pcln.size()), 1}};
    }
    return goroot_of(build_pe({{".rdata", 0x2000, pcln, 0x40000040},
                               {".data", 0x3000, inline_blob("go1.22.1", modtext()), 0xC0000040}},
                              0x400000, s));
  };
  r = pe({"C:/Program Files/Go/src/runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(r.path, "C:\\Program Files\\Go");
  r = pe({"C:/src/runtime/proc.go"});
  EXPECT_EQ(r.path, "C:\\");
  r = pe({"runtime/proc.go"});
  EXPECT_EQ(r.kind, DefaultGoroot::none);
  r = pe({"C:/Go/src/runtime/proc.go"}, false);  // stripped (-s)
  EXPECT_EQ(r.kind, DefaultGoroot::unknown);
}

TEST(BuildInfoTest, DefaultGorootAlsoReturnsBuildInfo) {
  MemFile f(go_elf(inline_blob("go1.19.8", modtext()), {"/usr/lib/go-1.19/src/runtime/proc.go"}));
  BuildInfo bi;
  DefaultGorootResult r = read_default_goroot(f, &bi);
  EXPECT_EQ(r.kind, DefaultGoroot::known);
  EXPECT_EQ(bi.go_version, "go1.19.8");
  EXPECT_EQ(setting(bi, "GOOS"), "linux");
  EXPECT_LE(f.reads, 6);  // the build info's four, then one for the pclntab header, one for its file table
  MemFile g("junk");
  bi.go_version = "stale";
  EXPECT_EQ(read_default_goroot(g, &bi).kind, DefaultGoroot::unknown);
  EXPECT_EQ(bi.go_version, "");
}

TEST(BuildInfoTest, DefaultGorootNeedsGoBinary) {
  EXPECT_EQ(goroot_of("not a binary").kind, DefaultGoroot::unknown);
  ElfSpec s;  // Go blob but no pclntab section
  s.segs = {{1, 6, 0x9000, inline_blob("go1.23.5", modtext())}};
  EXPECT_EQ(goroot_of(build_elf(s)).kind, DefaultGoroot::unknown);
}

// ------------------------------------------------------------------ the debug command

TEST(BuildInfoTest, CommandPrintsLikeGoVersionM) {
  FakeDisk disk;
  disk.add_exe("/bin/hello", go_elf(inline_blob("go1.23.5", framed(kModText))));
  disk.add_exe("/bin/script", "#!/bin/sh\n");
  disk.add_file("/bin/notes.txt", "text");
  disk.add_file("/bin/lib.so.1", "junk");
  std::string out, err;
  int rc = cmd_buildinfo(disk, {"/bin/hello", "/bin/script", "/bin/notes.txt", "/bin/lib.so.1", "/nope"}, &out, &err);
  EXPECT_EQ(rc, 1);
  std::string want = "/bin/hello: go1.23.5\n";
  std::string mod = kModText;
  mod.pop_back();
  want += "\t";
  for (char c : mod) {
    want += c;
    if (c == '\n') want += '\t';
  }
  want += "\n";
  EXPECT_EQ(out, want);
  EXPECT_EQ(err,
            "/bin/script: could not read Go build info from /bin/script: unrecognized file format\n"
            "/bin/lib.so.1: could not read Go build info from /bin/lib.so.1: unrecognized file format\n"
            "stat /nope: no such file or directory\n");
}

TEST(BuildInfoTest, CommandWalksDirectories) {
  FakeDisk disk;
  disk.add_exe("/d/b", go_elf(inline_blob("go1.21.0", framed("path\tb\n"))));
  disk.add_exe("/d/a/x", go_elf(inline_blob("go1.22.0", framed("path\tx\n"))));
  disk.add_exe("/d/c", "not go");
  disk.add_symlink("/d/l", "/d/b");
  disk.add_symlink("/d/ld", "/d/a");
  std::string out, err;
  EXPECT_EQ(cmd_buildinfo(disk, {"/d"}, &out, &err), 0);
  // filepath.WalkDir joins with the host's separator (and Join cleans "/d"
  // to "\\d" on Windows), as `go version -m` prints it there.
  auto p = [](std::initializer_list<std::string_view> parts) { return fp::join(parts); };
  EXPECT_EQ(out, p({"/d", "a", "x"}) + ": go1.22.0\n\tpath\tx\n" +  //
                     p({"/d", "b"}) + ": go1.21.0\n\tpath\tb\n" +    //
                     p({"/d", "l"}) + ": go1.21.0\n\tpath\tb\n");
  EXPECT_EQ(err, "");
}

TEST(BuildInfoTest, CommandDefaultGoroot) {
  FakeDisk disk;
  disk.add_exe("/go19", go_elf(inline_blob("go1.19.8", modtext()), {"/usr/lib/go-1.19/src/runtime/proc.go"}));
  disk.add_exe("/go23", go_elf(inline_blob("go1.23.5", modtext()), {"runtime/proc.go"}));
  std::string out, err;
  EXPECT_EQ(cmd_buildinfo(disk, {"--default-goroot", "/go19", "/go23"}, &out, &err), 0);
  EXPECT_EQ(out, "/go19\tknown\t/usr/lib/go-1.19\n/go23\tnone\tbuilt with -trimpath\n");
  EXPECT_EQ(cmd_buildinfo(disk, {}, &out, &err), 2);
}

}  // namespace
}  // namespace gs
