// Area path: version managers and the one fallback spawn (version-manager,
// version-not-installed, go-spawned, go-version-unknown).
#include "segment/checks/checker.h"

#include <fmt/format.h>

namespace gs::catalog {

// Version managers and the one fallback spawn: what runs, who chose it, and
// whether gostatus had to run it to find out.
void Checker::check_manager() {
  check("version-not-installed", Area::path, "the version manager's selected Go is installed");
  check("go-version-unknown", Area::path, "gostatus can tell which go runs");
  const ManagerResult& m = r_.manager;
  if (m.found()) {
    std::string what = m.is_shim() ? "shim" : m.how;
    Finding& f = add("version-manager", Severity::info, Area::path,
                     m.version.empty() ? fmt::format("go comes from {} ({})", manager_name(m.manager), what)
                                       : fmt::format("go comes from {} ({}): version {} selected by {}",
                                                     manager_name(m.manager), what, m.version,
                                                     m.selected_by.empty() ? "its default" : m.selected_by));
    f.evidence.push_back(Evidence{"manager", std::string(manager_name(m.manager)), m.root});
    f.evidence.push_back(Evidence{"go on PATH", m.is_shim() ? r_.shim.path : r_.go.path, what});
    if (!m.version.empty()) f.evidence.push_back(Evidence{"version", m.version, m.selected_by});
    if (!m.go.empty()) f.evidence.push_back(Evidence{"runs", m.go, r_.go.version.empty() ? "version unknown" : r_.go.version});
    for (const auto& [k, v] : m.env) f.evidence.push_back(Evidence{k, v, fmt::format("set by {}", manager_name(m.manager))});
  }
  if (m.not_installed) {
    Finding& f = add("version-not-installed", Severity::error, Area::path,
                     fmt::format("{} selects a Go that is not installed: every go command fails here",
                                 manager_name(m.manager)));
    f.evidence.push_back(Evidence{std::string(manager_name(m.manager)) + " prints", m.error, m.selected_by});
    f.fix.push_back(m.install_fix);
    if (!m.selected_by.empty() && m.selected_by.find('/') != std::string::npos)
      f.fix.push_back("# or change the version in " + m.selected_by);
  }
  const SpawnedGo& sp = r_.spawned;
  if (!sp.used) return;
  std::string cmd = sp.program;
  for (const std::string& a : sp.args) cmd += " " + a;
  if (sp.ok()) {
    Finding& f = add("go-spawned", Severity::info, Area::path,
                     "no file tells what the go on PATH is: gostatus ran it once (cached until it changes)");
    f.evidence.push_back(Evidence{"ran", cmd, "GOTOOLCHAIN=local, no shell"});
    f.evidence.push_back(Evidence{"answered", sp.goversion + " " + sp.goroot, fmt::format("{} ms", sp.elapsed_ms)});
    return;
  }
  Finding& f = add("go-version-unknown", Severity::warn, Area::path,
                   "the go on PATH is not a Go binary and running it gave no answer: its version is unknown");
  f.evidence.push_back(Evidence{"ran", cmd, "GOTOOLCHAIN=local, no shell"});
  f.evidence.push_back(Evidence{"result", sp.error, sp.status});
  f.fix.push_back("# make " + sp.program + " answer `go env -json GOROOT GOVERSION` promptly, or put the real go first:");
  std::vector<std::string> sdks = visible_sdks();
  f.fix.push_back(fx_.prepend_path(sdks.empty() ? (windows() ? "C:\\Program Files\\Go\\bin" : "/usr/local/go/bin") : sdks[0]));
  f.fix.push_back("# this answer is cached until " + sp.program + " changes; after fixing something else: gostatus cache clear");
}

}  // namespace gs::catalog
