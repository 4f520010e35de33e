// `gostatus env [-json] NAME...`: the same bytes as `go env [-json] NAME...`.
#pragma once

#include <string>
#include <vector>

#include "segment/probe/probe.h"

namespace gs {

struct EnvCmdOutput {
  std::string out, err;
  int exit_code = 0;
};

// args: what follows "env". Unsupported names and flags exit 2 without
// probing; go's own fatal errors are reproduced (message and exit code).
EnvCmdOutput run_env_cmd(const std::vector<std::string>& args, Disk& disk, const ProbeInput& in);

}  // namespace gs
