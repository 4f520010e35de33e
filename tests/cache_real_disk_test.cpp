// The Store against the real filesystem, in a private temporary directory.
// POSIX only: tests/ has no per-platform file filter, so the file guards
// itself.
#if !defined(_WIN32)

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "cache/store.h"
#include "test_skip.h"

namespace gs::cache {
namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(::write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  ::close(fd);
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class CacheRealDisk : public ::testing::Test {
 protected:
  // Dependencies must be older than the timestamp granularity to be stored,
  // and ctime cannot be set back: make them once and wait out the second.
  static void SetUpTestSuite() {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/gostatus-cache-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    base_ = tmpl;
    for (int i = 0; i < 40; ++i) write_file(dep(i), "dependency " + std::to_string(i));
    write_file(editable(), "edited by one test only");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(base_, ec))
      if (e.is_directory(ec)) ::chmod(e.path().c_str(), 0700);
    fs::remove_all(base_, ec);
  }
  static std::string dep(int i) { return base_ + "/dep" + std::to_string(i); }
  static std::string editable() { return base_ + "/editable"; }

  std::vector<Dependency> deps(int n = 40) {
    std::vector<Dependency> out;
    for (int i = 0; i < n; ++i) out.push_back({dep(i), Observe::stat, disk.stat(dep(i))});
    out.push_back({base_ + "/never-there", Observe::lstat, disk.lstat(base_ + "/never-there")});
    return out;
  }
  std::string cache_dir(const char* name) { return base_ + "/" + name; }

  Disk& disk = real_disk();
  const Key key = KeyBuilder("test").add("real").finish();
  static inline std::string base_;
};

TEST_F(CacheRealDisk, AtomicStoreAndLookup) {
  const std::string dir = cache_dir("atomic") + "/nested/gostatus";
  Store s(disk, dir, {}, base_);   // atomic/nested/ lie below the base: created
  EXPECT_FALSE(s.lookup(key));
  std::vector<Dependency> d = deps();
  d.push_back({editable(), Observe::stat, disk.stat(editable())});
  StoreResult r = s.store(key, d, "payload");
  ASSERT_TRUE(r.stored()) << r.detail;

  struct stat st;
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u) << "directory must be private";
  ASSERT_EQ(::stat(s.entry_path(key).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u) << "entry must be private";
  EXPECT_EQ(names_in(dir), std::vector<std::string>{key.hex() + ".gsc"}) << "no temp file left behind";

  EXPECT_EQ(s.lookup(key), std::optional<std::string>("payload"));
  LookupResult hit = Store(disk, dir).lookup_with_deps(key);
  ASSERT_TRUE(hit.hit()) << hit.detail;
  EXPECT_EQ(hit.deps, d);

  // Overwrite in place, then invalidate by editing a dependency.
  ASSERT_TRUE(s.store(key, d, "second").stored());
  EXPECT_EQ(s.lookup(key), std::optional<std::string>("second"));
  write_file(editable(), "edited");
  LookupResult miss = Store(disk, dir).lookup_with_deps(key);
  EXPECT_EQ(miss.status, LookupStatus::stale);
  EXPECT_NE(miss.detail.find(editable()), std::string::npos) << miss.detail;

  ClearResult c = s.clear();
  EXPECT_TRUE(c.ok) << c.detail;
  EXPECT_TRUE(names_in(dir).empty());
}

TEST_F(CacheRealDisk, EditedDependencyIsRacyUntilASecondHasPassed) {
  const std::string dir = cache_dir("racy");
  const std::string fresh = base_ + "/fresh";
  write_file(fresh, "new");
  std::vector<Dependency> d = deps(3);
  d.push_back({fresh, Observe::stat, disk.stat(fresh)});
  StoreResult r = Store(disk, dir).store(key, d, "p");
  EXPECT_EQ(r.status, StoreStatus::racy) << r.detail;
  EXPECT_TRUE(names_in(dir).empty());
}

TEST_F(CacheRealDisk, ReadOnlyDirectoryFailsGracefully) {
  const std::string dir = cache_dir("readonly");
  ASSERT_EQ(::mkdir(dir.c_str(), 0500), 0);
  StoreResult r = Store(disk, dir).store(key, deps(), "p");
  if (::geteuid() == 0) {
    GS_SKIP_AS_ROOT() << "root writes into a mode 0500 directory anyway (store said: "
                      << (r.stored() ? "stored" : r.detail) << ")";
  }
  EXPECT_EQ(r.status, StoreStatus::io_error);
  EXPECT_FALSE(r.detail.empty());
  EXPECT_TRUE(names_in(dir).empty());
  EXPECT_FALSE(Store(disk, dir).lookup(key));
}

TEST_F(CacheRealDisk, UncreatableDirectoryFailsGracefully) {
  const std::string file = base_ + "/a-file";
  write_file(file, "x");
  StoreResult r = Store(disk, file + "/cache").store(key, deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::io_error);
  EXPECT_NE(r.detail.find("cannot create"), std::string::npos) << r.detail;
  r = Store(disk, file).store(key, deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::no_cache);
  EXPECT_NE(r.detail.find("not a directory"), std::string::npos) << r.detail;
}

TEST_F(CacheRealDisk, FailedRenameRemovesTheTempFile) {
  const std::string dir = cache_dir("rename");
  Store s(disk, dir);
  ASSERT_TRUE(make_cache_dir(disk, dir));
  // A non-empty directory where the entry goes: rename(2) fails even for root.
  const std::string blocker = s.entry_path(key);
  ASSERT_EQ(::mkdir(blocker.c_str(), 0700), 0);
  write_file(blocker + "/x", "x");
  StoreResult r = s.store(key, deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::io_error);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{key.hex() + ".gsc"}) << "temp file removed";
  EXPECT_FALSE(s.lookup(key));
}

TEST_F(CacheRealDisk, GroupWritableOrSymlinkedDirectoryIsRefused) {
  const std::string dir = cache_dir("shared");
  ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0770), 0);
  StoreResult r = Store(disk, dir).store(key, deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::no_cache);
  EXPECT_TRUE(names_in(dir).empty());

  const std::string real = cache_dir("target");
  const std::string link = cache_dir("link");
  ASSERT_EQ(::mkdir(real.c_str(), 0700), 0);
  ASSERT_EQ(::symlink(real.c_str(), link.c_str()), 0);
  r = Store(disk, link).store(key, deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::no_cache);
  EXPECT_TRUE(names_in(real).empty());
}

}  // namespace
}  // namespace gs::cache

#endif  // !_WIN32
