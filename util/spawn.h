// Running one program, the one way gostatus starts a process: directly (no
// shell, no PATH search), stdin reading nothing, stderr discarded, stdout
// captured (or discarded too), with an optional hard time limit after which
// the program and everything it started are killed (POSIX: its process
// group; Windows: its job object), and timed. gostatus runs nothing on its
// hot path; the two users are the single allowed exception (a `go` whose
// version no file tells, segment/probe/) and `gostatus --bench`, which times
// whole processes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs {

// SpawnRequest::timeout_ms: no time limit, wait as long as the program runs.
constexpr int kNoTimeout = -1;

struct SpawnRequest {
  std::string program;            // an absolute path, executed as is
  std::string argv0;              // argv[0]; "" = program
  std::vector<std::string> args;  // argv[1...]
  std::string cwd;                // "" = ours
  // The complete environment of the child ("NAME", "value").
  std::vector<std::pair<std::string, std::string>> env;
  int timeout_ms = 1000;           // or kNoTimeout
  bool capture = true;            // false: stdout goes to the null device too
  size_t max_output = 64 << 10;   // more stdout than this is dropped
};

enum class SpawnStatus : uint8_t {
  exited,           // ran to its end; exit_code says how
  signaled,         // killed by a signal it did not get from us
  timed_out,        // still running at the deadline: killed
  failed_to_start,  // could not be started (error says why)
};

struct SpawnResult {
  SpawnStatus status = SpawnStatus::failed_to_start;
  int exit_code = -1;  // exited: the status; signaled: the signal number
  std::string out;     // stdout, at most max_output bytes
  std::string error;   // failed_to_start: the reason
  // From just before the program is started to just after its end was
  // seen (or the deadline passed): what --bench and doctor report.
  int64_t elapsed_ns = 0;
};

SpawnResult spawn_capture(const SpawnRequest& req);

std::string_view spawn_status_name(SpawnStatus s);

}  // namespace gs
