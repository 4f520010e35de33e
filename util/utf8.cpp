// Go's utf8.DecodeRuneInString and utf8.AppendRune (unicode/utf8/utf8.go).
#include "util/utf8.h"

namespace gs {

size_t decode_rune(std::string_view s, size_t i, uint32_t* r) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t n = s.size() - i;
  const unsigned char c0 = p[0];
  *r = kRuneError;
  if (c0 < 0x80) {
    *r = c0;
    return 1;
  }
  // utf8.go's first/acceptRanges tables: the size a leading byte announces
  // and the range its second byte must lie in (which excludes overlongs,
  // surrogates and values past U+10FFFF).
  size_t size;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c0 < 0xC2) return 1;  // continuation byte, or an overlong 2-byte lead
  if (c0 < 0xE0) {
    size = 2;
  } else if (c0 < 0xF0) {
    size = 3;
    if (c0 == 0xE0) lo = 0xA0;
    if (c0 == 0xED) hi = 0x9F;
  } else if (c0 < 0xF5) {
    size = 4;
    if (c0 == 0xF0) lo = 0x90;
    if (c0 == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  if (n < size || p[1] < lo || p[1] > hi) return 1;
  if (size == 2) {
    *r = uint32_t{c0 & 0x1Fu} << 6 | (p[1] & 0x3Fu);
    return 2;
  }
  if (p[2] < 0x80 || p[2] > 0xBF) return 1;
  if (size == 3) {
    *r = uint32_t{c0 & 0x0Fu} << 12 | uint32_t{p[1] & 0x3Fu} << 6 | (p[2] & 0x3Fu);
    return 3;
  }
  if (p[3] < 0x80 || p[3] > 0xBF) return 1;
  *r = uint32_t{c0 & 0x07u} << 18 | uint32_t{p[1] & 0x3Fu} << 12 | uint32_t{p[2] & 0x3Fu} << 6 | (p[3] & 0x3Fu);
  return 4;
}

void append_rune(std::string* out, uint32_t r) {
  if (!valid_rune(r)) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | r >> 6));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | r >> 12));
    out->push_back(static_cast<char>(0x80 | (r >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | r >> 18));
    out->push_back(static_cast<char>(0x80 | (r >> 12 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

}  // namespace gs
