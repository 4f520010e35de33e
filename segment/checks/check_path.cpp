// Area path (and GOBIN's config and goroot checks): several gos on PATH,
// and where go install writes (go-shadowed, gobin-relative, gobin-in-goroot,
// gobin-not-on-path).
#include "segment/checks/checker.h"

#include <fmt/format.h>

#include "segment/golang/version.h"

namespace gs::catalog {

void Checker::check_path() {
  const bool applicable = r_.go.found;
  check("go-shadowed", Area::path, "the go that runs is the one configured and the newest on PATH", applicable);
  check("gobin-relative", Area::config, "GOBIN is absolute", applicable);
  check("gobin-in-goroot", Area::goroot, "go install writes outside GOROOT", applicable);
  check("gobin-not-on-path", Area::path, "go install's directory is on PATH", applicable);
  if (!applicable) return;

  // Several gos on PATH: the first wins. Wrong when GOROOT names a later
  // one's SDK, or when a later one is newer.
  // A manager's shim first on PATH is meant to shadow the rest.
  if (r_.gos_on_path.size() > 1 && !r_.manager.is_shim()) {
    const std::string& goroot = r_[Key::GOROOT].value;
    std::vector<std::string> versions(r_.gos_on_path.size());
    versions[0] = r_.go.version;
    std::string newer, configured_later;
    for (size_t i = 1; i < r_.gos_on_path.size(); ++i) {
      const GoCandidate& c = r_.gos_on_path[i];
      GoBinary other;
      std::string resolved;
      fp::eval_symlinks(disk_, c.path, &resolved, nullptr, s_);
      if (resolved.empty()) resolved = c.path;
      if (resolved == r_.go.resolved) continue;  // the same binary through another link
      inspect(resolved, &other);
      versions[i] = other.version;
      std::string v0 = version_from_toolchain(r_.go.version), vi = version_from_toolchain(other.version);
      if (newer.empty() && !v0.empty() && !vi.empty() && compare_go_versions(vi, v0) > 0) newer = c.path;
      if (configured(Key::GOROOT) && configured_later.empty() &&
          fp::same_path(fp::dir(c.path, s_), fp::join({goroot, "bin"}, s_), s_) &&
          !fp::same_path(fp::dir(r_.go.path, s_), fp::join({goroot, "bin"}, s_), s_))
        configured_later = c.path;
    }
    if (!newer.empty() || !configured_later.empty()) {
      Finding& f = add("go-shadowed", Severity::warn, Area::path,
                       !configured_later.empty() ? "an earlier go on PATH shadows the one GOROOT names"
                                                 : "an older go comes first on PATH; a newer one is shadowed");
      for (size_t i = 0; i < r_.gos_on_path.size(); ++i)
        f.evidence.push_back(Evidence{i == 0 ? "runs" : "shadowed", r_.gos_on_path[i].path,
                                      versions[i].empty() ? "version unknown" : versions[i]});
      if (configured(Key::GOROOT)) f.evidence.push_back(ev("GOROOT", Key::GOROOT));
      f.fix.push_back(fx_.prepend_path(fp::dir(!configured_later.empty() ? configured_later : newer, s_)));
      f.fix.push_back("# or remove " + r_.go.path + " (or its directory) from PATH");
    }
  }

  const Value& gobin = r_[Key::GOBIN];
  // From go1.27 GOBIN reports the derived install dir too: only a GOBIN
  // someone set counts here.
  const bool gobin_set = !gobin.value.empty() && gobin.source != Source::default_value;
  // go install: "cannot install, GOBIN must be an absolute path".
  if (gobin_set && !fp::is_abs(gobin.value, s_)) {
    Finding& f = add("gobin-relative", Severity::error, Area::config,
                     "GOBIN is not an absolute path: go install fails");
    f.evidence.push_back(ev("GOBIN", Key::GOBIN));
    f.fix.push_back(gobin.source == Source::user_env_file ? fx_.go_env_u("GOBIN") : fx_.unset_env("GOBIN"));
    return;
  }
  const std::string& dir = r_.install_dir;
  if (dir.empty() || !fp::is_abs(dir, s_)) return;
  const std::string& goroot = r_[Key::GOROOT].value;
  bool gopath_is_goroot = fp::same_path(r_[Key::GOPATH].value, goroot, s_);
  if (!goroot.empty() && !gopath_is_goroot && fp::has_prefix_dir(dir, goroot, s_)) {
    Finding& f = add("gobin-in-goroot", Severity::error, Area::goroot,
                     "go install writes into GOROOT: installed tools overwrite the SDK's");
    f.evidence.push_back(Evidence{"install dir", dir, gobin_set ? where(gobin) : "GOPATH[0]/bin"});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (gobin_set)
      f.fix.push_back(gobin.source == Source::user_env_file ? fx_.go_env_u("GOBIN") : fx_.unset_env("GOBIN"));
    else
      f.fix.push_back(fx_.go_env_w("GOPATH=" + home_go()));
  }
  bool on_path = false;
  for (const std::string& e : fp::split_list(in_.env->get("PATH"), s_))
    if (!e.empty() && fp::same_path(e, dir, s_)) on_path = true;
  // asdf's GOBIN is reached through its shims (asdf-golang reshims after go install).
  if (!on_path && !from_manager("GOBIN")) {
    // Before anything was installed there (a fresh Go install, no ~/go/bin
    // yet) nothing is "command not found": a prompt mark would be on from
    // day one and teach people to ignore marks. It warns once the directory
    // holds a program; doctor still tells as a note.
    const bool used = holds_a_program(dir);
    Finding& f = add("gobin-not-on-path", used ? Severity::warn : Severity::info, Area::path,
                     used ? "go install's directory is not on PATH: installed tools are \"command not found\""
                          : "go install's directory is not on PATH: tools you install will be \"command not found\"");
    f.evidence.push_back(Evidence{"install dir", dir, gobin_set ? where(gobin) : "GOPATH[0]/bin"});
    f.fix.push_back(fx_.prepend_path(dir));
  }
}

}  // namespace gs::catalog
