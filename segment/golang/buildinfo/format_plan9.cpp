// Plan 9 a.out: debug/plan9obj's five back-to-back sections as spans.

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

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

}  // namespace gs::buildinfo_detail
