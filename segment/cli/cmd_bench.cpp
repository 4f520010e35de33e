#include "segment/cli/cmd_bench.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "segment/cli/current_dir.h"
#include "segment/golang/filepath.h"
#include "segment/probe/probe.h"
#include "util/json.h"
#include "util/clock.h"
#include "util/self_path.h"
#include "util/spawn.h"
#include "util/temp_dir.h"

namespace gs {

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

namespace {

constexpr int kDefaultIterations = 100;
constexpr int kProcessWarmups = 3;

struct Stats {
  double p50 = 0, p95 = 0, p99 = 0, min = 0, max = 0;
};

Stats stats_us(std::vector<double> us) {
  Stats s;
  if (us.empty()) return s;
  std::sort(us.begin(), us.end());
  s.p50 = percentile(us, 50);
  s.p95 = percentile(us, 95);
  s.p99 = percentile(us, 99);
  s.min = us.front();
  s.max = us.back();
  return s;
}

// One row of the report; `note` says why it has no numbers.
struct Row {
  std::string name;  // the JSON key
  std::string label;
  std::optional<Stats> stats;
  std::string note;
};

struct Ratio {
  std::string key, label;
  double value = 0;
};

struct BenchArgs {
  int n = kDefaultIterations;
  bool json = false;
  std::vector<std::string> prompt;  // the prompt flags, passed on as given
};

bool parse_bench_args(const std::vector<std::string>& args, BenchArgs* b, std::string* err) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--bench") continue;
    if (a == "--json") {
      b->json = true;
    } else if (a == "-n" || a.rfind("-n", 0) == 0) {
      std::string v = a.size() > 2 ? a.substr(2) : (i + 1 < args.size() ? args[++i] : "");
      if (!v.empty() && v[0] == '=') v.erase(0, 1);
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > 100000) return *err = "gostatus --bench: -n takes a count from 1 to 100000", false;
      b->n = static_cast<int>(n);
    } else if (a == "--no-cache") {
      // Both paths are measured anyway.
    } else {
      b->prompt.push_back(a);
    }
  }
  return true;
}

template <typename F>
std::vector<double> time_us(int n, F&& f) {
  std::vector<double> us;
  us.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    int64_t t0 = monotonic_ns();
    f();
    us.push_back(static_cast<double>(monotonic_ns() - t0) / 1000.0);
  }
  return us;
}

// Runs exe with argv (argv[0] included) and exactly env's variables, in
// directory cwd, with stdin, stdout and stderr on the null device, and waits
// for it as long as it runs.
SpawnRequest timed_request(const std::string& exe, const std::vector<std::string>& argv, const Environ& env,
                           const std::string& cwd) {
  SpawnRequest req;
  req.program = exe;
  req.argv0 = argv.empty() ? "" : argv[0];
  if (!argv.empty()) req.args.assign(argv.begin() + 1, argv.end());
  req.env = env.vars();
  req.cwd = cwd;
  req.capture = false;
  req.timeout_ms = kNoTimeout;
  return req;
}

// The exit status as the report names it: -1 when it did not exit normally.
int exit_status(const SpawnResult& r) { return r.status == SpawnStatus::exited ? r.exit_code : -1; }

// N timed runs of one command after a few untimed ones (page cache, dentries).
Row time_process(std::string name, std::string label, const std::string& exe, const std::vector<std::string>& argv,
                 const Environ& env, const std::string& cwd, int n) {
  Row row{std::move(name), std::move(label), std::nullopt, ""};
  const SpawnRequest req = timed_request(exe, argv, env, cwd);
  for (int i = 0; i < kProcessWarmups; ++i) {
    SpawnResult r = spawn_capture(req);
    if (r.status == SpawnStatus::failed_to_start) return row.note = "could not be started", row;
    if (exit_status(r) != 0) return row.note = fmt::format("exited with status {}", exit_status(r)), row;
  }
  std::vector<double> us;
  us.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    SpawnResult r = spawn_capture(req);
    if (exit_status(r) != 0) return row.note = "failed during the timed runs", row;
    us.push_back(static_cast<double>(r.elapsed_ns) / 1000.0);
  }
  row.stats = stats_us(std::move(us));
  return row;
}

// Removes what the bench created: the temp directory and, one level down,
// the cache directory and its entries.
void remove_tree(Disk& disk, const std::string& dir, int depth) {
  std::vector<DirEntry> entries;
  if (depth > 0 && disk.list_dir(dir, &entries)) {
    for (const DirEntry& e : entries) {
      std::string p = fp::join({dir, e.name});
      if (disk.lstat(p).is_dir()) remove_tree(disk, p, depth - 1);
      else disk.remove(p);
    }
  }
  disk.remove(dir);
}

std::string json_num(double v) { return fmt::format("{:.1f}", v); }

std::string json_str(std::string_view s) {
  std::string out;
  append_json_string(&out, s, JsonStyle{.escape_html = false});
  return out;
}

std::string render_json(const BenchArgs& b, const std::vector<Row>& rows, const std::string& go,
                        const std::vector<Ratio>& ratios, int hits) {
  std::string o = fmt::format("{{\n  \"schema\": 1,\n  \"unit\": \"us\",\n  \"iterations\": {},\n", b.n);
  o += fmt::format("  \"hot_path_hits\": {},\n", hits);
  o += "  \"go\": " + (go.empty() ? std::string("null") : json_str(go)) + ",\n";
  o += "  \"results\": {\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    o += "    " + json_str(r.name) + ": ";
    if (r.stats) {
      const Stats& s = *r.stats;
      o += fmt::format("{{\"p50\": {}, \"p95\": {}, \"p99\": {}, \"min\": {}, \"max\": {}}}", json_num(s.p50),
                       json_num(s.p95), json_num(s.p99), json_num(s.min), json_num(s.max));
    } else {
      o += "{\"skipped\": " + json_str(r.note) + "}";
    }
    o += i + 1 < rows.size() ? ",\n" : "\n";
  }
  o += "  },\n  \"ratios\": {";
  for (size_t i = 0; i < ratios.size(); ++i)
    o += fmt::format("{}\n    {}: {:.2f}", i ? "," : "", json_str(ratios[i].key), ratios[i].value);
  o += ratios.empty() ? "}\n}\n" : "\n  }\n}\n";
  return o;
}

std::string render_table(const BenchArgs& b, const std::vector<Row>& rows, const std::string& go,
                         const std::vector<Ratio>& ratios) {
  std::string o = fmt::format("gostatus --bench: {} timed iterations each, microseconds (private temp cache)\n\n", b.n);
  o += fmt::format("{:<34}{:>10}{:>10}{:>10}\n", "", "p50", "p95", "p99");
  for (const Row& r : rows) {
    if (r.stats) o += fmt::format("{:<34}{:>10.1f}{:>10.1f}{:>10.1f}\n", r.label, r.stats->p50, r.stats->p95, r.stats->p99);
    else o += fmt::format("{:<34}  {}\n", r.label, r.note);
  }
  if (!ratios.empty()) {
    o += "\n";
    for (const Ratio& r : ratios) o += fmt::format("{:<34}{:>9.1f}x\n", r.label, r.value);
  }
  o += go.empty() ? "\ngo: not found on PATH\n" : "\ngo: " + go + " (GOTOOLCHAIN=local, run from the temp directory)\n";
  return o;
}

}  // namespace

AppOutput run_bench_cmd(const std::vector<std::string>& args, const Environ& env, Disk& disk, AppRunner app) {
  AppOutput out;
  BenchArgs b;
  std::string err;
  if (!parse_bench_args(args, &b, &err)) {
    out.err = err + "\n";
    out.exit_code = 2;
    return out;
  }
  std::string tmp = make_private_temp_dir();
  if (tmp.empty()) {
    out.err = "gostatus --bench: cannot create a temporary directory\n";
    out.exit_code = 1;
    return out;
  }
  // GOSTATUS_CACHE_DIR wins over every other way of choosing the cache
  // directory, so the runs below touch no cache but this one.
  Environ private_env = env;
  private_env.set("GOSTATUS_CACHE_DIR", fp::join({tmp, "cache"}));

  std::vector<Row> rows;
  int hits = 0;

  // The hot path: the first run stores the answer, the next ones hit. A
  // store refused for racy timestamps (a file changed within the last
  // second) is retried once a second has passed.
  bool cached = false;
  for (int attempt = 0; attempt < 3 && !cached; ++attempt) {
    if (attempt == 2) sleep_ms(1100);
    cached = app(b.prompt, private_env, disk, "", nullptr).cache_hit;
  }
  Row hot{"in_process_hit", "in-process, cache hit", std::nullopt, ""};
  if (cached) {
    hot.stats = stats_us(time_us(b.n, [&] { hits += app(b.prompt, private_env, disk, "", nullptr).cache_hit; }));
  } else {
    hot.note = "not measured: the answer could not be cached here (see `gostatus cache info`)";
  }
  rows.push_back(std::move(hot));

  std::vector<std::string> cold_args = b.prompt;
  cold_args.push_back("--no-cache");
  rows.push_back(Row{"in_process_no_cache", "in-process, no cache (full probe)",
                     stats_us(time_us(b.n, [&] { app(cold_args, env, disk, "", nullptr); })), ""});

  std::string self = self_exe_path();
  std::vector<std::string> self_argv{self};
  self_argv.insert(self_argv.end(), b.prompt.begin(), b.prompt.end());
  if (self.empty()) rows.push_back(Row{"process_gostatus", "process: gostatus (hit)", std::nullopt, "own path unknown"});
  else rows.push_back(time_process("process_gostatus", "process: gostatus (hit)", self, self_argv,
                                   private_env, "", b.n));

  // The go the user would run: the first one on PATH.
  ProbeInput in = ProbeInput::for_host(env, current_dir(env, disk));
  in.select_toolchain = false;
  in.query_go = nullptr;  // timing only: never run go to learn what it is
  ProbeResult pr = probe(disk, in);
  std::string go = pr.go.found ? pr.go.path : "";
  std::vector<Ratio> ratios;
  if (!go.empty()) {
    // GOTOOLCHAIN=local and a directory outside any module: nothing can
    // make these runs download or switch toolchains.
    Environ go_env = env;
    go_env.set("GOTOOLCHAIN", "local");
    rows.push_back(time_process("process_go_version", "process: go version", go, {"go", "version"}, go_env, tmp, b.n));
    rows.push_back(time_process("process_go_env_goroot", "process: go env GOROOT", go, {"go", "env", "GOROOT"}, go_env,
                                tmp, b.n));
    const Row& self_row = rows[2];
    for (size_t i = 3; i < rows.size(); ++i)
      if (self_row.stats && rows[i].stats && self_row.stats->p50 > 0)
        ratios.push_back(Ratio{rows[i].name.substr(8) + "_over_gostatus",  // "process_" dropped
                               rows[i].label.substr(9) + " / gostatus (p50)", rows[i].stats->p50 / self_row.stats->p50});
  }

  remove_tree(disk, tmp, 2);
  out.out = b.json ? render_json(b, rows, go, ratios, hits) : render_table(b, rows, go, ratios);
  return out;
}

}  // namespace gs
