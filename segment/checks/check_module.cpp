// Area module: toolchain selection inside a module and the working
// directory (toolchain-switch, -download, -unavailable, cwd-unknown).
#include "segment/checks/checker.h"

#include <fmt/format.h>

namespace gs::catalog {

// toolchain.Select inside a module: the go that really runs here.
void Checker::check_module() {
  const bool applicable = r_.go.found;
  check("toolchain-switch", Area::module, "go runs its own toolchain here", applicable);
  check("toolchain-download", Area::module, "no toolchain download pending here", applicable);
  check("toolchain-unavailable", Area::module, "the module's toolchain requirement can be met", applicable);
  check("cwd-unknown", Area::module, "go can determine the current directory", applicable);
  if (!applicable) return;
  // base.Cwd: os.Getwd failed (the directory was deleted, this user cannot
  // search it, or it is too deep for getcwd): every go command exits 1.
  if (!r_.cwd_error.empty()) {
    Finding& f = add("cwd-unknown", Severity::error, Area::module,
                     "go cannot determine the current directory here: every go command fails");
    f.evidence.push_back(Evidence{"PWD", in_.env->get("PWD"), "env"});
    f.evidence.push_back(Evidence{"go prints", r_.cwd_error, "cmd/go"});
    f.fix.push_back(windows() ? "Set-Location $HOME   # or any directory that exists"
                              : "cd \"$PWD\" 2>/dev/null || cd   # back into the directory if it was recreated, else home");
  }
  const ToolchainChoice& c = r_.toolchain;
  auto asked = [&](Finding& f) {
    if (!c.file.file.empty()) {
      if (!c.file.go.empty()) f.evidence.push_back(Evidence{"go line", c.file.go, c.file.file});
      if (!c.file.toolchain.empty()) f.evidence.push_back(Evidence{"toolchain line", c.file.toolchain, c.file.file});
    }
    f.evidence.push_back(ev("GOTOOLCHAIN", Key::GOTOOLCHAIN));
  };
  std::string local = r_.switched ? r_.local.version : r_.go.version;
  if (c.outcome == ToolchainOutcome::path || c.outcome == ToolchainOutcome::modcache) {
    Finding& f = add("toolchain-switch", Severity::info, Area::module,
                     fmt::format("go switches to {} here ({})", c.name, c.reason));
    f.evidence.push_back(Evidence{"go on PATH", r_.local.path, local});
    f.evidence.push_back(Evidence{"runs", c.binary, c.name});
    asked(f);
  } else if (c.outcome == ToolchainOutcome::download) {
    Finding& f = add("toolchain-download", Severity::warn, Area::module,
                     fmt::format("go will download {} on its next run here ({})", c.name, c.reason));
    f.evidence.push_back(Evidence{"go on PATH", r_.go.path, local});
    asked(f);
    f.fix.push_back(fmt::format("go install golang.org/dl/{0}@latest && {0} download   # or install {0} any other way", c.name));
    f.fix.push_back("# or keep the local toolchain here: " + fx_.set_env("GOTOOLCHAIN", "local") +
                    " (builds then fail if the module needs the newer go)");
  }
  std::string problem = c.outcome == ToolchainOutcome::unavailable ? (c.fatal.empty() ? c.build_error : c.fatal)
                        : (c.outcome == ToolchainOutcome::invalid && c.fatal.rfind("go: invalid GOTOOLCHAIN", 0) != 0)
                            ? c.fatal
                            : c.build_error;
  if (!problem.empty()) {
    Finding& f = add("toolchain-unavailable", Severity::error, Area::module,
                     "go refuses to build here: the module's toolchain requirement cannot be met");
    f.evidence.push_back(Evidence{"go prints", problem, "cmd/go"});
    asked(f);
    if (r_[Key::GOTOOLCHAIN].source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOTOOLCHAIN"));
    else if (r_[Key::GOTOOLCHAIN].source == Source::process_env) f.fix.push_back(fx_.unset_env("GOTOOLCHAIN"));
    f.fix.push_back("# or install the Go version the module asks for and put it first on PATH");
  }
}

}  // namespace gs::catalog
