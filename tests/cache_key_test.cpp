#include "cache/key.h"

#include <gtest/gtest.h>

namespace gs::cache {
namespace {

TEST(CacheKey, SameFieldsSameKey) {
  Key a = KeyBuilder("d").add("x").add_u64(7).add_bool(true).finish();
  Key b = KeyBuilder("d").add("x").add_u64(7).add_bool(true).finish();
  EXPECT_EQ(a, b);
}

TEST(CacheKey, FieldBoundariesMatter) {
  EXPECT_NE(KeyBuilder("d").add("ab").add("c").finish(), KeyBuilder("d").add("a").add("bc").finish());
  EXPECT_NE(KeyBuilder("d").add("abc").finish(), KeyBuilder("d").add("ab").add("c").finish());
  EXPECT_NE(KeyBuilder("d").add("").finish(), KeyBuilder("d").finish());
  EXPECT_NE(KeyBuilder("d").add("").add("").finish(), KeyBuilder("d").add("").finish());
}

TEST(CacheKey, FieldTypesMatter) {
  EXPECT_NE(KeyBuilder("d").add_u64(1).finish(), KeyBuilder("d").add_i64(1).finish());
  EXPECT_NE(KeyBuilder("d").add_u64(1).finish(), KeyBuilder("d").add_bool(true).finish());
  // Eight raw bytes as a string must not pass for the number they encode.
  std::string le1("\x01\0\0\0\0\0\0\0", 8);
  EXPECT_NE(KeyBuilder("d").add_u64(1).finish(), KeyBuilder("d").add(le1).finish());
}

TEST(CacheKey, DomainSeparatesUsers) {
  EXPECT_NE(KeyBuilder("a").add("x").finish(), KeyBuilder("b").add("x").finish());
  EXPECT_NE(KeyBuilder("ax").finish(), KeyBuilder("a").add("x").finish());
}

TEST(CacheKey, HexIs32LowercaseDigitsHighFirst) {
  Key k{0x0123456789abcdefull, 0xfedcba9876543210ull};
  EXPECT_EQ(k.hex(), "0123456789abcdeffedcba9876543210");
  EXPECT_EQ(Key{}.hex(), std::string(32, '0'));
}

// Pins the canonical encoding: if this changes, every user's cache is
// silently invalidated, which is fine but should be deliberate.
TEST(CacheKey, EncodingIsStable) {
  Key k = KeyBuilder("gostatus/v1").add("GOROOT").add_u64(42).add_i64(-1).add_bool(false).finish();
  EXPECT_EQ(k.hex(), "9f412b70eb28cfff627458e2e3f53aa0");
}

}  // namespace
}  // namespace gs::cache
