// Mach-O, thin or fat (universal): debug/macho's load commands as spans.

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

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

// Mach-O universal file: Go reads its first image (NewFatFile also parses
// the others; we do not).
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

}  // namespace gs::buildinfo_detail
