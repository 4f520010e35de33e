// The one allowed spawn: a go that no file explains (not a Go binary gostatus
// can read, no version manager's shim) is run once, directly (no shell), as
// `go env -json GOROOT GOVERSION` with GOTOOLCHAIN=local and a short
// deadline; the prompt cache keeps the answer with the binary's signature as
// a dependency. The hot path never comes here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/environ.h"

namespace gs {

// The fallback: what running `<program> env -json GOROOT GOVERSION` told.
struct SpawnedGo {
  bool used = false;
  std::string program;
  std::vector<std::string> args;
  std::string status;  // spawn_status_name
  int exit_code = -1;
  int64_t elapsed_ms = 0;
  std::string goroot, goversion;
  std::string error;  // why no answer came (timeout, exit status, no JSON)
  bool ok() const { return used && error.empty() && (!goroot.empty() || !goversion.empty()); }
};

// Runs program directly (no shell) in cwd with env plus GOTOOLCHAIN=local,
// stdin empty, stderr dropped, killed after timeout_ms.
SpawnedGo run_go_env(const std::string& program, const std::string& cwd, const Environ& env, int timeout_ms);

// run_go_env with the deadline the prompt can afford (about a second).
inline constexpr int kGoQueryTimeoutMs = 1000;
SpawnedGo query_go_once(const std::string& program, const std::string& cwd, const Environ& env);

// `go env -json NAME...` output -> the values of GOROOT and GOVERSION.
bool parse_go_env_json(std::string_view json, std::string* goroot, std::string* goversion);

}  // namespace gs
