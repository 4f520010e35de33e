// util/json: the JSON string reader (encoding/json's decoding of a string,
// decode.go unquoteBytes) and the writer's HTML-escaping switch. The writer's
// per-go-version styles are pinned in goquote_test.cpp.
#include "util/json.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

std::string read(std::string_view s, bool* ok = nullptr, size_t* end = nullptr) {
  size_t i = 0;
  std::string out;
  bool r = read_json_string(s, &i, &out);
  if (ok) *ok = r;
  if (end) *end = i;
  return r ? out : "<error>";
}

TEST(JsonRead, DecodesEscapes) {
  size_t end = 0;
  bool ok = false;
  EXPECT_EQ(read(R"("a\"b\\c\/d\b\f\n\r\t" tail)", &ok, &end), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_TRUE(ok);
  EXPECT_EQ(end, 22u);  // just past the closing quote
  EXPECT_EQ(read(R"("\u00e9\u20AC")"), "\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(read(R"("\ud83d\ude00")"), "\xf0\x9f\x98\x80");  // a surrogate pair is one rune
  EXPECT_EQ(read(R"("")"), "");
}

TEST(JsonRead, ReplacesLoneSurrogatesAndInvalidUtf8) {
  EXPECT_EQ(read(R"("\ud83dx")"), "\xef\xbf\xbdx");       // high surrogate alone
  EXPECT_EQ(read(R"("\ude00")"), "\xef\xbf\xbd");         // low surrogate alone
  EXPECT_EQ(read(R"("\ud83d\u0041")"), "\xef\xbf\xbd" "A");  // not a pair: both kept
  EXPECT_EQ(read("\"a\xff\xc3\""), "a\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(JsonRead, RejectsMalformedStrings) {
  bool ok = true;
  for (std::string_view bad : {R"(x")", R"("abc)", R"("\)", R"("\x41")", R"("\'")", R"("\u12")", R"("\u12g4")",
                               "\"a\nb\"", "\"\t\""}) {
    read(bad, &ok);
    EXPECT_FALSE(ok) << bad;
  }
}

TEST(JsonWrite, HtmlEscapingCanBeTurnedOff) {
  std::string out;
  append_json_string(&out, "<a>&\x01", JsonStyle{.escape_html = false});
  EXPECT_EQ(out, "\"<a>&\\u0001\"");
  out.clear();
  append_json_string(&out, "<a>&", JsonStyle{});
  EXPECT_EQ(out, "\"\\u003ca\\u003e\\u0026\"");
}

// What go env -json writes is read back unchanged.
TEST(JsonRead, RoundTripsTheWriter) {
  const std::string s = "C:\\Users\\Zo\xc3\xab\t<\"x\">\b\f\x01\xe2\x80\xa8\xf0\x9f\x98\x80";
  for (JsonStyle st : {JsonStyle{}, JsonStyle{false, false}, JsonStyle{true, true, false}}) {
    std::string j;
    append_json_string(&j, s, st);
    EXPECT_EQ(read(j), s) << j;
  }
}

}  // namespace
}  // namespace gs
