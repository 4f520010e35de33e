// The directory go would call its working directory: os.Getwd's rules
// ($PWD when it names the current directory, else getcwd, and go1.24's walk
// up through ".." when getcwd's answer is longer than a page).
#pragma once

#include <string>

#include "util/disk.h"
#include "util/environ.h"

namespace gs {

struct CwdFacts;

// The directory go would call its working directory (os.Getwd); *facts,
// when given, says what go met on the way (see CwdFacts).
std::string current_dir(const Environ& env, Disk& disk, CwdFacts* facts = nullptr);

}  // namespace gs
