// The command line, parsed into Options: a command word (doctor, env, init,
// cache, debug buildinfo, help) or a mode flag (--json, --export, --help,
// --version), and the flags every command may be given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "segment/cli/command.h"

namespace gs {

// Parses args; false with *err set on a usage error. Global flags may come
// before the command word too (`gostatus --no-cache env GOROOT`); what
// follows env, init and debug buildinfo belongs to them.
bool parse_options(const std::vector<std::string>& args, Options* o, std::string* err);

// The flags' part of `gostatus help`.
std::string_view flags_help();

}  // namespace gs
