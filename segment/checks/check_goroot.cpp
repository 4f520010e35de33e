// Area goroot: GOROOT as go resolves it (goroot-trimmed-unset, -not-found,
// -not-sdk, -version-mismatch, -foreign, -redundant).
#include "segment/checks/checker.h"

#include <fmt/format.h>

namespace gs::catalog {

void Checker::check_goroot() {
  const Value& goroot = r_[Key::GOROOT];
  const bool applicable = r_.go.found && !r_.go_unknown;
  check("goroot-trimmed-unset", Area::goroot, "go can find its GOROOT", applicable);
  check("goroot-not-found", Area::goroot, "GOROOT is a directory", applicable);
  check("goroot-not-sdk", Area::goroot, "GOROOT holds a Go SDK", applicable);
  check("goroot-version-mismatch", Area::goroot, "GOROOT's SDK matches the go binary's version", applicable);
  check("goroot-foreign", Area::goroot, "GOROOT is the go binary's own SDK", applicable);
  check("goroot-redundant", Area::goroot, "GOROOT is not set needlessly", applicable);
  if (!applicable) return;

  // main.go: "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set".
  if (goroot.value.empty()) {
    Finding& f = add("goroot-trimmed-unset", Severity::error, Area::goroot,
                     "go was built without a GOROOT, is not inside one, and GOROOT is unset: go refuses to start");
    f.evidence.push_back(Evidence{"go", r_.go.exe, r_.go.version});
    f.evidence.push_back(Evidence{"GOROOT candidates", fp::join({r_.go.exe, "../.."}, s_) + " (no pkg/tool)", "executable"});
    f.fix.push_back("# run the go inside its SDK (GOROOT/bin/go) instead of a copy, or point GOROOT at that SDK:");
    std::vector<std::string> sdks = visible_sdks();
    f.fix.push_back(fx_.set_env("GOROOT", sdks.empty() ? "/path/to/go" : fp::dir(sdks[0], s_)));
    not_applicable({"goroot-not-found", "goroot-not-sdk", "goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // main.go: "go: cannot find GOROOT directory: %v" when os.Stat fails or is not a dir.
  FileStat st = disk_.stat(goroot.value);
  if (!st.is_dir()) {
    Finding& f = add("goroot-not-found", Severity::error, Area::goroot,
                     st.exists() ? "GOROOT is not a directory: go refuses to start"
                                 : "GOROOT does not exist: go refuses to start");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
    f.fix.push_back("# go finds its own GOROOT from its location; " + fx_.profile_note("GOROOT"));
    not_applicable({"goroot-not-sdk", "goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // Without pkg/tool nothing compiles; without src/runtime no package builds.
  std::string tool = fp::join({goroot.value, "pkg", "tool"}, s_);
  std::string runtime = fp::join({goroot.value, "src", "runtime"}, s_);
  bool has_tool = disk_.stat(tool).is_dir(), has_runtime = disk_.stat(runtime).is_dir();
  if (!has_tool || !has_runtime) {
    Finding& f = add("goroot-not-sdk", Severity::error, Area::goroot,
                     "GOROOT is not a Go SDK: builds fail (package fmt is not in std)");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (!has_tool) f.evidence.push_back(Evidence{"missing", tool, "stat"});
    if (!has_runtime) f.evidence.push_back(Evidence{"missing", runtime, "stat"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
    not_applicable({"goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // The compiler in GOROOT must be the go command's own version: go build
  // fails with "compile: version X does not match go tool version Y".
  std::string how;
  std::string sdk = sdk_version(goroot.value, &how);
  const bool version_known = !sdk.empty() && !r_.go.version.empty();
  const bool mismatch = version_known && sdk.rfind("go1", 0) == 0 && sdk != r_.go.version;
  if (mismatch) {
    Finding& f = add("goroot-version-mismatch", Severity::error, Area::goroot,
                     fmt::format("GOROOT holds {} but go is {}: every build fails", sdk, r_.go.version));
    f.evidence.push_back(Evidence{"go", r_.go.path, r_.go.version});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"SDK version", sdk, how});
    if (configured(Key::GOROOT)) {
      if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
      else f.fix.push_back(fx_.unset_env("GOROOT"));
      f.fix.push_back("# let go use its own SDK; " + fx_.profile_note("GOROOT"));
    } else {
      f.fix.push_back("# the SDK was upgraded only in part: reinstall Go into " + goroot.value);
    }
    not_applicable({"goroot-foreign"});
  }
  if (!configured(Key::GOROOT) || from_manager("GOROOT")) return;
  const std::string& own = r_.discovered_goroot;
  bool same = !own.empty() && (fp::same_path(own, goroot.value, s_) || [&] {
                FileStat a = disk_.stat(own);
                return a.exists() && a.dev == st.dev && a.ino == st.ino;
              }());
  if (same) {
    Finding& f = add("goroot-redundant", Severity::info, Area::goroot,
                     "GOROOT is set to what go finds by itself: harmless now, wrong after the next upgrade");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go would find", own, "executable"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
  } else if (!mismatch) {
    Finding& f = add("goroot-foreign", Severity::warn, Area::goroot,
                     "GOROOT points at another SDK than the go binary's own");
    f.evidence.push_back(Evidence{"go", r_.go.path, r_.go.version});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go's own SDK", own.empty() ? "(none found)" : own, "executable"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
  }
}

}  // namespace gs::catalog
