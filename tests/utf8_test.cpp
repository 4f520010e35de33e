// util/utf8: Go's utf8.DecodeRuneInString and utf8.AppendRune on the edge
// cases (the values are what Go returns; unicode/utf8/utf8_test.go).
#include "util/utf8.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

struct Decoded {
  uint32_t r;
  size_t n;
  bool operator==(const Decoded&) const = default;
};

Decoded dec(std::string_view s, size_t i = 0) {
  Decoded d{};
  d.n = decode_rune(s, i, &d.r);
  return d;
}

void PrintTo(const Decoded& d, std::ostream* os) { *os << "{U+" << std::hex << d.r << ", " << std::dec << d.n << "}"; }

TEST(Utf8, DecodesValidRunesOfEachLength) {
  EXPECT_EQ(dec(std::string_view("\0", 1)), (Decoded{0, 1}));
  EXPECT_EQ(dec("\x7f"), (Decoded{0x7F, 1}));
  EXPECT_EQ(dec("\xc2\x80"), (Decoded{0x80, 2}));
  EXPECT_EQ(dec("\xdf\xbf"), (Decoded{0x7FF, 2}));
  EXPECT_EQ(dec("\xe0\xa0\x80"), (Decoded{0x800, 3}));
  EXPECT_EQ(dec("\xed\x9f\xbf"), (Decoded{0xD7FF, 3}));  // just below the surrogates
  EXPECT_EQ(dec("\xee\x80\x80"), (Decoded{0xE000, 3}));  // just above them
  EXPECT_EQ(dec("\xef\xbf\xbd"), (Decoded{0xFFFD, 3}));  // a real U+FFFD is 3 bytes
  EXPECT_EQ(dec("\xf0\x90\x80\x80"), (Decoded{0x10000, 4}));
  EXPECT_EQ(dec("\xf4\x8f\xbf\xbf"), (Decoded{0x10FFFF, 4}));
  EXPECT_EQ(dec("a\xc3\xa9", 1), (Decoded{0xE9, 2}));  // decodes at an offset
}

TEST(Utf8, InvalidByteIsReplacementOfLengthOne) {
  const Decoded bad{kRuneError, 1};
  EXPECT_EQ(dec("\x80"), bad);                  // stray continuation byte
  EXPECT_EQ(dec("\xbf"), bad);
  EXPECT_EQ(dec("\xc0\x80"), bad);              // overlong NUL
  EXPECT_EQ(dec("\xc1\xbf"), bad);              // overlong 2-byte
  EXPECT_EQ(dec("\xe0\x9f\xbf"), bad);          // overlong 3-byte
  EXPECT_EQ(dec("\xf0\x8f\xbf\xbf"), bad);      // overlong 4-byte
  EXPECT_EQ(dec("\xed\xa0\x80"), bad);          // U+D800, a surrogate
  EXPECT_EQ(dec("\xed\xbf\xbf"), bad);          // U+DFFF
  EXPECT_EQ(dec("\xf4\x90\x80\x80"), bad);      // U+110000
  EXPECT_EQ(dec("\xf5\x80\x80\x80"), bad);      // lead byte past F4
  EXPECT_EQ(dec("\xff"), bad);
  EXPECT_EQ(dec("\xc3"), bad);                  // truncated at the end
  EXPECT_EQ(dec("\xe2\x82"), bad);
  EXPECT_EQ(dec("\xf0\x9f\x98"), bad);
  EXPECT_EQ(dec("\xe2(\xac"), bad);             // bad second byte
  EXPECT_EQ(dec("\xe2\x82("), bad);             // bad third byte
  EXPECT_EQ(dec("\xf0\x9f\x98("), bad);         // bad fourth byte
  EXPECT_EQ(dec("x\xe2\x82", 1), bad);          // truncated at an offset
}

TEST(Utf8, AppendRuneEncodesAndReplacesInvalid) {
  auto enc = [](uint32_t r) {
    std::string s;
    append_rune(&s, r);
    return s;
  };
  EXPECT_EQ(enc(0), std::string(1, '\0'));
  EXPECT_EQ(enc('A'), "A");
  EXPECT_EQ(enc(0x7FF), "\xdf\xbf");
  EXPECT_EQ(enc(0x800), "\xe0\xa0\x80");
  EXPECT_EQ(enc(0xFFFF), "\xef\xbf\xbf");
  EXPECT_EQ(enc(0x10000), "\xf0\x90\x80\x80");
  EXPECT_EQ(enc(0x10FFFF), "\xf4\x8f\xbf\xbf");
  EXPECT_EQ(enc(0xD800), "\xef\xbf\xbd");    // surrogate
  EXPECT_EQ(enc(0xDFFF), "\xef\xbf\xbd");
  EXPECT_EQ(enc(0x110000), "\xef\xbf\xbd");  // past the last rune
  EXPECT_EQ(enc(0xFFFFFFFF), "\xef\xbf\xbd");
  // Every valid rune round-trips through the decoder.
  for (uint32_t r : {0x24u, 0xA2u, 0x20ACu, 0xD7FFu, 0xE000u, 0x10348u, 0x10FFFFu}) {
    std::string s = enc(r);
    EXPECT_EQ(dec(s), (Decoded{r, s.size()})) << r;
  }
}

}  // namespace
}  // namespace gs
