#include "segment/cli/cmd_doctor.h"

#include <fmt/format.h>

#include <cctype>

#include "segment/cli/prompt_answer.h"

namespace gs {
namespace {

bool utf8_locale(const Environ& env) {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    std::string v = env.get(var);
    if (v.empty()) continue;
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

std::string cache_summary(const Environ& env, Disk& disk) {
  const cache::CacheDirChoice choice = cache_dir_for(env);
  const std::string& dir = choice.path;
  const std::string& source = choice.source;
  if (dir.empty()) return "\nCache: none (no GOSTATUS_CACHE_DIR, XDG_CACHE_HOME or HOME)\n";
  cache::Store store(disk, dir);
  const cache::DirTrust& t = store.trust();
  if (t.state == cache::DirTrust::State::untrusted)
    return fmt::format("\nCache: {} is NOT used: {}\n", dir, t.reason);
  return fmt::format("\nCache: {} ({}{})\n", dir, source, t.trusted() ? "" : ", not created yet");
}

}  // namespace

AppOutput cmd_doctor(const Invocation& inv) {
  const Options& opt = inv.opt;
  const ProbeInput& in = inv.in;
  const Environ& env = inv.env;
  Disk& disk = inv.disk;
  AppOutput out;
  ProbeResult r = probe(disk, in);
  Report rep = run_checks(r, disk, in, CheckOptions{opt.shell, read_registry_env});
  if (opt.command == Command::json) {
    out.out = render_json(r, rep);
  } else {
    DoctorOptions d;
    d.ascii = opt.ascii_set ? opt.ascii : (in.host_goos != "windows" && !utf8_locale(env));
    out.out = render_doctor(r, rep, in, d);
    out.out += cache_summary(env, disk);
    Severity h = rep.health();
    out.exit_code = (h == Severity::error || (opt.strict && h == Severity::warn)) ? 1 : 0;
  }
  return out;
}

}  // namespace gs
