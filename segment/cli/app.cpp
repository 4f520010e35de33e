// run_app: the command table (each command's handler and its line in
// `gostatus help`) and the dispatch: parse the arguments, gather what every
// command starts from (the environment, the working directory), run the
// command's handler.
#include "segment/cli/app.h"

#include <algorithm>
#include <new>
#include <string_view>

#include "segment/cli/cmd_bench.h"
#include "segment/cli/cmd_buildinfo.h"
#include "segment/cli/cmd_cache.h"
#include "segment/cli/cmd_doctor.h"
#include "segment/cli/cmd_env.h"
#include "segment/cli/cmd_init.h"
#include "segment/cli/cmd_prompt.h"
#include "segment/cli/current_dir.h"
#include "segment/cli/options.h"

namespace gs {
namespace {

struct CommandSpec {
  Command command;
  std::string_view usage;  // its line in `gostatus help`; "" = not listed
  AppOutput (*run)(const Invocation&);
};

AppOutput cmd_help(const Invocation&);

// Every command, in the order `gostatus help` lists them.
const CommandSpec kCommands[] = {
    {Command::prompt, "gostatus [flags]            print the prompt line", cmd_prompt},
    {Command::doctor, "gostatus doctor [--strict]  explain every check, with evidence and fixes", cmd_doctor},
    {Command::json, "gostatus --json             the full report as JSON (schema 1)", cmd_doctor},
    {Command::env, "gostatus env [-json] NAME...  go env values, computed without running go",
     [](const Invocation& i) {
       AppOutput out;
       EnvCmdOutput e = run_env_cmd(i.opt.rest, i.disk, i.in);
       out.out = std::move(e.out);
       out.err = std::move(e.err);
       out.exit_code = e.exit_code;
       return out;
     }},
    {Command::init, "gostatus init bash|zsh|fish|pwsh [--notify] [--no-skip] [prompt flags]  the prompt hook",
     [](const Invocation& i) { return cmd_init(i.opt.rest, i.disk); }},
    {Command::exports, "gostatus --export SHELL [prompt flags]  shell code setting POSH_GOSTATUS*", cmd_prompt},
    {Command::cache_info, "gostatus cache info|clear  the answer cache",
     [](const Invocation& i) { return cmd_cache(false, i.env, i.disk, i.in, i.opt); }},
    {Command::bench, "gostatus --bench [--json] [-n N] [prompt flags]  what the prompt costs here",
     [](const Invocation& i) { return run_bench_cmd(i.args, i.env, i.disk, i.app); }},
    {Command::cache_clear, "", [](const Invocation& i) { return cmd_cache(true, i.env, i.disk, i.in, i.opt); }},
    {Command::help, "", cmd_help},
    {Command::version, "",
     [](const Invocation&) {
       AppOutput out;
       out.out = "gostatus " GOSTATUS_VERSION " (commit " GOSTATUS_COMMIT ")\n";
       return out;
     }},
    // `go version -m` for any file, from the same reader the probe uses.
    {Command::debug_buildinfo, "",
     [](const Invocation& i) {
       AppOutput out;
       out.exit_code = cmd_buildinfo(i.disk, i.opt.rest, &out.out, &out.err);
       return out;
     }},
};

const CommandSpec& command_spec(Command c) {
  for (const CommandSpec& s : kCommands)
    if (s.command == c) return s;
  return kCommands[0];
}

AppOutput cmd_help(const Invocation&) {
  AppOutput out;
  bool first = true;
  for (const CommandSpec& s : kCommands) {
    if (s.usage.empty()) continue;
    out.out += first ? "usage: " : "       ";
    out.out += s.usage;
    out.out += '\n';
    first = false;
  }
  out.out += '\n';
  out.out += flags_help();
  out.out += glyph_legend();
  return out;
}

}  // namespace

AppOutput run_app(const std::vector<std::string>& args, const Environ& env, Disk& disk,
                  const std::string& cwd_override, const CwdFacts* cwd_facts) {
  if (!args.empty() && args[0].rfind("-", 0) == 0 && std::find(args.begin(), args.end(), "--bench") != args.end()) {
    Options defaults;
    defaults.command = Command::bench;
    ProbeInput none;
    return command_spec(Command::bench).run(Invocation{args, env, disk, defaults, none, run_app});
  }
  AppOutput out;
  Options opt;
  std::string err;
  bool ok = parse_options(args, &opt, &err);
  CwdFacts facts;
  std::string cwd = cwd_override.empty() ? current_dir(env, disk, &facts) : cwd_override;
  if (cwd_facts) facts = *cwd_facts;
  ProbeInput in = ProbeInput::for_host(env, std::move(cwd), facts);
  out.prompt_line = opt.command == Command::prompt || opt.command == Command::exports;
  // The prompt line never fails: a bad flag in a theme must not spill
  // errors into every prompt, nor blank it; it prints with what it could
  // parse. Other commands report it.
  if (!ok && !out.prompt_line) {
    out.err = err + "\n";
    out.exit_code = 2;
    return out;
  }
  opt.render.no_color = !env.get("NO_COLOR").empty();
  if (!opt.shell_set) opt.shell = default_fix_shell(in);

  try {
    AppOutput r = command_spec(opt.command).run(Invocation{args, env, disk, opt, in, run_app});
    r.prompt_line = out.prompt_line;
    return r;
  } catch (const std::bad_alloc&) {
    if (out.prompt_line) {
      AppOutput quiet;
      quiet.prompt_line = true;
      return quiet;
    }
    out.err = "gostatus: out of memory\n";
    out.exit_code = 1;
  }
  return out;
}

}  // namespace gs
