// The prompt line (`gostatus [prompt flags]`) and `gostatus --export SHELL`,
// which hands the same answer to a shell hook as variables: both come from
// the cached answer (prompt_answer.h).
#pragma once

#include "segment/cli/command.h"

namespace gs {

// opt.command is Command::prompt or Command::exports.
AppOutput cmd_prompt(const Invocation& inv);

}  // namespace gs
