// `gostatus cache info|clear`: where the answer cache is, what it holds and
// what the prompt would do with it here; or empty it.
#pragma once

#include "segment/cli/command.h"

namespace gs {

AppOutput cmd_cache(bool clear, const Environ& env, Disk& disk, const ProbeInput& in, const Options& opt);

}  // namespace gs
