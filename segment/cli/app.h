// The command line: parsed into Options, dispatched to one function per
// command. run_app is pure in its inputs (arguments, environment, disk), so
// the unit tests drive the whole CLI on FakeDisk.
#pragma once

#include <string>
#include <vector>

#include "util/environ.h"
#include "util/disk.h"

namespace gs {

struct AppOutput {
  std::string out, err;
  int exit_code = 0;
  bool cache_hit = false;  // the prompt line came from the cache
  bool prompt_line = false;  // the prompt or --export: exit 0, never block on stdout
};

struct CwdFacts;

// cwd_facts: what getwd met, for tests of a working directory go cannot
// determine (default: none, the directory is known).
AppOutput run_app(const std::vector<std::string>& args, const Environ& env, Disk& disk,
                  const std::string& cwd_override = "", const CwdFacts* cwd_facts = nullptr);

// The directory go would call its working directory (os.Getwd); *facts,
// when given, says what go met on the way (see CwdFacts).
std::string current_dir(const Environ& env, Disk& disk, CwdFacts* facts = nullptr);

}  // namespace gs
