// `gostatus init bash|zsh|fish|pwsh [--notify] [--always] [--no-skip]
// [prompt flags]`: the shell code of the prompt hook, or its help.
#pragma once

#include <string>
#include <vector>

#include "segment/cli/command.h"

namespace gs {

// args: what follows "init".
AppOutput cmd_init(const std::vector<std::string>& args, Disk& disk);

}  // namespace gs
