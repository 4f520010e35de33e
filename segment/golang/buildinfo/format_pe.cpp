// PE (Windows): debug/pe's header checks, sections as spans, and the
// runtime.pclntab symbol that the default-GOROOT reader needs.

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

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


}  // namespace gs::buildinfo_detail
