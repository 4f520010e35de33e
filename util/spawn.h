// Running one program and capturing its standard output, with a hard time
// limit. gostatus runs nothing on its hot path; this exists for the single
// allowed exception (a `go` whose version no file tells, see
// segment/probe/probe.cpp), so it is deliberately narrow: the program is run
// directly (no shell, no PATH search), stdin reads nothing, stderr is
// discarded, and when the time is up the program and everything it started
// are killed (POSIX: its process group; Windows: its job object).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gs {

struct SpawnRequest {
  std::string program;            // an absolute path, executed as is
  std::vector<std::string> args;  // argv[1...]
  std::string cwd;                // "" = ours
  // The complete environment of the child ("NAME", "value").
  std::vector<std::pair<std::string, std::string>> env;
  int timeout_ms = 1000;
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
  int64_t elapsed_ms = 0;
};

SpawnResult spawn_capture(const SpawnRequest& req);

std::string_view spawn_status_name(SpawnStatus s);

}  // namespace gs
