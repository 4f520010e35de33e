// ELF: where debug/elf puts a Go binary's sections and segments, for the
// build-info reader (see reader.cpp).

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

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

}  // namespace gs::buildinfo_detail
