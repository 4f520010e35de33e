// XCOFF (AIX): internal/xcoff's header and sections as spans.

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

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

}  // namespace gs::buildinfo_detail
