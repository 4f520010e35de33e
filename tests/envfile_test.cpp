#include "segment/golang/envfile.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

TEST(EnvFile, SplitsAtFirstEqualsAndKeepsValuesVerbatim) {
  EnvFile f = parse_env_file("GOPATH=/a=b\nGOFLAGS= -mod=mod \nGOPROXY=\"q\"\n");
  ASSERT_NE(f.find("GOPATH"), nullptr);
  EXPECT_EQ(*f.find("GOPATH"), "/a=b");
  EXPECT_EQ(*f.find("GOFLAGS"), " -mod=mod ");
  EXPECT_EQ(*f.find("GOPROXY"), "\"q\"");
  EXPECT_FALSE(f.crlf);
}

TEST(EnvFile, IgnoresCommentsLowercaseAndLinesWithoutEquals) {
  EnvFile f = parse_env_file("# GOPATH=/x\ngopath=/y\n GOBIN=/z\nGOBIN\n\n_GO=1\nGOBIN=/ok");
  EXPECT_EQ(f.find("gopath"), nullptr);
  EXPECT_EQ(f.find("_GO"), nullptr);
  ASSERT_NE(f.find("GOBIN"), nullptr);
  EXPECT_EQ(*f.find("GOBIN"), "/ok");  // last line, no trailing newline
  EXPECT_EQ(f.entries.size(), 1u);
}

TEST(EnvFile, CrlfLeavesCarriageReturnOnValues) {
  EnvFile f = parse_env_file("GOTOOLCHAIN=local\r\nGOPATH=/p\r\n");
  EXPECT_TRUE(f.crlf);
  EXPECT_EQ(*f.find("GOTOOLCHAIN"), "local\r");
  EXPECT_EQ(*f.find("GOPATH"), "/p\r");
}

TEST(EnvFile, LastDuplicateWins) {
  EnvFile f = parse_env_file("GOPATH=/first\nGOPATH=/second\n");
  EXPECT_EQ(*f.find("GOPATH"), "/second");
}

TEST(EnvFile, EmptyValueIsPresent) {
  EnvFile f = parse_env_file("GOPROXY=\n");
  ASSERT_NE(f.find("GOPROXY"), nullptr);
  EXPECT_EQ(*f.find("GOPROXY"), "");
}

}  // namespace
}  // namespace gs
