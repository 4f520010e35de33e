#include "segment/cli/cmd_prompt.h"

#include "segment/cli/prompt_answer.h"
#include "segment/shell/hook_check.h"

namespace gs {

AppOutput cmd_prompt(const Invocation& inv) {
  const Options& opt = inv.opt;
  const ProbeInput& in = inv.in;
  AppOutput out;
  out.prompt_line = true;
  // A working directory go cannot determine means nothing as a key.
  cache::CacheDirChoice dir = opt.no_cache || in.cwd_facts.unknown() ? cache::CacheDirChoice{} : cache_dir_for(inv.env);
  AnswerDeps deps;
  bool with_deps = opt.command == Command::exports && opt.with_deps;
  AnswerResult a = cached_answer(inv.disk, in, opt.render, opt.shell, dir, with_deps ? &deps : nullptr);
  out.cache_hit = a.use == CacheUse::hit;
  if (opt.command == Command::prompt) {
    out.out = a.answer.line + "\n";
  } else {
    out.out = render_export(opt.export_shell, a.answer.line, severity_name(a.answer.health), a.answer.version);
    if (with_deps) out.out += hook_check_export(inv.disk, opt.export_shell, deps, in.cwd, dir.path);
  }
  return out;
}

}  // namespace gs
