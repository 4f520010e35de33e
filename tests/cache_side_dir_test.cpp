// cache/side_dir: the folders the cache holds beside its entries (the bash
// hook's stamps), which `cache info` counts and `cache clear` removes.
#include "cache/side_dir.h"

#include <gtest/gtest.h>

#include "cache/store.h"
#include "tests/fake_disk.h"

namespace gs::cache {
namespace {

const std::string kSideCacheDir = "/home/u/.cache/gostatus";
const std::string kStamps = kSideCacheDir + "/stamps";

struct SideWorld {
  FakeDisk disk;
  SideWorld() {
    disk.add_dir("/home/u", 0755);
    disk.add_dir("/home/u/.cache", 0700);
  }
  void stamps(std::initializer_list<const char*> names) {
    disk.add_dir(kSideCacheDir, 0700);
    disk.add_dir(kStamps, 0700);
    for (const char* n : names) disk.add_file(kStamps + "/" + n, "");
  }
};

TEST(SideDir, StampNames) {
  EXPECT_TRUE(kStampsDir.owns("1700000000123456789"));
  EXPECT_TRUE(kStampsDir.owns("0"));
  EXPECT_TRUE(kStampsDir.owns("-5"));
  EXPECT_FALSE(kStampsDir.owns(""));
  EXPECT_FALSE(kStampsDir.owns("-"));
  EXPECT_FALSE(kStampsDir.owns("12a"));
  EXPECT_FALSE(kStampsDir.owns("notes.txt"));
  EXPECT_FALSE(kStampsDir.owns("12345678901234567890"));  // longer than any int64
}

TEST(SideDir, PathIsUnderTheCacheDirectory) {
  EXPECT_EQ(side_dir_path(kSideCacheDir, kStampsDir), kStamps);
  EXPECT_EQ(side_dir_path("", kStampsDir), "");
}

TEST(SideDir, MakeCreatesTheCacheDirectoryAndTheSideDirectory) {
  SideWorld w;
  std::string path;
  ASSERT_EQ(make_side_dir(w.disk, kSideCacheDir, kStampsDir, &path), SideDirStatus::ready);
  EXPECT_EQ(path, kStamps);
  EXPECT_TRUE(w.disk.lstat(kSideCacheDir).is_dir());
  EXPECT_TRUE(w.disk.lstat(kStamps).is_dir());
  EXPECT_EQ(w.disk.lstat(kStamps).mode & 0777, 0700u);
}

TEST(SideDir, MakeRefusesNoCacheAndAnUntrustedOne) {
  SideWorld w;
  std::string path;
  EXPECT_EQ(make_side_dir(w.disk, "", kStampsDir, &path), SideDirStatus::no_cache_dir);
  w.disk.add_dir(kSideCacheDir, 0777);
  EXPECT_EQ(make_side_dir(w.disk, kSideCacheDir, kStampsDir, &path), SideDirStatus::untrusted);
  EXPECT_FALSE(w.disk.lstat(kStamps).exists());
}

TEST(SideDir, PruneOnlyOverTheLimitAndKeepsWhatItIsTold) {
  SideWorld w;
  w.stamps({"1", "2", "3"});
  auto keep2 = [](const std::string& p) { return p == kStamps + "/2"; };
  EXPECT_EQ(prune_side_dir(w.disk, kStamps, 3, keep2), 0u);
  EXPECT_TRUE(w.disk.lstat(kStamps + "/1").exists());
  EXPECT_EQ(prune_side_dir(w.disk, kStamps, 2, keep2), 2u);
  EXPECT_FALSE(w.disk.lstat(kStamps + "/1").exists());
  EXPECT_TRUE(w.disk.lstat(kStamps + "/2").exists());
  EXPECT_FALSE(w.disk.lstat(kStamps + "/3").exists());
}

TEST(SideDir, StoreInfoCountsTheStamps) {
  SideWorld w;
  w.stamps({"1", "2", "notes.txt"});
  CacheInfo info = Store(w.disk, kSideCacheDir).info();
  ASSERT_EQ(info.side.size(), 1u);
  EXPECT_EQ(info.side[0].first.name, "stamps");
  EXPECT_EQ(info.side[0].second.files, 2u);  // notes.txt is not a stamp
  EXPECT_EQ(info.entries, 0u);
}

TEST(SideDir, StoreClearRemovesTheStampsAndTheirFolder) {
  SideWorld w;
  w.stamps({"1", "2"});
  ClearResult c = Store(w.disk, kSideCacheDir).clear();
  EXPECT_TRUE(c.ok) << c.detail;
  EXPECT_EQ(c.removed, 0u);
  EXPECT_EQ(c.side_removed, 2u);
  EXPECT_FALSE(w.disk.lstat(kStamps).exists());
  EXPECT_TRUE(w.disk.lstat(kSideCacheDir).is_dir());
}

// The cache directory may be a user's folder: a "stamps" folder of theirs
// loses only files named like stamps, and stays with the rest.
TEST(SideDir, ClearLeavesForeignFilesAndTheirFolder) {
  SideWorld w;
  w.stamps({"1", "notes.txt"});
  w.disk.add_dir(kStamps + "/22", 0700);  // a directory is never a stamp
  SideDirClear c = clear_side_dir(w.disk, kSideCacheDir, kStampsDir);
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.removed, 1u);
  EXPECT_TRUE(w.disk.lstat(kStamps + "/notes.txt").exists());
  EXPECT_TRUE(w.disk.lstat(kStamps + "/22").is_dir());
  EXPECT_TRUE(w.disk.lstat(kStamps).is_dir());
}

TEST(SideDir, ClearNeverFollowsASymlinkedSideDirectory) {
  SideWorld w;
  w.disk.add_dir(kSideCacheDir, 0700);
  w.disk.add_dir("/elsewhere", 0700);
  w.disk.add_file("/elsewhere/1", "");
  w.disk.add_symlink(kStamps, "/elsewhere");
  EXPECT_EQ(count_side_dir(w.disk, kSideCacheDir, kStampsDir).files, 0u);
  SideDirClear c = clear_side_dir(w.disk, kSideCacheDir, kStampsDir);
  EXPECT_EQ(c.removed, 0u);
  EXPECT_TRUE(w.disk.lstat("/elsewhere/1").exists());
  EXPECT_EQ(w.disk.lstat(kStamps).kind, FileKind::symlink);
}

TEST(SideDir, MissingSideDirectoryCountsZeroAndClearsFine) {
  SideWorld w;
  w.disk.add_dir(kSideCacheDir, 0700);
  EXPECT_EQ(count_side_dir(w.disk, kSideCacheDir, kStampsDir).files, 0u);
  SideDirClear c = clear_side_dir(w.disk, kSideCacheDir, kStampsDir);
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.removed, 0u);
}

}  // namespace
}  // namespace gs::cache
