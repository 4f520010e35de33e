// The whole CLI as one function: the command line, parsed into Options
// (options.h), dispatched through the command table (app.cpp) to one
// handler per command (cmd_<name>.h). run_app is pure in its inputs
// (arguments, environment, disk), so the unit tests drive the whole CLI on
// FakeDisk.
#pragma once

#include <string>
#include <vector>

#include "segment/cli/command.h"
#include "util/disk.h"
#include "util/environ.h"

namespace gs {

struct CwdFacts;

// cwd_facts: what getwd met, for tests of a working directory go cannot
// determine (default: none, the directory is known).
AppOutput run_app(const std::vector<std::string>& args, const Environ& env, Disk& disk,
                  const std::string& cwd_override = "", const CwdFacts* cwd_facts = nullptr);

}  // namespace gs
