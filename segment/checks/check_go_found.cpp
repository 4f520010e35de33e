// Area path: is there a go on PATH, can this machine run it, is it the go
// command (go-not-found, go-wrong-arch, go-not-cmd-go).
#include "segment/checks/checker.h"

#include <fmt/format.h>

#include "segment/shell/quote.h"

namespace gs::catalog {

// The shell finds no go: every go command fails with "command not found".
void Checker::check_go_found() {
  check("go-not-found", Area::path, "a go command is on PATH");
  check("go-wrong-arch", Area::path, "the go on PATH is built for this machine", r_.go.found);
  check("go-not-cmd-go", Area::path, "the go on PATH is the go command", r_.go.found);
  // An SDK for another OS or architecture (an arm64 archive unpacked on
  // amd64): the kernel refuses it, and every shell prints "Exec format
  // error" and exits 126.
  if (r_.go.found && r_.go.foreign) {
    Finding& f = add("go-wrong-arch", Severity::error, Area::path,
                     fmt::format("the go on PATH is built for {}/{}: this {}/{} machine cannot run it",
                                 r_.go.goos, r_.go.goarch, in_.host_goos, in_.host_goarch));
    f.evidence.push_back(Evidence{"go", r_.go.path, fmt::format("{} {}/{}", r_.go.version, r_.go.goos, r_.go.goarch)});
    f.evidence.push_back(Evidence{"shell prints", "cannot execute binary file: Exec format error", "exit 126"});
    const std::string archive = fmt::format("{}.{}-{}.{}", r_.go.version, in_.host_goos, in_.host_goarch,
                                            in_.host_goos == "windows" ? "zip" : "tar.gz");
    std::string bin = fp::dir(r_.go.resolved.empty() ? r_.go.path : r_.go.resolved, s_);
    std::string root = fp::dir(bin, s_);
    f.fix.push_back(fmt::format("# install the archive for this machine, {} (https://go.dev/dl/), in place of {}", archive, root));
    if (!windows() && fp::base(bin, s_) == "bin" && fp::base(root, s_) == "go")
      f.fix.push_back(fmt::format("rm -rf {0} && tar -C {1} -xzf {2}", quote_readable(Shell::bash, root), quote_readable(Shell::bash, fp::dir(root, s_)), archive));
  }
  // A Go program named go whose build info is not cmd/go's: not the go
  // command, whatever it answers.
  const GoBinary& first = r_.shim.found ? r_.shim : r_.go;
  if (first.found && first.not_cmd_go()) {
    const bool answered = r_.spawned.ok();
    Finding& f = add("go-not-cmd-go", answered ? Severity::info : Severity::warn, Area::path,
                     answered ? "the go on PATH is a Go program but not the go command; it answered as one (a wrapper?)"
                              : "the go on PATH is a Go program but not the go command");
    f.evidence.push_back(Evidence{"go", first.path, "build info path " + first.main_path});
    f.evidence.push_back(Evidence{"built with", first.built_with, "build info"});
    if (!answered) {
      std::vector<std::string> sdks = visible_sdks();
      f.fix.push_back(fmt::format("# rename or remove {}, or put the real go first:", first.path));
      f.fix.push_back(fx_.prepend_path(sdks.empty() ? (windows() ? "C:\\Program Files\\Go\\bin" : "/usr/local/go/bin") : sdks[0]));
    }
  }
  if (r_.go.found) return;
  Finding& f = add("go-not-found", Severity::error, Area::path, "no go command on PATH");
  f.evidence.push_back(Evidence{"PATH", in_.env->get("PATH"), "env"});
  std::vector<std::string> sdks = visible_sdks();
  if (sdks.empty()) {
    f.fix.push_back("install Go (https://go.dev/dl/ or your package manager), then open a new terminal");
  } else {
    f.fix.push_back(fmt::format("# a Go SDK is installed at {}", fp::dir(sdks[0], s_)));
    f.fix.push_back(fx_.prepend_path(sdks[0]));
  }
}

}  // namespace gs::catalog
