// `gostatus --bench [--json] [-n N] [prompt flags]`: what the prompt costs
// here, in the user's real environment. In-process, the prompt with a cache
// hit and without a cache; whole-process, gostatus itself and (when a go is
// found) `go version` and `go env GOROOT`. Every cache it uses is a private
// temp directory, removed afterwards: the user's own cache is never read or
// written.
#pragma once

#include <string>
#include <vector>

#include "segment/cli/command.h"

namespace gs {

// args are gostatus's whole argument list (it contains "--bench"); app is
// the gostatus it measures in-process (run_app).
AppOutput run_bench_cmd(const std::vector<std::string>& args, const Environ& env, Disk& disk, AppRunner app);

// Nearest-rank percentile (p in 0..100) of sorted samples; 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

}  // namespace gs
