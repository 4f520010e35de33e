// What every command shares: the output a command hands back to main
// (AppOutput), the parsed command line (Command, Options), and what a
// command's handler is called with (Invocation). The command table itself,
// which maps each Command to its handler and its help line, is in app.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "segment/checks/findings.h"
#include "segment/probe/probe.h"
#include "segment/render/render.h"
#include "segment/shell/init.h"
#include "util/disk.h"
#include "util/environ.h"

namespace gs {

struct AppOutput {
  std::string out, err;
  int exit_code = 0;
  bool cache_hit = false;  // the prompt line came from the cache
  bool prompt_line = false;  // the prompt or --export: exit 0, never block on stdout
};

enum class Command : uint8_t {
  prompt, doctor, json, env, help, version, exports, init, cache_info, cache_clear, debug_buildinfo, bench
};

struct Options {
  Command command = Command::prompt;
  RenderOptions render;
  bool shell_set = false;
  Shell shell = Shell::bash;
  bool strict = false;
  bool ascii = false;
  bool ascii_set = false;
  bool no_cache = false;
  bool with_deps = false;  // --export: also the hook's skip check
  Shell export_shell = Shell::bash;
  std::vector<std::string> rest;  // env's names; init's arguments
};

struct CwdFacts;

// The whole of gostatus as a function (run_app in app.h); --bench runs it
// in-process through this pointer.
using AppRunner = AppOutput (*)(const std::vector<std::string>& args, const Environ& env, Disk& disk,
                                const std::string& cwd_override, const CwdFacts* cwd_facts);

// What a command's handler is called with.
struct Invocation {
  const std::vector<std::string>& args;  // gostatus's whole argument list
  const Environ& env;
  Disk& disk;
  const Options& opt;    // --bench: the defaults (it parses args itself)
  const ProbeInput& in;  // --bench: empty (it builds its own)
  AppRunner app;
};

}  // namespace gs
