#include "cache/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "tests/fake_disk.h"
#include "util/recording_disk.h"

namespace gs::cache {
namespace {

constexpr int64_t kSec = 1'000'000'000;
const std::string kDir = "/home/u/.cache/gostatus";
// Store names its files with the host's separator (FakeDisk takes both on Windows).
#ifdef _WIN32
const std::string kSep = "\\";
#else
const std::string kSep = "/";
#endif

// A fake filesystem with a few dependency files old enough to be trusted.
struct World {
  FakeDisk disk;
  World() {
    disk.add_dir("/home/u", 0755);
    disk.add_dir("/home/u/.cache", 0700);
    disk.add_file("/src/a", "aaa");
    disk.add_file("/src/b", "bbbb");
    disk.add_symlink("/src/link", "/src/a");
    disk.clock_ns += 10 * kSec;
  }
  Dependency observe(const std::string& path, Observe how = Observe::stat) {
    return {path, how, how == Observe::stat ? disk.stat(path) : disk.lstat(path)};
  }
  std::vector<Dependency> deps() {
    return {observe("/src/a"), observe("/src/b"), observe("/src/link", Observe::lstat),
            observe("/src/missing")};
  }
  // Stores payload under key k with deps(), in a fresh Store, and clears the log.
  void put(const Key& k, std::string_view payload, StoreLimits limits = {}) {
    Store s(disk, kDir, limits);
    StoreResult r = s.store(k, deps(), payload);
    ASSERT_TRUE(r.stored()) << r.detail;
    disk.clear_log();
  }
  std::string entry(const Key& k) { return Store(disk, kDir).entry_path(k); }
  bool has_op(const std::string& op) const { return disk.count(op) > 0; }
};

Key key(std::string_view s = "k") { return KeyBuilder("test").add(s).finish(); }

// Dependency with explicit timestamps, for the racy-timestamp rule.
Dependency dep_at(int64_t mtime, int64_t ctime) {
  Dependency d{"/src/a", Observe::stat, {}};
  d.seen.kind = FileKind::regular;
  d.seen.mtime_ns = mtime;
  d.seen.ctime_ns = ctime;
  return d;
}

TEST(CacheStore, RoundTrip) {
  World w;
  Store s(w.disk, kDir);
  StoreResult r = s.store(key(), w.deps(), "hello");
  ASSERT_TRUE(r.stored()) << r.detail;
  EXPECT_EQ(r.detail, "");
  EXPECT_EQ(s.lookup(key()), std::optional<std::string>("hello"));
  EXPECT_EQ(Store(w.disk, kDir).lookup(key()), std::optional<std::string>("hello"));
  EXPECT_EQ(s.lookup(KeyBuilder("test").add("other").finish()), std::nullopt);
}

TEST(CacheStore, LookupWithDepsReturnsTheRecordedDependencies) {
  World w;
  std::vector<Dependency> deps = w.deps();
  ASSERT_TRUE(Store(w.disk, kDir).store(key(), deps, "p").stored());
  LookupResult r = Store(w.disk, kDir).lookup_with_deps(key());
  ASSERT_TRUE(r.hit()) << r.detail;
  EXPECT_EQ(r.payload, "p");
  EXPECT_EQ(r.deps, deps);
  EXPECT_EQ(r.detail, "");
}

TEST(CacheStore, EntryFileIsNamedByKeyHex) {
  World w;
  EXPECT_EQ(w.entry(key()), kDir + kSep + key().hex() + ".gsc");
  EXPECT_TRUE(Store::is_entry_name(key().hex() + ".gsc"));
  EXPECT_FALSE(Store::is_entry_name(key().hex()));
  EXPECT_FALSE(Store::is_entry_name("ABCDEF0123456789ABCDEF0123456789.gsc"));
  EXPECT_TRUE(Store::is_temp_name(".gostatus-tmp.1-2-00000000deadbeef"));
  EXPECT_FALSE(Store::is_temp_name(".gostatus-tmp."));
  EXPECT_FALSE(Store::is_temp_name(".gostatus-tmp.1-2-3"));
  EXPECT_FALSE(Store::is_temp_name("tmp.1-2-00000000deadbeef"));
}

// The hot path, pinned exactly: the trust check (once per Store), one read,
// one stat or lstat per dependency as recorded, in order. Nothing else.
TEST(CacheStore, HitMakesExactlyTheseObservations) {
  World w;
  w.put(key(), "p");
  Store s(w.disk, kDir);
  ASSERT_TRUE(s.lookup(key()));
  const std::vector<std::string> dep_stats = {"stat /src/a", "stat /src/b", "lstat /src/link",
                                              "stat /src/missing"};
  std::vector<std::string> first = {"lstat " + kDir, "open " + w.entry(key())};
  first.insert(first.end(), dep_stats.begin(), dep_stats.end());
  EXPECT_EQ(w.disk.log, first);

  w.disk.clear_log();
  ASSERT_TRUE(s.lookup(key()));
  std::vector<std::string> again = {"open " + w.entry(key())};
  again.insert(again.end(), dep_stats.begin(), dep_stats.end());
  EXPECT_EQ(w.disk.log, again);

  w.disk.clear_log();
  ASSERT_TRUE(s.lookup_with_deps(key()).hit());
  EXPECT_EQ(w.disk.log, again);
}

TEST(CacheStore, LookupNeverWritesListsOrRemoves) {
  World w;
  w.put(key(), "p");
  w.disk.touch("/src/b");   // also exercise the miss path
  Store s(w.disk, kDir);
  EXPECT_FALSE(s.lookup(key()));
  EXPECT_FALSE(s.lookup(KeyBuilder("test").add("absent").finish()));
  for (const char* op : {"listdir", "create", "rename", "remove", "mkdir"})
    EXPECT_FALSE(w.has_op(op)) << op;
}

TEST(CacheStore, MissStopsAtTheFirstChangedDependency) {
  World w;
  w.put(key(), "p");
  w.disk.node("/src/a")->mtime_ns += 1;
  Store s(w.disk, kDir);
  s.trust();
  w.disk.clear_log();
  LookupResult r = s.lookup_with_deps(key());
  EXPECT_EQ(r.status, LookupStatus::stale);
  EXPECT_TRUE(r.deps.empty());
  EXPECT_EQ(r.payload, "");
  EXPECT_EQ(r.detail, "/src/a: mtime changed");
  EXPECT_EQ(w.disk.log, (std::vector<std::string>{"open " + w.entry(key()), "stat /src/a"}));
}

TEST(CacheStore, EveryDependencyChangeIsAMiss) {
  const std::vector<std::pair<const char*, std::function<void(FakeDisk&)>>> changes = {
      {"size", [](FakeDisk& d) { d.node("/src/b")->content += "x"; }},
      {"mtime", [](FakeDisk& d) { d.node("/src/b")->mtime_ns += 1; }},
      {"ctime", [](FakeDisk& d) { d.node("/src/b")->ctime_ns += 1; }},
      {"inode", [](FakeDisk& d) { d.node("/src/b")->ino += 1000; }},
      {"kind", [](FakeDisk& d) { d.node("/src/b")->kind = FileKind::other; }},
      {"mode", [](FakeDisk& d) { d.node("/src/b")->mode = 0600; }},
      {"owner", [](FakeDisk& d) { d.node("/src/b")->uid = 0; }},
      {"appear", [](FakeDisk& d) { d.add_file("/src/missing", ""); }},
      {"disappear", [](FakeDisk& d) { d.erase("/src/b"); }},
      {"became a dir", [](FakeDisk& d) { d.erase("/src/b"); d.add_dir("/src/b"); }},
      {"replaced", [](FakeDisk& d) { d.erase("/src/b"); d.add_file("/src/b", "bbbb"); }},
      {"link retargeted", [](FakeDisk& d) { d.erase("/src/link"); d.add_symlink("/src/link", "/src/b"); }},
      {"link target edited", [](FakeDisk& d) { d.node("/src/a")->content = "AAAA"; }},
      {"touched", [](FakeDisk& d) { d.touch("/src/a"); }},
  };
  for (const auto& [what, change] : changes) {
    World w;
    w.put(key(), "p");
    ASSERT_TRUE(Store(w.disk, kDir).lookup(key())) << what;
    change(w.disk);
    LookupResult r = Store(w.disk, kDir).lookup_with_deps(key());
    EXPECT_EQ(r.status, LookupStatus::stale) << what;
    EXPECT_FALSE(r.hit()) << what;
  }
}

TEST(CacheStore, UnchangedTimestampsButNewParentEntryIsStillAHit) {
  // Adding an unrelated file must not invalidate: only recorded paths count.
  World w;
  w.put(key(), "p");
  w.disk.add_file("/src/unrelated", "z");
  EXPECT_TRUE(Store(w.disk, kDir).lookup(key()));
}

// Directories are compared by what the answer can depend on (still_holds):
// one only stat'ed (a component on the way to a go under $HOME, a GOROOT)
// by kind, identity, mode and owner; one whose entries were read (GOPATH/bin
// checked for programs, a version manager's install folder) by its mtime too.
struct DirWorld : World {
  DirWorld() {
    disk.add_dir("/home/u/sdk");
    disk.add_dir("/home/u/go/bin");
    disk.clock_ns += 10 * kSec;
  }
  std::vector<Dependency> dir_deps() {
    std::vector<Dependency> d = deps();
    d.push_back(observe("/home/u", Observe::lstat));
    d.push_back(observe("/home/u/sdk"));
    Dependency listed = observe("/home/u/go/bin");
    listed.listed = true;
    d.push_back(listed);
    return d;
  }
  void put_dirs() {
    ASSERT_TRUE(Store(disk, kDir).store(key(), dir_deps(), "p").stored());
    disk.clock_ns += 10 * kSec;
  }
};

TEST(CacheStore, UnrelatedChangesInADirectoryOnlyStatedAreStillAHit) {
  const std::vector<std::pair<const char*, std::function<void(FakeDisk&)>>> unrelated = {
      {"a file created in $HOME", [](FakeDisk& d) { d.add_file("/home/u/.zsh_history.LOCK", ""); }},
      {"a file created in the stat'ed sdk dir", [](FakeDisk& d) { d.add_file("/home/u/sdk/notes.txt", "x"); }},
      {"ctime only", [](FakeDisk& d) { d.node("/home/u/sdk")->ctime_ns += 1; }},
  };
  for (const auto& [what, change] : unrelated) {
    DirWorld w;
    w.put_dirs();
    change(w.disk);
    LookupResult r = Store(w.disk, kDir).lookup_with_deps(key());
    EXPECT_TRUE(r.hit()) << what << ": " << r.detail;
    // The hook gets what is there now, not what was recorded.
    for (const Dependency& d : r.deps)
      EXPECT_EQ(d.seen, d.how == Observe::lstat ? w.disk.lstat(d.path) : w.disk.stat(d.path)) << what << d.path;
  }
}

TEST(CacheStore, WhatMattersInADirectoryIsAMiss) {
  const std::vector<std::pair<const char*, std::function<void(FakeDisk&)>>> changes = {
      {"an entry created in the listed dir", [](FakeDisk& d) { d.add_exe("/home/u/go/bin/hello"); }},
      {"the listed dir's mtime", [](FakeDisk& d) { d.node("/home/u/go/bin")->mtime_ns += 1; }},
      {"the stat'ed dir replaced", [](FakeDisk& d) { d.erase("/home/u/sdk"); d.add_dir("/home/u/sdk"); }},
      {"the stat'ed dir's mode", [](FakeDisk& d) { d.node("/home/u/sdk")->mode = 0700; }},
      {"the stat'ed dir's owner", [](FakeDisk& d) { d.node("/home/u/sdk")->uid = 0; }},
      {"the stat'ed dir became a file", [](FakeDisk& d) { d.erase("/home/u/sdk"); d.add_file("/home/u/sdk", ""); }},
      {"the listed dir's mode", [](FakeDisk& d) { d.node("/home/u/go/bin")->mode = 0300; }},
      {"the listed dir's ctime (an ACL)", [](FakeDisk& d) { d.node("/home/u/go/bin")->ctime_ns += 1; }},
  };
  for (const auto& [what, change] : changes) {
    DirWorld w;
    w.put_dirs();
    ASSERT_TRUE(Store(w.disk, kDir).lookup(key())) << what;
    change(w.disk);
    EXPECT_EQ(Store(w.disk, kDir).lookup_status(key()).status, LookupStatus::stale) << what;
  }
}

TEST(CacheStore, ADirectoryWithoutIdentityIsComparedInFull) {
  // Windows cannot always read a file index (dev = ino = 0): then nothing
  // tells a replaced directory from the same one, and every field counts.
  FileStat dir;
  dir.kind = FileKind::directory;
  dir.mtime_ns = 5;
  FileStat later = dir;
  later.mtime_ns = 6;
  EXPECT_FALSE(still_holds(dir, false, later));
  dir.ino = later.ino = 9;
  EXPECT_TRUE(still_holds(dir, false, later));
  EXPECT_FALSE(still_holds(dir, true, later));
}

// A miss says which field moved: the same rule as still_holds(), so a
// directory passed through never blames its mtime, and a listed one does.
TEST(CacheStore, TheMissNamesTheFieldThatMoved) {
  FileStat dir;
  dir.kind = FileKind::directory;
  dir.ino = 9;
  FileStat later = dir;
  later.mtime_ns = 6;
  EXPECT_EQ(changed_field(dir, false, later), nullptr);
  EXPECT_STREQ(changed_field(dir, true, later), "mtime");
  later.mode = 0700;
  EXPECT_STREQ(changed_field(dir, false, later), "mode");
  FileStat file;
  file.kind = FileKind::regular;
  file.size = 10;
  FileStat grown = file;
  grown.size = 11;
  grown.ino = 3;
  EXPECT_STREQ(changed_field(file, false, grown), "size");
  grown.size = 10;
  EXPECT_STREQ(changed_field(file, false, grown), "inode");
  EXPECT_EQ(changed_field(file, false, file), nullptr);
  later.kind = FileKind::regular;
  EXPECT_STREQ(changed_field(dir, false, later), "kind");
}

TEST(CacheStore, RacyRuleAppliesToWhatIsCompared) {
  // A directory only stat'ed may have been written a moment ago ($HOME, on
  // every command a shell saves its history): its timestamps are not
  // compared, so they cannot be racy. A listed one's mtime is.
  DirWorld w;
  w.disk.add_file("/home/u/sdk/fresh", "");
  w.disk.add_file("/home/u/fresh", "");
  Store s(w.disk, kDir);
  std::vector<Dependency> deps = w.deps();
  deps.push_back(w.observe("/home/u", Observe::lstat));
  deps.push_back(w.observe("/home/u/sdk"));
  EXPECT_TRUE(s.store(key(), deps, "p").stored());

  w.disk.add_exe("/home/u/go/bin/fresh");
  Dependency listed = w.observe("/home/u/go/bin");
  listed.listed = true;
  deps.push_back(listed);
  StoreResult r = s.store(key(), deps, "p");
  EXPECT_EQ(r.status, StoreStatus::racy) << r.detail;
}

TEST(CacheStore, AListedDuplicateMakesTheStoredDependencyListed) {
  DirWorld w;
  Dependency stated = w.observe("/home/u/go/bin");
  Dependency listed = stated;
  listed.listed = true;
  std::vector<Dependency> deps = {stated, listed};
  ASSERT_TRUE(Store(w.disk, kDir).store(key(), deps, "p").stored());
  LookupResult r = Store(w.disk, kDir).lookup_with_deps(key());
  ASSERT_TRUE(r.hit()) << r.detail;
  ASSERT_EQ(r.deps.size(), 1u);
  EXPECT_TRUE(r.deps[0].listed);
}

TEST(CacheStore, LookupStatusCopiesNoDependencies) {
  World w;
  w.put(key(), "p");
  Store s(w.disk, kDir);
  LookupResult r = s.lookup_status(key());
  ASSERT_TRUE(r.hit()) << r.detail;
  EXPECT_EQ(r.payload, "p");
  EXPECT_TRUE(r.deps.empty());
  w.disk.touch("/src/b");
  r = s.lookup_status(key());
  EXPECT_EQ(r.status, LookupStatus::stale);
  EXPECT_EQ(r.detail, "/src/b: mtime changed");
}

TEST(RecordingDisk, AListedDirectoryIsRecordedAsListed) {
  FakeDisk disk;
  disk.add_exe("/home/u/go/bin/hello");
  disk.add_dir("/sdk");
  RecordingDisk rec(disk);
  rec.stat("/home/u/go/bin");
  rec.stat("/sdk");
  std::vector<DirEntry> names;
  ASSERT_TRUE(rec.list_dir("/home/u/go/bin", &names));
  ASSERT_EQ(rec.observations().size(), 2u);
  EXPECT_TRUE(rec.observations()[0].listed);
  EXPECT_FALSE(rec.observations()[1].listed);
  // Listed without a stat first: the stat is recorded by the listing.
  RecordingDisk rec2(disk);
  ASSERT_TRUE(rec2.list_dir("/home/u/go/bin", &names));
  ASSERT_EQ(rec2.observations().size(), 1u);
  EXPECT_TRUE(rec2.observations()[0].listed);
  EXPECT_TRUE(rec2.observations()[0].follow);
  EXPECT_EQ(rec2.observations()[0].seen, disk.stat("/home/u/go/bin"));
}

TEST(CacheStore, RacyTimestampsAreNotStored) {
  World w;
  w.disk.add_file("/src/fresh", "just written");
  Store s(w.disk, kDir);
  std::vector<Dependency> deps = w.deps();
  deps.push_back(w.observe("/src/fresh"));
  w.disk.clear_log();
  StoreResult r = s.store(key(), deps, "p");
  EXPECT_EQ(r.status, StoreStatus::racy);
  EXPECT_NE(r.detail.find("/src/fresh"), std::string::npos) << r.detail;
  EXPECT_TRUE(w.disk.log.empty()) << "a refused store touches nothing";
  EXPECT_FALSE(s.lookup(key()));

  w.disk.clock_ns += 2 * kSec;   // the same observation, now safely in the past
  EXPECT_TRUE(s.store(key(), deps, "p").stored());
}

TEST(CacheStore, RacyBoundaryIsOneSecondAndIncludesTheFuture) {
  World w;
  Store s(w.disk, kDir);
  const int64_t now = w.disk.clock_ns;
  const int64_t old = now - 100 * kSec;
  EXPECT_EQ(s.store(key(), std::vector{dep_at(now - kSec, old)}, "p").status, StoreStatus::racy);
  EXPECT_EQ(s.store(key(), std::vector{dep_at(old, now - kSec)}, "p").status, StoreStatus::racy);
  EXPECT_EQ(s.store(key(), std::vector{dep_at(now + 5 * kSec, old)}, "p").status, StoreStatus::racy);
  EXPECT_EQ(s.store(key(), std::vector{dep_at(old, now + 5 * kSec)}, "p").status, StoreStatus::racy);
  EXPECT_TRUE(s.store(key(), std::vector{dep_at(now - kSec - 1, now - kSec - 1)}, "p").stored());
}

TEST(CacheStore, RacyRuleUsesTheObservationTimeWhenGiven) {
  World w;
  Store s(w.disk, kDir);
  const int64_t now = w.disk.clock_ns;
  std::vector<Dependency> d{dep_at(now - 3 * kSec / 2, now - 3 * kSec / 2)};
  EXPECT_EQ(s.store(key(), d, "p", now - kSec).status, StoreStatus::racy);
  EXPECT_TRUE(s.store(key(), d, "p", now).stored());
  // An observation time in the future cannot make anything safer.
  const int64_t later = w.disk.clock_ns;   // each store advanced the fake clock
  EXPECT_EQ(s.store(key(), std::vector{dep_at(later, later)}, "p", later + 100 * kSec).status,
            StoreStatus::racy);
}

TEST(CacheStore, TruncatedEntryAtEveryLengthIsAMiss) {
  World w;
  w.put(key(), "some payload");
  const std::string path = w.entry(key());
  const std::string full = w.disk.node(path)->content;
  ASSERT_GT(full.size(), 100u);
  for (size_t n = 0; n < full.size(); ++n) {
    w.disk.node(path)->content = full.substr(0, n);
    LookupResult r = Store(w.disk, kDir).lookup_with_deps(key());
    EXPECT_EQ(r.status, LookupStatus::invalid) << n;
  }
  w.disk.node(path)->content = full;
  EXPECT_TRUE(Store(w.disk, kDir).lookup(key()));
}

TEST(CacheStore, RandomByteFlipsAreAMiss) {
  World w;
  w.put(key(), "some payload");
  const std::string path = w.entry(key());
  const std::string full = w.disk.node(path)->content;
  for (uint32_t seed = 0; seed < 1000; ++seed) {
    std::mt19937 rng(seed);
    std::string bad = full;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    w.disk.node(path)->content = bad;
    // Only a 64-bit checksum collision could make this a hit.
    EXPECT_FALSE(Store(w.disk, kDir).lookup(key())) << seed;
  }
}

TEST(CacheStore, ForeignFileOrNonFileAtTheEntryPathIsAMiss) {
  World w;
  w.put(key(), "p");
  const std::string path = w.entry(key());
  w.disk.node(path)->content = "#!/bin/sh\nrm -rf ~\n";
  EXPECT_EQ(Store(w.disk, kDir).lookup_with_deps(key()).status, LookupStatus::invalid);

  w.disk.erase(path);
  w.disk.add_dir(path, 0700);
  EXPECT_EQ(Store(w.disk, kDir).lookup_with_deps(key()).status, LookupStatus::absent);

  w.disk.erase(path);
  w.disk.add_fifo(path);
  EXPECT_EQ(Store(w.disk, kDir).lookup_with_deps(key()).status, LookupStatus::absent);

  w.disk.erase(path);
  w.disk.add_file(path, std::string(kMaxEntryBytes + 1, 'G'));
  EXPECT_EQ(Store(w.disk, kDir).lookup_with_deps(key()).status, LookupStatus::absent);

  w.disk.erase(path);
  w.disk.add_file(path, "");
  w.disk.node(path)->unreadable = true;
  EXPECT_EQ(Store(w.disk, kDir).lookup_with_deps(key()).status, LookupStatus::absent);
}

TEST(CacheStore, EntryUnderAnotherKeysNameIsAMiss) {
  World w;
  const Key a = key("a"), b = key("b");
  w.put(a, "for a");
  w.disk.add_file(w.entry(b), w.disk.node(w.entry(a))->content, 0600);
  LookupResult r = Store(w.disk, kDir).lookup_with_deps(b);
  EXPECT_EQ(r.status, LookupStatus::invalid);
  EXPECT_NE(r.detail.find("another key"), std::string::npos) << r.detail;
}

TEST(CacheStore, UntrustedDirectoryIsNotUsed) {
  const std::vector<std::pair<const char*, std::function<void(FakeDisk&)>>> spoil = {
      {"other owner", [](FakeDisk& d) { d.node(kDir)->uid = 0; }},
      {"mode 0777", [](FakeDisk& d) { d.node(kDir)->mode = 0777; }},
      {"mode 0770", [](FakeDisk& d) { d.node(kDir)->mode = 0770; }},
      {"mode 0701|002", [](FakeDisk& d) { d.node(kDir)->mode = 0703; }},
  };
  for (const auto& [what, change] : spoil) {
    World w;
    w.put(key(), "planted");
    change(w.disk);
    w.disk.clear_log();
    Store s(w.disk, kDir);
    LookupResult r = s.lookup_with_deps(key());
    EXPECT_EQ(r.status, LookupStatus::no_cache) << what;
    EXPECT_FALSE(r.detail.empty()) << what;
    EXPECT_EQ(w.disk.log, std::vector<std::string>{"lstat " + kDir}) << what << ": not even opened";

    StoreResult st = s.store(key("new"), w.deps(), "p");
    EXPECT_EQ(st.status, StoreStatus::no_cache) << what;
    EXPECT_EQ(st.detail, s.trust().reason) << what;
    EXPECT_FALSE(s.trust().trusted()) << what;
    for (const char* op : {"create", "rename", "remove", "mkdir", "listdir", "open"})
      EXPECT_FALSE(w.has_op(op)) << what << ": " << op;

    ClearResult c = s.clear();
    EXPECT_FALSE(c.ok) << what;
    EXPECT_NE(w.disk.node(w.entry(key())), nullptr) << what << ": clear deleted in an untrusted dir";
    EXPECT_FALSE(s.info().trust.trusted()) << what;
  }
}

TEST(CacheStore, SymlinkedCacheDirectoryIsNotUsed) {
  World w;
  w.disk.add_dir("/elsewhere/cache", 0700);
  w.disk.add_dir("/home/u/.cache", 0700);
  w.disk.add_symlink(kDir, "/elsewhere/cache");
  Store s(w.disk, kDir);
  StoreResult r = s.store(key(), w.deps(), "p");
  EXPECT_EQ(r.status, StoreStatus::no_cache);
  EXPECT_NE(r.detail.find("symlink"), std::string::npos) << r.detail;
  EXPECT_FALSE(s.lookup(key()));
  EXPECT_EQ(w.disk.count("create"), 0u);
}

TEST(CacheStore, MissingDirectoryIsAMissAndIsCreatedPrivatelyOnStore) {
  World w;
  Store s(w.disk, kDir);
  w.disk.clear_log();
  LookupResult r = s.lookup_with_deps(key());
  EXPECT_EQ(r.status, LookupStatus::no_cache);
  EXPECT_EQ(w.disk.log, std::vector<std::string>{"lstat " + kDir});

  ASSERT_TRUE(s.store(key(), w.deps(), "p").stored());
  EXPECT_EQ(w.disk.node("/home/u/.cache")->mode, 0700u);
  EXPECT_EQ(w.disk.node(kDir)->mode, 0700u);
  EXPECT_EQ(w.disk.node(kDir)->kind, FileKind::directory);
  EXPECT_TRUE(s.trust().trusted());
  EXPECT_EQ(s.lookup(key()), std::optional<std::string>("p"));
}

TEST(CacheStore, StoreWritesATempFileThenRenamesIt) {
  World w;
  w.put(key("warm"), "x");   // the directory exists from here on
  Store s(w.disk, kDir);
  ASSERT_TRUE(s.store(key(), w.deps(), "p").stored());
  std::vector<std::string> writes;
  for (const std::string& l : w.disk.log)
    if (l.starts_with("create ") || l.starts_with("rename ") || l.starts_with("remove ")) writes.push_back(l);
  ASSERT_EQ(writes.size(), 2u) << ::testing::PrintToString(w.disk.log);
  const std::string tmp = writes[0].substr(7);
  EXPECT_TRUE(tmp.starts_with(kDir + kSep + ".gostatus-tmp.")) << tmp;
  EXPECT_TRUE(Store::is_temp_name(tmp.substr(kDir.size() + 1))) << tmp;
  EXPECT_EQ(writes[1], "rename " + tmp + " " + w.entry(key()));
  EXPECT_EQ(w.disk.node(tmp), nullptr);
  EXPECT_EQ(w.disk.node(w.entry(key()))->mode, 0600u);
  EXPECT_EQ(w.disk.count("listdir"), 1u);

  // Temp names differ from one store to the next.
  w.disk.clear_log();
  ASSERT_TRUE(s.store(key(), w.deps(), "p2").stored());
  ASSERT_GE(w.disk.log.size(), 1u);
  std::string tmp2;
  for (const std::string& l : w.disk.log)
    if (l.starts_with("create ")) tmp2 = l.substr(7);
  EXPECT_NE(tmp2, tmp);
  EXPECT_EQ(s.lookup(key()), std::optional<std::string>("p2"));
}

TEST(CacheStore, StoreRefusesBadInputsWithoutTouchingTheDisk) {
  World w;
  Store s(w.disk, kDir);
  const int64_t old = w.disk.clock_ns - 100 * kSec;
  auto d = [&](std::string path) {
    Dependency x = dep_at(old, old);
    x.path = std::move(path);
    return std::vector{x};
  };
  w.disk.clear_log();
  EXPECT_EQ(s.store(key(), d(""), "p").status, StoreStatus::bad_dependency);
  EXPECT_EQ(s.store(key(), d(std::string("/a\0b", 4)), "p").status, StoreStatus::bad_dependency);
  EXPECT_EQ(s.store(key(), d("/" + std::string(kMaxPathBytes, 'a')), "p").status,
            StoreStatus::bad_dependency);
  std::vector<Dependency> many(kMaxDependencies + 1, dep_at(old, old));
  EXPECT_EQ(s.store(key(), many, "p").status, StoreStatus::too_large);
  EXPECT_EQ(s.store(key(), {}, std::string(kMaxEntryBytes, 'p')).status, StoreStatus::too_large);
  EXPECT_TRUE(w.disk.log.empty()) << ::testing::PrintToString(w.disk.log);

  EXPECT_EQ(Store(w.disk, "").store(key(), {}, "p").status, StoreStatus::no_cache);
  EXPECT_TRUE(w.disk.log.empty());
}

TEST(CacheStore, DuplicateDependenciesAreStoredAndCheckedOnce) {
  World w;
  std::vector<Dependency> deps = {w.observe("/src/a"), w.observe("/src/b"), w.observe("/src/a"),
                                  w.observe("/src/a", Observe::lstat)};
  Store s(w.disk, kDir);
  ASSERT_TRUE(s.store(key(), deps, "p").stored());
  w.disk.clear_log();
  LookupResult r = s.lookup_with_deps(key());
  ASSERT_TRUE(r.hit());
  EXPECT_EQ(r.deps, (std::vector<Dependency>{deps[0], deps[1], deps[3]}));
  EXPECT_EQ(w.disk.log, (std::vector<std::string>{"open " + w.entry(key()), "stat /src/a",
                                                   "stat /src/b", "lstat /src/a"}));
}

TEST(CacheStore, InconsistentDuplicateObservationsAreNotStored) {
  World w;
  std::vector<Dependency> deps = {w.observe("/src/a"), w.observe("/src/b")};
  w.disk.node("/src/a")->mtime_ns -= 3 * kSec;
  deps.push_back(w.observe("/src/a"));
  StoreResult r = Store(w.disk, kDir).store(key(), deps, "p");
  EXPECT_EQ(r.status, StoreStatus::inconsistent);
  EXPECT_NE(r.detail.find("/src/a"), std::string::npos);
}

TEST(CacheStore, EvictionKeepsTheEntryCountAndRemovesOldestFirst) {
  World w;
  const StoreLimits limits{3, 8u << 20};
  std::vector<Key> keys;
  for (int i = 0; i < 6; ++i) keys.push_back(key("k" + std::to_string(i)));
  size_t evicted = 0;
  for (const Key& k : keys) {
    StoreResult r = Store(w.disk, kDir, limits).store(k, w.deps(), "payload");
    ASSERT_TRUE(r.stored());
    evicted += r.evicted;
    EXPECT_LE(Store(w.disk, kDir).info().entries, 3u);
  }
  EXPECT_EQ(evicted, 3u);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(w.disk.node(w.entry(keys[static_cast<size_t>(i)])) != nullptr, i >= 3) << i;
}

TEST(CacheStore, EvictionKeepsTheByteBound) {
  World w;
  w.put(key("probe"), "payload");
  const uint64_t size = w.disk.node(w.entry(key("probe")))->content.size();
  Store(w.disk, kDir).clear();
  const StoreLimits limits{100, size * 2 + size / 2};
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(Store(w.disk, kDir, limits).store(key("k" + std::to_string(i)), w.deps(), "payload").stored());
  CacheInfo info = Store(w.disk, kDir).info();
  EXPECT_EQ(info.entries, 2u);
  EXPECT_LE(info.bytes, limits.max_bytes);
  EXPECT_NE(w.disk.node(w.entry(key("k4"))), nullptr);
  EXPECT_NE(w.disk.node(w.entry(key("k3"))), nullptr);
}

TEST(CacheStore, TheEntryJustStoredIsNeverEvicted) {
  World w;
  w.put(key("old"), "x");
  StoreResult r = Store(w.disk, kDir, StoreLimits{10, 1}).store(key("new"), w.deps(), "y");
  ASSERT_TRUE(r.stored());
  EXPECT_EQ(r.evicted, 1u);
  EXPECT_EQ(w.disk.node(w.entry(key("old"))), nullptr);
  EXPECT_EQ(Store(w.disk, kDir).lookup(key("new")), std::optional<std::string>("y"));
}

TEST(CacheStore, ForeignFilesAreNeverEvictedOrCleared) {
  World w;
  w.put(key("a"), "x");
  w.disk.add_file(kDir + "/notes.txt", std::string(4096, 'n'));
  w.disk.add_file(kDir + "/ABCDEF0123456789ABCDEF0123456789.gsc", "upper");
  w.disk.add_dir(kDir + "/sub", 0700);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(Store(w.disk, kDir, StoreLimits{1, 1}).store(key("k" + std::to_string(i)), w.deps(), "p").stored());
  EXPECT_NE(w.disk.node(kDir + "/notes.txt"), nullptr);
  EXPECT_NE(w.disk.node(kDir + "/ABCDEF0123456789ABCDEF0123456789.gsc"), nullptr);
  EXPECT_NE(w.disk.node(kDir + "/sub"), nullptr);
  ClearResult c = Store(w.disk, kDir).clear();
  EXPECT_TRUE(c.ok) << c.detail;
  EXPECT_EQ(c.removed, 1u);
  EXPECT_NE(w.disk.node(kDir + "/notes.txt"), nullptr);
  EXPECT_NE(w.disk.node(kDir + "/sub"), nullptr);
}

TEST(CacheStore, StaleTempFilesAreSwept) {
  World w;
  w.put(key("a"), "x");
  w.disk.add_file(kDir + "/.gostatus-tmp.99-1-00000000000000dd", "half written");
  w.disk.clock_ns += 61 * kSec;
  w.disk.add_file(kDir + "/.gostatus-tmp.98-1-00000000000000ee", "being written right now");
  StoreResult r = Store(w.disk, kDir).store(key("b"), w.deps(), "y");
  ASSERT_TRUE(r.stored());
  EXPECT_EQ(r.swept, 1u);
  EXPECT_EQ(w.disk.node(kDir + "/.gostatus-tmp.99-1-00000000000000dd"), nullptr);
  EXPECT_NE(w.disk.node(kDir + "/.gostatus-tmp.98-1-00000000000000ee"), nullptr);
  EXPECT_EQ(Store(w.disk, kDir).info().temp_files, 1u);
}

// GOSTATUS_CACHE_DIR may name a folder of the user's: nothing there is
// removed unless gostatus wrote it, however old and however it is named.
TEST(CacheStore, SweepAndClearLeaveTheUsersFilesAlone) {
  World w;
  w.put(key("a"), "x");
  const std::string users_tmp = kDir + "/tmp.notes";
  const std::string old_style = kDir + "/tmp.1-1-00000000deadbeef";
  const std::string fake_entry = kDir + "/" + key("z").hex() + ".gsc";
  const std::string temp_link = kDir + "/.gostatus-tmp.7-1-00000000000000aa";
  w.disk.add_file(users_tmp, "my notes");
  w.disk.add_file(old_style, "mine too");
  w.disk.add_file(fake_entry, "not an entry, only named like one");
  w.disk.add_file("/home/u/precious", "p");
  w.disk.add_symlink(temp_link, "/home/u/precious");
  w.disk.clock_ns += 3600 * kSec;
  // Stores with an eviction limit of one entry: the sweep and eviction run.
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(Store(w.disk, kDir, StoreLimits{1, 1 << 20}).store(key("k" + std::to_string(i)), w.deps(), "p").stored());
  ClearResult c = Store(w.disk, kDir).clear();
  EXPECT_TRUE(c.ok) << c.detail;
  EXPECT_EQ(c.removed, 1u);
  for (const std::string& p : {users_tmp, old_style, fake_entry, temp_link, std::string("/home/u/precious")})
    EXPECT_NE(w.disk.node(p), nullptr) << p << " was removed";
}

TEST(CacheStore, InfoCountsEntriesAndBytes) {
  World w;
  w.put(key("a"), "x");
  w.put(key("b"), "yy");
  w.disk.add_file(kDir + "/.gostatus-tmp.1-1-0000000000000001", "t");
  w.disk.add_file(kDir + "/other", "o");
  CacheInfo info = Store(w.disk, kDir).info();
  EXPECT_EQ(info.dir, kDir);
  EXPECT_TRUE(info.trust.trusted());
  EXPECT_EQ(info.entries, 2u);
  EXPECT_EQ(info.bytes, w.disk.node(w.entry(key("a")))->content.size() +
                            w.disk.node(w.entry(key("b")))->content.size());
  EXPECT_EQ(info.temp_files, 1u);
}

TEST(CacheStore, ClearRemovesEntriesAndTempFiles) {
  World w;
  w.put(key("a"), "x");
  w.put(key("b"), "y");
  w.disk.add_file(kDir + "/.gostatus-tmp.1-1-0000000000000001", "t");
  Store s(w.disk, kDir);
  ClearResult c = s.clear();
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.removed, 3u);
  EXPECT_FALSE(s.lookup(key("a")));
  EXPECT_EQ(s.info().entries, 0u);
  EXPECT_EQ(s.info().temp_files, 0u);

  World fresh;
  ClearResult none = Store(fresh.disk, kDir).clear();
  EXPECT_TRUE(none.ok);
  EXPECT_EQ(none.removed, 0u);
}

TEST(CacheStore, NoDirectoryMeansNoCacheAndNoDiskWork) {
  World w;
  Store s(w.disk, "");
  w.disk.clear_log();
  LookupResult r = s.lookup_with_deps(key());
  EXPECT_EQ(r.status, LookupStatus::no_cache);
  EXPECT_FALSE(s.lookup(key()));
  EXPECT_FALSE(s.store(key(), w.deps(), "p").stored());
  w.disk.clear_log();
  EXPECT_FALSE(s.clear().ok);
  EXPECT_EQ(s.info().entries, 0u);
  EXPECT_TRUE(w.disk.log.empty()) << ::testing::PrintToString(w.disk.log);
}

}  // namespace
}  // namespace gs::cache
