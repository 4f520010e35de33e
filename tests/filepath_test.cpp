// Expected values were produced by Go 1.23's path/filepath on the same inputs.
#include "segment/golang/filepath.h"

#include <gtest/gtest.h>

#include "tests/fake_disk.h"

namespace gs {
namespace {

TEST(FilepathClean, MatchesGo) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "."}, {".", "."}, {"/", "/"}, {"//", "/"}, {"/usr/lib/go/", "/usr/lib/go"},
      {"/usr//lib/./go", "/usr/lib/go"}, {"a/../..", ".."}, {"../a/./b/..", "../a"},
      {"/../x", "/x"}, {"a/b/../../..", ".."}, {"/usr/lib/go-1.23/bin/go/../..", "/usr/lib/go-1.23"},
      {"x/./", "x"}, {"~/go", "~/go"},
  };
  for (auto [in, want] : cases) EXPECT_EQ(fp::clean(in, PathStyle::posix), want) << in;
}

TEST(FilepathClean, WindowsVolumesAndSeparators) {
  EXPECT_EQ(fp::clean("C:\\Go\\", PathStyle::windows), "C:\\Go");
  EXPECT_EQ(fp::clean("c:/a/../b", PathStyle::windows), "c:\\b");
  EXPECT_EQ(fp::clean("C:", PathStyle::windows), "C:.");
  EXPECT_EQ(fp::clean("\\\\host\\share\\x\\..", PathStyle::windows), "\\\\host\\share\\");
  EXPECT_TRUE(fp::is_abs("C:\\Go", PathStyle::windows));
  EXPECT_FALSE(fp::is_abs("C:Go", PathStyle::windows));
  EXPECT_FALSE(fp::is_abs("\\Go", PathStyle::windows));
  EXPECT_TRUE(fp::same_path("C:\\Program Files\\Go", "c:/program files/go/", PathStyle::windows));
}

TEST(FilepathJoin, MatchesGo) {
  EXPECT_EQ(fp::join({"", "a", "", "b/"}, PathStyle::posix), "a/b");
  EXPECT_EQ(fp::join({"/x/bin/go", "../.."}, PathStyle::posix), "/x");
  EXPECT_EQ(fp::join({"/go", "pkg/mod"}, PathStyle::posix), "/go/pkg/mod");
  EXPECT_EQ(fp::join({"", ""}, PathStyle::posix), "");
  EXPECT_EQ(fp::join({"C:\\Users\\Zoë", "go"}, PathStyle::windows), "C:\\Users\\Zoë\\go");
}

TEST(FilepathSplitList, KeepsEmptyEntriesLikeGo) {
  EXPECT_EQ(fp::split_list(":/a::/b:", PathStyle::posix),
            (std::vector<std::string>{"", "/a", "", "/b", ""}));
  EXPECT_TRUE(fp::split_list("", PathStyle::posix).empty());
  EXPECT_EQ(fp::split_list("C:\\a;\"C:\\b;c\";", PathStyle::windows),
            (std::vector<std::string>{"C:\\a", "C:\\b;c", ""}));
}

TEST(FilepathHasPrefixDir, ComponentWise) {
  EXPECT_TRUE(fp::has_prefix_dir("/usr/lib/go/bin", "/usr/lib/go", PathStyle::posix));
  EXPECT_TRUE(fp::has_prefix_dir("/usr/lib/go", "/usr/lib/go/", PathStyle::posix));
  EXPECT_FALSE(fp::has_prefix_dir("/usr/lib/gopath", "/usr/lib/go", PathStyle::posix));
  EXPECT_TRUE(fp::has_prefix_dir("/x", "/", PathStyle::posix));
}

TEST(FilepathEvalSymlinks, FollowsChainsRelativeAndAbsolute) {
  FakeDisk d;
  d.add_exe("/usr/lib/go-1.23/bin/go");
  d.add_symlink("/usr/bin/go", "../lib/go-1.23/bin/go");
  d.add_symlink("/opt/a", "/usr/bin/go");
  d.add_symlink("/opt/dirlink", "/usr/lib");
  std::string out;
  std::vector<std::string> hops;
  ASSERT_TRUE(fp::eval_symlinks(d, "/opt/a", &out, &hops, PathStyle::posix));
  EXPECT_EQ(out, "/usr/lib/go-1.23/bin/go");
  EXPECT_NE(std::find(hops.begin(), hops.end(), "/usr/bin/go"), hops.end());
  ASSERT_TRUE(fp::eval_symlinks(d, "/opt/dirlink/go-1.23/bin/../bin/go", &out, nullptr, PathStyle::posix));
  EXPECT_EQ(out, "/usr/lib/go-1.23/bin/go");
}

TEST(FilepathEvalSymlinks, LoopsAndMissingFailWithoutHanging) {
  FakeDisk d;
  d.add_symlink("/a", "/b");
  d.add_symlink("/b", "/a");
  d.add_symlink("/self", "self");
  std::string out;
  EXPECT_FALSE(fp::eval_symlinks(d, "/a", &out, nullptr, PathStyle::posix));
  EXPECT_FALSE(fp::eval_symlinks(d, "/self", &out, nullptr, PathStyle::posix));
  EXPECT_FALSE(fp::eval_symlinks(d, "/missing/go", &out, nullptr, PathStyle::posix));
  d.add_file("/file", "x");
  EXPECT_FALSE(fp::eval_symlinks(d, "/file/go", &out, nullptr, PathStyle::posix));
}

}  // namespace
}  // namespace gs
