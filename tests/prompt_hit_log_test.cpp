// A whole prompt hit, call by call (in the style of cache_store_test): the
// second prompt in an unchanged environment reads the cache directory's
// trust, the entry and each dependency's stat, and nothing else. A plain
// prompt copies no dependency out of the entry (Store::lookup_status); only
// a shell hook that asks for them gets them (lookup_with_deps).
#include <gtest/gtest.h>

#include "cache/store.h"
#include "segment/cli/prompt_answer.h"
#include "tests/fake_disk.h"
#include "tests/fake_go.h"

// POSIX hosts: the cache directory comes from $HOME (Windows: %LOCALAPPDATA%,
// with its own separators), and the probe follows the host's rules.
#if !defined(_WIN32)
namespace gs {
namespace {

constexpr int64_t kSec = 1'000'000'000;
const std::string kHitCacheDir = "/home/u/.cache/gostatus";

struct HitWorld {
  FakeDisk disk;
  Environ env;
  ProbeInput in;
  HitWorld() {
    disk.add_dir("/home/u", 0755);
    disk.add_dir("/home/u/.cache", 0700);
    disk.add_dir("/home/u/work");
    disk.add_exe("/sdk/bin/go", "go1.23.5");
    disk.add_dir("/sdk/pkg/tool/linux_amd64");
    disk.add_file("/sdk/VERSION", "go1.23.5\ntime 2025-01-10T16:44:59Z\n");
    disk.add_file("/sdk/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n");
    disk.clock_ns += 10 * kSec;  // old enough to be trusted (the racy rule)
    env.set("PATH", "/sdk/bin");
    env.set("HOME", "/home/u");
    in.env = &env;
    in.cwd = "/home/u/work";
    in.style = PathStyle::posix;
    in.host_goos = "linux";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect;
  }
  AnswerResult prompt(AnswerDeps* deps = nullptr) {
    return cached_answer(disk, in, RenderOptions{}, Shell::bash, cache_dir_for(env), deps);
  }
};

TEST(PromptHitLog, ASecondPromptMakesExactlyTheseCalls) {
  HitWorld w;
  ASSERT_EQ(cache_dir_for(w.env).path, kHitCacheDir);
  AnswerResult first = w.prompt();
  ASSERT_EQ(first.use, CacheUse::miss_stored) << first.detail;

  w.disk.clear_log();
  AnswerResult again = w.prompt();
  ASSERT_EQ(again.use, CacheUse::hit) << again.detail;
  EXPECT_EQ(again.answer.line, first.answer.line);
  const std::string entry = cache::Store(w.disk, kHitCacheDir).entry_path(answer_key(w.in, RenderOptions{}, Shell::bash));
  // The key's inputs are the environment, the user and the working
  // directory's name: no call. Then the directory's trust, the entry, and
  // every dependency the first prompt recorded, in its order.
  const std::vector<std::string> deps = {
      // the go on PATH, and the symlinks on the way to it (GOROOT from its location)
      "stat /sdk/bin/go", "lstat /sdk", "lstat /sdk/bin", "lstat /sdk/bin/go",
      // the user's go env file, then GOROOT's tools, env file and VERSION
      "stat /home/u/.config/go/env", "stat /sdk/pkg/tool", "stat /sdk/go.env", "stat /sdk/VERSION", "stat /sdk",
      // no module here, nor in any parent, nor a workspace
      "stat /home/u/work/go.mod", "stat /home/u/go.mod", "stat /home/go.mod", "stat /go.mod",
      "stat /home/u/go/go.mod", "stat /home/u/work/go.work", "stat /home/u/go.work", "stat /home/go.work",
      "stat /go.work",
      // the checks: GOROOT's sources, GOPATH's bin
      "stat /sdk/src/runtime", "stat /home/u/go/bin",
  };
  std::vector<std::string> want = {"lstat " + kHitCacheDir, "open " + entry};
  want.insert(want.end(), deps.begin(), deps.end());
  EXPECT_EQ(w.disk.log, want) << ::testing::PrintToString(w.disk.log);

  // A shell hook that asks for the dependencies makes the same calls and
  // gets each of them.
  w.disk.clear_log();
  AnswerDeps got;
  AnswerResult hook = w.prompt(&got);
  ASSERT_EQ(hook.use, CacheUse::hit) << hook.detail;
  EXPECT_EQ(w.disk.log, want);
  ASSERT_TRUE(got.known);
  std::vector<std::string> got_calls;
  for (const cache::Dependency& d : got.deps)
    got_calls.push_back((d.how == cache::Observe::stat ? "stat " : "lstat ") + d.path);
  EXPECT_EQ(got_calls, deps);
}

}  // namespace
}  // namespace gs
#endif  // !_WIN32
