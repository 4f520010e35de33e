#include "segment/golang/strconv.h"
#include "segment/golang/rules.h"
#include "util/json.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

TEST(GoQuote, EscapesLikeStrconvQuote) {
  EXPECT_EQ(go_quote("~/go"), "\"~/go\"");
  EXPECT_EQ(go_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(go_quote("local\r"), "\"local\\r\"");
  EXPECT_EQ(go_quote("\x01"), "\"\\x01\"");
  EXPECT_EQ(go_quote("\xff"), "\"\\xff\"");
  EXPECT_EQ(go_quote("Zoë"), "\"Zoë\"");
}

// strconv.IsPrint from Go's own tables (isprint_table.h). The old
// approximation printed U+3000 (a space other than U+0020), U+0378
// (unassigned), U+2066 and U+E0001 (format characters) as they were; go1.27
// escapes them. Expected text: the stderr of
//   GOTOOLCHAIN=$'go1.2x\u3000\u0378\u2066\ue000\u00a0\U0001F600\U000E0001\u20ac\u0301\u200b' go env GOROOT
TEST(GoQuote, EscapesExactlyTheRunesGoDoesNotPrint) {
  const std::string tc = "go1.2x\xe3\x80\x80\xcd\xb8\xe2\x81\xa6\xee\x80\x80\xc2\xa0\xf0\x9f\x98\x80\xf3\xa0\x80\x81"
                         "\xe2\x82\xac\xcc\x81\xe2\x80\x8b";
  EXPECT_EQ("go: invalid GOTOOLCHAIN " + go_quote(tc),
            "go: invalid GOTOOLCHAIN \"go1.2x\\u3000\\u0378\\u2066\\ue000\\u00a0\xf0\x9f\x98\x80\\U000e0001"
            "\xe2\x82\xac\xcc\x81\\u200b\"");
  EXPECT_TRUE(is_print(0x20AC));
  EXPECT_FALSE(is_print(0x3000));
  EXPECT_FALSE(is_print(0x0378));
  EXPECT_TRUE(is_print(0x1F600));
  EXPECT_FALSE(is_print(0xE0001));
  EXPECT_TRUE(is_print(0x20000));  // CJK Extension B: the isPrint32 fast path
  EXPECT_FALSE(is_print(0x110000));
  EXPECT_EQ(go_quote_rune(0xE9), "'\xc3\xa9'");
  EXPECT_EQ(go_quote_rune('\''), "'\\''");
  EXPECT_EQ(go_quote_rune(0x85), "'\\u0085'");
}

TEST(GoJson, EscapesLikeEncodingJson) {
  std::string out;
  append_json_string(&out, "<a>&\"\\\n\r\t\x01", JsonStyle{false, false});
  EXPECT_EQ(out, "\"\\u003ca\\u003e\\u0026\\\"\\\\\\n\\r\\t\\u0001\"");
  out.clear();
  append_json_string(&out, "\b\f", JsonStyle{true, false});
  EXPECT_EQ(out, "\"\\b\\f\"");
  out.clear();
  append_json_string(&out, "\b\f", JsonStyle{false, false});
  EXPECT_EQ(out, "\"\\u0008\\u000c\"");
  out.clear();
  append_json_string(&out, "Zo\xc3\xab \xff \xe2\x80\xa8", JsonStyle{true, false});
  EXPECT_EQ(out, "\"Zoë \\ufffd \\u2028\"");
}

// go1.27's json/v2-backed encoder (encoding/json/v2_encode.go) writes each
// invalid byte as the raw bytes of U+FFFD; a valid U+FFFD, U+2028 and the
// HTML characters are written as before.
TEST(GoJson, Go127WritesInvalidUtf8AsRawReplacementChar) {
  std::string out;
  append_json_string(&out, "a\xff\xfe<\xed\xa0\x80\xef\xbf\xbd\xe2\x80\xa8\xc3(", JsonStyle{true, true});
  EXPECT_EQ(out, "\"a\xef\xbf\xbd\xef\xbf\xbd\\u003c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\\u2028\xef\xbf\xbd(\"");
}

TEST(GoJson, RulesPickTheEncoderByVersion) {
  EXPECT_FALSE(go_rules("go1.21.13").json_short_bf);
  EXPECT_TRUE(go_rules("go1.22.12").json_short_bf);
  EXPECT_FALSE(go_rules("go1.26.11").json_raw_replacement);
  EXPECT_TRUE(go_rules("go1.27.4").json_raw_replacement);
  EXPECT_TRUE(go_rules("").json_raw_replacement);  // unknown: the newest rules
}

}  // namespace
}  // namespace gs
