#include "cache/cache_dir.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "tests/fake_disk.h"

namespace gs::cache {
namespace {

GetEnv env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(CacheDirChoice, ExplicitVariableWinsEverywhere) {
  auto e = env({{"GOSTATUS_CACHE_DIR", "/x/c"}, {"XDG_CACHE_HOME", "/xdg"}, {"HOME", "/h"}});
  EXPECT_EQ(default_cache_dir(e, Platform::Linux), "/x/c");
  EXPECT_EQ(default_cache_dir(e, Platform::MacOS), "/x/c");
  EXPECT_EQ(choose_cache_dir(e, Platform::Linux).source, "$GOSTATUS_CACHE_DIR");
  EXPECT_EQ(default_cache_dir(env({{"GOSTATUS_CACHE_DIR", "D:\\c"}}), Platform::Windows), "D:\\c");
}

TEST(CacheDirChoice, LinuxUsesXdgThenHome) {
  EXPECT_EQ(default_cache_dir(env({{"XDG_CACHE_HOME", "/xdg"}, {"HOME", "/h"}}), Platform::Linux),
            "/xdg/gostatus");
  EXPECT_EQ(default_cache_dir(env({{"XDG_CACHE_HOME", "/xdg/"}}), Platform::Linux), "/xdg/gostatus");
  EXPECT_EQ(default_cache_dir(env({{"HOME", "/home/u"}}), Platform::Linux), "/home/u/.cache/gostatus");
  EXPECT_EQ(choose_cache_dir(env({{"HOME", "/home/u"}}), Platform::Linux).source,
            "$HOME/.cache/gostatus");
}

TEST(CacheDirChoice, RelativeOrEmptyValuesAreIgnored) {
  EXPECT_EQ(default_cache_dir(env({{"GOSTATUS_CACHE_DIR", "cache"}, {"HOME", "/h"}}), Platform::Linux),
            "/h/.cache/gostatus");
  EXPECT_EQ(default_cache_dir(env({{"GOSTATUS_CACHE_DIR", ""}, {"HOME", "/h"}}), Platform::Linux),
            "/h/.cache/gostatus");
  EXPECT_EQ(default_cache_dir(env({{"XDG_CACHE_HOME", "rel"}, {"HOME", "/h"}}), Platform::Linux),
            "/h/.cache/gostatus");
  EXPECT_EQ(default_cache_dir(env({{"HOME", "h"}}), Platform::Linux), "");
}

TEST(CacheDirChoice, MacOSUsesLibraryCachesNotXdg) {
  EXPECT_EQ(default_cache_dir(env({{"XDG_CACHE_HOME", "/xdg"}, {"HOME", "/Users/u"}}), Platform::MacOS),
            "/Users/u/Library/Caches/gostatus");
}

TEST(CacheDirChoice, WindowsUsesLocalAppData) {
  EXPECT_EQ(default_cache_dir(env({{"LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"}, {"HOME", "/h"}}),
                              Platform::Windows),
            "C:\\Users\\u\\AppData\\Local\\gostatus");
  EXPECT_EQ(default_cache_dir(env({{"LOCALAPPDATA", "\\\\srv\\share"}}), Platform::Windows),
            "\\\\srv\\share\\gostatus");
  EXPECT_EQ(default_cache_dir(env({{"LOCALAPPDATA", "Local"}}), Platform::Windows), "");
  EXPECT_EQ(default_cache_dir(env({{"HOME", "/h"}}), Platform::Windows), "");
}

TEST(CacheDirChoice, NothingSetMeansNoCache) {
  CacheDirChoice c = choose_cache_dir(env({}), Platform::Linux);
  EXPECT_EQ(c.path, "");
  EXPECT_FALSE(c.source.empty());
  EXPECT_EQ(default_cache_dir(env({}), Platform::MacOS), "");
  EXPECT_EQ(default_cache_dir(env({}), Platform::Windows), "");
}

TEST(CacheDirChoice, AbsolutePaths) {
  EXPECT_TRUE(is_absolute_path("/", Platform::Linux));
  EXPECT_FALSE(is_absolute_path("C:\\x", Platform::Linux));
  EXPECT_TRUE(is_absolute_path("c:/x", Platform::Windows));
  EXPECT_TRUE(is_absolute_path("\\\\?\\C:\\x", Platform::Windows));
  EXPECT_FALSE(is_absolute_path("C:x", Platform::Windows));
  EXPECT_FALSE(is_absolute_path("\\x", Platform::Windows));   // drive-relative
  EXPECT_FALSE(is_absolute_path("", Platform::Windows));
}

class CacheDirTrust : public ::testing::Test {
 protected:
  FakeDisk disk;
};

TEST_F(CacheDirTrust, OwnPrivateDirectoryIsTrusted) {
  disk.add_dir("/c", 0700);
  DirTrust t = check_cache_dir(disk, "/c");
  EXPECT_TRUE(t.trusted());
  EXPECT_EQ(t.reason, "");
  disk.node("/c")->mode = 0755;   // readable by others is fine; writable is not
  EXPECT_TRUE(check_cache_dir(disk, "/c").trusted());
}

TEST_F(CacheDirTrust, WritableByGroupOrOthersIsNotTrusted) {
  for (uint32_t mode : {0777u, 0770u, 0720u, 0702u, 01777u}) {
    disk.add_dir("/c", mode);
    DirTrust t = check_cache_dir(disk, "/c");
    EXPECT_EQ(t.state, DirTrust::State::untrusted) << std::oct << mode;
    EXPECT_NE(t.reason.find("writable"), std::string::npos) << t.reason;
  }
}

TEST_F(CacheDirTrust, OtherOwnerIsNotTrusted) {
  disk.add_dir("/c", 0700);
  disk.node("/c")->uid = 0;
  DirTrust t = check_cache_dir(disk, "/c");
  EXPECT_EQ(t.state, DirTrust::State::untrusted);
  EXPECT_NE(t.reason.find("uid 0"), std::string::npos) << t.reason;
}

TEST_F(CacheDirTrust, SymlinkIsNotTrustedEvenToAGoodDirectory) {
  disk.add_dir("/real", 0700);
  disk.add_symlink("/c", "/real");
  DirTrust t = check_cache_dir(disk, "/c");
  EXPECT_EQ(t.state, DirTrust::State::untrusted);
  EXPECT_NE(t.reason.find("symlink"), std::string::npos) << t.reason;
  // A symlink among the parents is the user's business.
  disk.add_dir("/real/sub", 0700);
  disk.add_symlink("/l", "/real");
  EXPECT_TRUE(check_cache_dir(disk, "/l/sub").trusted());
}

TEST_F(CacheDirTrust, NonDirectoryMissingAndEmpty) {
  disk.add_file("/f", "x");
  EXPECT_EQ(check_cache_dir(disk, "/f").state, DirTrust::State::untrusted);
  disk.add_fifo("/p");
  EXPECT_EQ(check_cache_dir(disk, "/p").state, DirTrust::State::untrusted);
  EXPECT_EQ(check_cache_dir(disk, "/nope").state, DirTrust::State::missing);
  disk.clear_log();
  EXPECT_EQ(check_cache_dir(disk, "").state, DirTrust::State::untrusted);
  EXPECT_TRUE(disk.log.empty());
}

TEST_F(CacheDirTrust, CheckIsOneLstat) {
  disk.add_dir("/c", 0700);
  disk.clear_log();
  check_cache_dir(disk, "/c");
  EXPECT_EQ(disk.log, std::vector<std::string>{"lstat /c"});
}

TEST_F(CacheDirTrust, MakeCreatesParentsPrivately) {
  disk.add_dir("/home/u", 0755);
  ASSERT_TRUE(make_cache_dir(disk, "/home/u/.cache/gostatus", "/home/u"));
  ASSERT_NE(disk.node("/home/u/.cache"), nullptr);
  EXPECT_EQ(disk.node("/home/u/.cache")->mode, 0700u);
  EXPECT_EQ(disk.node("/home/u/.cache/gostatus")->mode, 0700u);
  EXPECT_EQ(disk.node("/home/u")->mode, 0755u);   // existing parents untouched
  EXPECT_TRUE(check_cache_dir(disk, "/home/u/.cache/gostatus").trusted());
}

// HOME=/nonexistent/home must not make gostatus create /nonexistent/home:
// only the folders below an existing base are the cache's own.
TEST_F(CacheDirTrust, MakeCreatesNothingAboveAMissingBase) {
  disk.add_dir("/srv", 0755);
  EXPECT_FALSE(make_cache_dir(disk, "/srv/nohome/.cache/gostatus", "/srv/nohome"));
  EXPECT_EQ(disk.node("/srv/nohome"), nullptr);
  EXPECT_FALSE(make_cache_dir(disk, "/srv/a/b/cache"));   // GOSTATUS_CACHE_DIR: only itself
  EXPECT_EQ(disk.node("/srv/a"), nullptr);
  ASSERT_TRUE(make_cache_dir(disk, "/srv/cache"));
  EXPECT_NE(disk.node("/srv/cache"), nullptr);
}

TEST_F(CacheDirTrust, ChoiceNamesTheBaseItMayCreateUnder) {
  auto env = [](const char* name) -> std::optional<std::string> {
    if (std::string_view(name) != "HOME") return std::nullopt;
    return "/home/u";
  };
  CacheDirChoice c = choose_cache_dir(env, Platform::Linux);
  EXPECT_EQ(c.path, "/home/u/.cache/gostatus");
  EXPECT_EQ(c.base, "/home/u");
}

// The XDG spec: a missing $XDG_CACHE_HOME is created (a fresh account has
// none); its parent must exist.
TEST_F(CacheDirTrust, AMissingXdgCacheHomeIsCreatedUnderAnExistingParent) {
  auto env = [](const char* name) -> std::optional<std::string> {
    if (std::string_view(name) != "XDG_CACHE_HOME") return std::nullopt;
    return "/home/u/.cache/";
  };
  CacheDirChoice c = choose_cache_dir(env, Platform::Linux);
  EXPECT_EQ(c.base, "/home/u");
  disk.add_dir("/home/u", 0755);
  ASSERT_TRUE(make_cache_dir(disk, c.path, c.base));
  EXPECT_NE(disk.node("/home/u/.cache/gostatus"), nullptr);
  EXPECT_FALSE(make_cache_dir(disk, "/nohome/x/gostatus", "/nohome"));
  EXPECT_EQ(disk.node("/nohome"), nullptr);
}

TEST_F(CacheDirTrust, MakeTriesTheDirectoryFirst) {
  disk.add_dir("/home/u", 0755);
  disk.clear_log();
  ASSERT_TRUE(make_cache_dir(disk, "/home/u/c"));
  EXPECT_EQ(disk.log, std::vector<std::string>{"mkdir /home/u/c"});
}

}  // namespace
}  // namespace gs::cache
