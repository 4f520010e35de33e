// Running a program and timing it, for `gostatus --bench` only: the prompt
// itself never starts a process. (util/spawn.h, the general helper for the
// go-shim fallback, was written at the same time; the two may merge once
// both have settled.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct TimedRun {
  bool started = false;
  int exit_code = -1;    // -1 when it did not exit normally
  int64_t wall_ns = 0;   // from just before the spawn to just after the wait
};

// Runs exe with argv (argv[0] included) and exactly the "NAME=value" entries
// of envp, in directory cwd, with stdin, stdout and stderr on the null
// device, and waits for it.
TimedRun run_timed(const std::string& exe, const std::vector<std::string>& argv,
                   const std::vector<std::string>& envp, const std::string& cwd);

// A new directory only this user can enter, under the system's temp
// directory; "" on failure.
std::string make_private_temp_dir();

// A monotonic clock, in nanoseconds.
int64_t monotonic_ns();

void sleep_ms(unsigned ms);

}  // namespace gs
