#include "segment/goquote.h"

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

TEST(GoJson, EscapesLikeEncodingJson) {
  std::string out;
  append_json_string(&out, "<a>&\"\\\n\r\t\x01", false);
  EXPECT_EQ(out, "\"\\u003ca\\u003e\\u0026\\\"\\\\\\n\\r\\t\\u0001\"");
  out.clear();
  append_json_string(&out, "\b\f", true);
  EXPECT_EQ(out, "\"\\b\\f\"");
  out.clear();
  append_json_string(&out, "\b\f", false);
  EXPECT_EQ(out, "\"\\u0008\\u000c\"");
  out.clear();
  append_json_string(&out, "Zo\xc3\xab \xff \xe2\x80\xa8", true);
  EXPECT_EQ(out, "\"Zoë \\ufffd \\u2028\"");
}

}  // namespace
}  // namespace gs
