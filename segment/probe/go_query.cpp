// The one allowed spawn, behind query_go_once: see go_query.h.
#include "segment/probe/go_query.h"

#include "util/json.h"
#include "util/spawn.h"

namespace gs {

// cmd/go/internal/envcmd printEnvAsJSON: one object, string values. Lenient
// about what surrounds the strings (text before '{', stray commas): a
// wrapper may print a banner first.
bool parse_go_env_json(std::string_view json, std::string* goroot, std::string* goversion) {
  size_t i = json.find('{');
  if (i == std::string_view::npos) return false;
  ++i;
  bool any = false;
  for (;;) {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r' || json[i] == ','))
      ++i;
    if (i >= json.size()) return false;
    if (json[i] == '}') return any;
    std::string key, value;
    if (!read_json_string(json, &i, &key)) return false;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':' || json[i] == '\t')) ++i;
    if (!read_json_string(json, &i, &value)) return false;
    if (key == "GOROOT") *goroot = value, any = true;
    if (key == "GOVERSION") *goversion = value, any = true;
  }
}

SpawnedGo run_go_env(const std::string& program, const std::string& cwd, const Environ& env, int timeout_ms) {
  SpawnedGo g;
  g.used = true;
  g.program = program;
  g.args = {"env", "-json", "GOROOT", "GOVERSION"};
  SpawnRequest req;
  req.program = program;
  req.args = g.args;
  req.cwd = cwd;
  req.timeout_ms = timeout_ms;
  Environ child = env;
  child.set("GOTOOLCHAIN", "local");  // never switch, never download
  req.env = child.vars();
  SpawnResult res = spawn_capture(req);
  g.status = std::string(spawn_status_name(res.status));
  g.exit_code = res.exit_code;
  g.elapsed_ms = (res.elapsed_ns + 500'000) / 1'000'000;
  switch (res.status) {
    case SpawnStatus::failed_to_start: g.error = "could not run it: " + res.error; return g;
    case SpawnStatus::timed_out: g.error = "no answer within " + std::to_string(timeout_ms) + " ms: killed"; return g;
    case SpawnStatus::signaled: g.error = "killed by signal " + std::to_string(res.exit_code); return g;
    case SpawnStatus::exited: break;
  }
  if (res.exit_code != 0) {
    g.error = "exit status " + std::to_string(res.exit_code);
    return g;
  }
  if (!parse_go_env_json(res.out, &g.goroot, &g.goversion) || (g.goroot.empty() && g.goversion.empty()))
    g.error = "its output is not go env -json";
  return g;
}

SpawnedGo query_go_once(const std::string& program, const std::string& cwd, const Environ& env) {
  return run_go_env(program, cwd, env, kGoQueryTimeoutMs);
}

}  // namespace gs
