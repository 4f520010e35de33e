#include "segment/golang/version.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

TEST(GoVersion, OrderingFollowsGover) {
  EXPECT_LT(compare_go_versions("1.21", "1.21rc1"), 0);
  EXPECT_LT(compare_go_versions("1.21rc1", "1.21.0"), 0);
  EXPECT_LT(compare_go_versions("1.21.0", "1.21.3"), 0);
  EXPECT_LT(compare_go_versions("1.9", "1.10"), 0);
  EXPECT_EQ(compare_go_versions("1.20", "1.20.0"), 0);  // before 1.21 a missing patch is .0
  EXPECT_LT(compare_go_versions("1.21beta1", "1.21rc1"), 0);
  EXPECT_GT(compare_go_versions("1.23.5", "1.22.12"), 0);
}

TEST(GoVersion, RejectsMalformed) {
  EXPECT_FALSE(parse_go_version("01.2").valid());
  EXPECT_FALSE(parse_go_version("1.2.3rc1").valid());
  EXPECT_FALSE(parse_go_version("1.x").valid());
  EXPECT_FALSE(parse_go_version("").valid());
  EXPECT_TRUE(is_lang_version("1.22"));
  EXPECT_FALSE(is_lang_version("1.22.0"));
}

TEST(GoVersion, FromToolchainName) {
  EXPECT_EQ(version_from_toolchain("go1.23.5"), "1.23.5");
  EXPECT_EQ(version_from_toolchain("go1.21.1-custom"), "1.21.1");
  EXPECT_EQ(version_from_toolchain("go1.21.1 X:boring"), "1.21.1");
  EXPECT_EQ(version_from_toolchain("local"), "");
  EXPECT_EQ(version_from_toolchain("go1.22\r"), "");  // a CRLF env file's value
  EXPECT_EQ(version_from_toolchain("../go1.22"), "");
}

TEST(GoVersion, ToolchainAtLeast) {
  EXPECT_TRUE(toolchain_at_least("go1.21.13", 21));
  EXPECT_FALSE(toolchain_at_least("go1.19.8", 21));
  EXPECT_TRUE(toolchain_at_least("devel go1.24-abcdef", 22));
  EXPECT_FALSE(toolchain_at_least("", 21));
  // A minor too long for an int is large, not undefined (found by fuzzing).
  EXPECT_TRUE(toolchain_at_least("go1.21444444444444444444", 21));
}

}  // namespace
}  // namespace gs
