// Microbenchmarks for the pieces of a prompt render, on the real filesystem:
// the probe, a cache hit, reading a go binary's build info, parsing an env
// file, the go.mod search and rendering the line.
//
//   cmake -S . -B build-bench -DGOSTATUS_BENCH=ON && cmake --build build-bench
//   build-bench/bench/gostatus_microbench [--benchmark_filter=...]
//
// The SDK is $GOSTATUS_BENCH_GOROOT, else the newest /usr/lib/go-1.*. The
// PATH has 40 entries (37 empty directories before the SDK's bin), as in
// bench/compare.sh.
#include <benchmark/benchmark.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "segment/golang/buildinfo/buildinfo.h"
#include "segment/golang/envfile.h"
#include "segment/checks/findings.h"
#include "segment/probe/modules.h"
#include "segment/probe/probe.h"
#include "segment/cli/prompt_answer.h"
#include "segment/render/render.h"
#include "util/disk.h"

namespace {

std::string find_goroot() {
  if (const char* g = getenv("GOSTATUS_BENCH_GOROOT")) return g;
  std::vector<std::string> found;
  if (DIR* d = opendir("/usr/lib")) {
    while (dirent* e = readdir(d))
      if (std::string(e->d_name).rfind("go-1.", 0) == 0) found.push_back(std::string("/usr/lib/") + e->d_name);
    closedir(d);
  }
  std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
    return std::stoi(a.substr(a.rfind('.') + 1)) < std::stoi(b.substr(b.rfind('.') + 1));
  });
  return found.empty() ? "" : found.back();
}

// A temp tree: HOME, a module three levels above the working directory, a
// go env file, 37 empty PATH directories and a private cache directory.
struct World {
  std::string root, goroot, cwd, cache;
  gs::Environ env;
  gs::ProbeInput in;

  World() {
    char tmpl[] = "/tmp/gostatus-microbench-XXXXXX";
    root = mkdtemp(tmpl);
    goroot = find_goroot();
    std::string path;
    for (int i = 1; i <= 37; ++i) {
      std::string d = root + "/path/d" + std::to_string(i);
      mkdir_p(d);
      path += d + ":";
    }
    path += goroot + "/bin:/usr/bin:/bin";
    cwd = root + "/home/src/mod/a/b/c";
    mkdir_p(cwd);
    write(root + "/home/src/mod/go.mod", "module example.com/mod\n\ngo 1.21\n");
    mkdir_p(root + "/home/.config/go");
    write(root + "/home/.config/go/env", "GOPROXY=https://proxy.golang.org,direct\nGOFLAGS=-mod=mod\n");
    cache = root + "/cache";
    env = gs::Environ({{"PATH", path}, {"HOME", root + "/home"}, {"GOTOOLCHAIN", "local"}});
    in = gs::ProbeInput::for_host(env, cwd);
    in.query_go = nullptr;  // timing only: never run go
  }
  // The private cache directory, as GOSTATUS_CACHE_DIR would name it.
  gs::cache::CacheDirChoice cache_dir() const { return {cache, "microbench", ""}; }
  ~World() {
    std::string cmd = "rm -rf '" + root + "'";
    if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", root.c_str());
  }
  static void mkdir_p(const std::string& p) {
    for (size_t i = 1; i <= p.size(); ++i)
      if (i == p.size() || p[i] == '/') mkdir(p.substr(0, i).c_str(), 0755);
  }
  static void write(const std::string& p, const std::string& data) {
    if (FILE* f = std::fopen(p.c_str(), "wb")) {
      std::fwrite(data.data(), 1, data.size(), f);
      std::fclose(f);
    }
  }
};

World& world() {
  static World w;
  return w;
}

bool have_sdk(benchmark::State& state) {
  if (world().goroot.empty()) {
    state.SkipWithError("no Go SDK (set GOSTATUS_BENCH_GOROOT)");
    return false;
  }
  return true;
}

void BM_Probe(benchmark::State& state) {
  if (!have_sdk(state)) return;
  gs::Disk& disk = gs::real_disk();
  for (auto _ : state) benchmark::DoNotOptimize(gs::probe(disk, world().in));
}
BENCHMARK(BM_Probe)->Unit(benchmark::kMicrosecond);

// The whole no-cache answer: probe, checks, render.
void BM_ComputeAnswer(benchmark::State& state) {
  if (!have_sdk(state)) return;
  gs::Disk& disk = gs::real_disk();
  for (auto _ : state)
    benchmark::DoNotOptimize(gs::compute_answer(disk, world().in, gs::RenderOptions{}, gs::Shell::bash, nullptr));
}
BENCHMARK(BM_ComputeAnswer)->Unit(benchmark::kMicrosecond);

void BM_CacheHit(benchmark::State& state) {
  if (!have_sdk(state)) return;
  gs::Disk& disk = gs::real_disk();
  World& w = world();
  gs::AnswerResult first = gs::cached_answer(disk, w.in, gs::RenderOptions{}, gs::Shell::bash, w.cache_dir());
  if (first.use != gs::CacheUse::hit && first.use != gs::CacheUse::miss_stored) {
    sleep(2);  // the tree is new: its timestamps are too recent to trust yet
    gs::cached_answer(disk, w.in, gs::RenderOptions{}, gs::Shell::bash, w.cache_dir());
  }
  int64_t misses = 0;
  for (auto _ : state) {
    gs::AnswerResult a = gs::cached_answer(disk, w.in, gs::RenderOptions{}, gs::Shell::bash, w.cache_dir());
    misses += a.use != gs::CacheUse::hit;
    benchmark::DoNotOptimize(a);
  }
  if (misses) state.SkipWithError("the cache did not hit");
}
BENCHMARK(BM_CacheHit)->Unit(benchmark::kMicrosecond);

void BM_AnswerKey(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(gs::answer_key(world().in, gs::RenderOptions{}, gs::Shell::bash));
}
BENCHMARK(BM_AnswerKey);

void BM_ReadBuildInfo(benchmark::State& state) {
  if (!have_sdk(state)) return;
  std::string go = world().goroot + "/bin/go";
  for (auto _ : state) {
    std::unique_ptr<gs::ReadableFile> f = gs::real_disk().open_read(go);
    gs::BuildInfo bi;
    std::string err;
    benchmark::DoNotOptimize(f && gs::read_buildinfo(*f, &bi, &err));
  }
}
BENCHMARK(BM_ReadBuildInfo)->Unit(benchmark::kMicrosecond);

void BM_ReadDefaultGoroot(benchmark::State& state) {
  if (!have_sdk(state)) return;
  std::string go = world().goroot + "/bin/go";
  for (auto _ : state) {
    std::unique_ptr<gs::ReadableFile> f = gs::real_disk().open_read(go);
    benchmark::DoNotOptimize(gs::read_default_goroot(*f));
  }
}
BENCHMARK(BM_ReadDefaultGoroot)->Unit(benchmark::kMicrosecond);

void BM_ParseEnvFile(benchmark::State& state) {
  std::string data;
  for (int i = 0; i < 20; ++i) data += "GOVAR" + std::to_string(i) + "=some/value/" + std::to_string(i) + "\n";
  for (auto _ : state) benchmark::DoNotOptimize(gs::parse_env_file(data));
}
BENCHMARK(BM_ParseEnvFile);

void BM_FindGoMod(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(gs::find_go_mod(gs::real_disk(), world().cwd, "/tmp", gs::kHostStyle));
}
BENCHMARK(BM_FindGoMod)->Unit(benchmark::kMicrosecond);

void BM_RenderPrompt(benchmark::State& state) {
  if (!have_sdk(state)) return;
  gs::ProbeResult r = gs::probe(gs::real_disk(), world().in);
  gs::Report rep = gs::run_checks(r, gs::real_disk(), world().in, gs::CheckOptions{gs::Shell::bash});
  for (auto _ : state) benchmark::DoNotOptimize(gs::render_prompt(r, rep, gs::RenderOptions{}));
}
BENCHMARK(BM_RenderPrompt);

}  // namespace

BENCHMARK_MAIN();
