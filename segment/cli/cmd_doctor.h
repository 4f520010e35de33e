// `gostatus doctor [--strict]`: every check explained, with its evidence and
// fix, and where the cache is; `gostatus --json`: the same report as JSON.
#pragma once

#include "segment/cli/command.h"

namespace gs {

// opt.command is Command::doctor or Command::json.
AppOutput cmd_doctor(const Invocation& inv);

}  // namespace gs
