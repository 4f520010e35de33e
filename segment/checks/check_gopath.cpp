// Area gopath: HOME and GOPATH (home-unset, gopath-tilde, -relative,
// -is-goroot, -missing).
#include "segment/checks/checker.h"

#include <fmt/format.h>

#include "segment/shell/quote.h"

namespace gs::catalog {

void Checker::check_gopath() {
  const bool applicable = r_.go.found;
  const char* home_var = windows() ? "USERPROFILE" : "HOME";
  check("home-unset", Area::gopath, fmt::format("{} is set", home_var));
  check("gopath-tilde", Area::gopath, "no GOPATH entry starts with ~", applicable);
  check("gopath-relative", Area::gopath, "GOPATH entries are absolute", applicable);
  check("gopath-is-goroot", Area::gopath, "GOPATH is not GOROOT", applicable);
  check("gopath-missing", Area::gopath, "GOPATH directories exist", applicable);

  if (in_.env->get(home_var).empty()) {
    Finding& f = add("home-unset", Severity::warn, Area::gopath,
                     fmt::format("{} is unset: no default GOPATH, module cache or build cache", home_var));
    f.evidence.push_back(Evidence{home_var, "", "env"});
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(ev("GOMODCACHE", Key::GOMODCACHE));
    f.evidence.push_back(ev("GOCACHE", Key::GOCACHE));
    f.fix.push_back(fx_.set_env(home_var, windows() ? "C:\\Users\\you" : "/home/you"));
  }
  if (!applicable) return;
  const Value& gopath = r_[Key::GOPATH];
  if (const std::string& w = r_.gopath_goroot_warning; !w.empty()) {
    Finding& f = add("gopath-is-goroot", Severity::warn, Area::gopath,
                     "GOPATH is GOROOT: go ignores it and warns on every command");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go prints", w, "cmd/go"});
    if (gopath.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOPATH"));
    else if (gopath.source == Source::process_env) f.fix.push_back(fx_.unset_env("GOPATH"));
    else {
      // The default $HOME/go is the SDK itself: GOPATH has to live elsewhere.
      std::string home = in_.env->get(windows() ? "USERPROFILE" : "HOME");
      f.fix.push_back(fx_.go_env_w("GOPATH=" + fp::join({home.empty() ? fp::dir(home_go(), s_) : home, "gopath"}, s_)));
    }
  }
  // main.go rejects "~" entries and relative entries that were set explicitly.
  if (r_.fatal.find("GOPATH entry cannot start with shell metacharacter") != std::string::npos) {
    Finding& f = add("gopath-tilde", Severity::error, Area::gopath,
                     "a GOPATH entry starts with ~ (the shell did not expand it): go refuses to start");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(Evidence{"go prints", r_.fatal, "cmd/go"});
    f.fix.push_back(gopath.source == Source::user_env_file ? fx_.go_env_w("GOPATH=" + home_go())
                                                           : fx_.set_env("GOPATH", home_go()));
  }
  if (r_.fatal.find("GOPATH entry is relative") != std::string::npos) {
    Finding& f = add("gopath-relative", Severity::error, Area::gopath,
                     "a GOPATH entry is relative: go refuses to start");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(Evidence{"go prints", r_.fatal.substr(0, r_.fatal.find('\n')), "cmd/go"});
    f.fix.push_back(gopath.source == Source::user_env_file ? fx_.go_env_u("GOPATH") : fx_.unset_env("GOPATH"));
  }
  if (configured(Key::GOPATH) && r_.fatal.empty()) {
    for (const std::string& p : fp::split_list(gopath.value, s_)) {
      if (p.empty() || !fp::is_abs(p, s_) || disk_.stat(p).exists()) continue;
      Finding& f = add("gopath-missing", Severity::info, Area::gopath,
                       "a GOPATH directory does not exist yet (go creates it when needed)");
      f.evidence.push_back(Evidence{"GOPATH entry", p, where(gopath)});
      f.fix.push_back(windows() ? fmt::format("New-Item -ItemType Directory -Force {}", quote_readable(Shell::pwsh, p))
                                : fmt::format("mkdir -p {}", quote_readable(Shell::bash, p)));
    }
  }
}

}  // namespace gs::catalog
