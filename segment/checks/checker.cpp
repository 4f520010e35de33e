// The Checker's shared helpers (programs in a directory, an SDK's version,
// SDKs in the usual install folders) and the catalog's order.
#include "segment/checks/checker.h"

#include <fmt/format.h>

namespace gs::catalog {

// The directory's stat is recorded, as listed (a new entry moves its mtime),
// and so is the stat of the first program found, so the answer follows go
// install.
bool Checker::holds_a_program(const std::string& dir) {
  if (!disk_.stat(dir).is_dir()) return false;
  std::vector<DirEntry> entries;
  if (!disk_.list_dir(dir, &entries)) return false;
  for (const DirEntry& e : entries)
    if (!e.name.empty() && e.name[0] != '.' && disk_.stat(fp::join({dir, e.name}, s_)).kind == FileKind::regular)
      return true;
  return false;
}

// The version of the SDK at goroot as the build sees it: the compile tool's
// own build info (what `go build` checks against), else GOROOT/VERSION.
std::string Checker::sdk_version(const std::string& goroot, std::string* how) {
  const std::string tool = fp::join(
      {goroot, "pkg", "tool", r_.go.goos + "_" + r_.go.goarch, windows() ? "compile.exe" : "compile"}, s_);
  GoBinary compile;
  if (disk_.stat(tool).is_regular()) {
    inspect(tool, &compile);
    // The Go that built compile: that is the SDK's version (compile is
    // not cmd/go, so `version`, the go command's own, stays empty).
    const std::string& v = compile.built_with;
    if (!v.empty()) {
      *how = tool;
      return v;
    }
  }
  std::string data;
  std::string vf = fp::join({goroot, "VERSION"}, s_);
  if (disk_.read_file(vf, 64 << 10, &data)) {
    *how = vf;
    return data.substr(0, data.find('\n'));
  }
  return "";
}

// SDKs in the usual install folders, for go-not-found's fix.
std::vector<std::string> Checker::visible_sdks() {
  std::vector<std::string> roots;
  std::string goroot = r_[Key::GOROOT].value;
  if (!goroot.empty()) roots.push_back(goroot);
  if (windows()) {
    roots.push_back("C:\\Program Files\\Go");
    roots.push_back("C:\\Go");
    std::string up = in_.env->get("USERPROFILE");
    if (!up.empty()) roots.push_back(fp::join({up, "scoop", "apps", "go", "current"}, s_));
  } else {
    roots.push_back("/usr/local/go");
    roots.push_back("/usr/lib/go");
    for (int minor = 30; minor >= 18; --minor) roots.push_back(fmt::format("/usr/lib/go-1.{}", minor));
    roots.push_back("/opt/homebrew/opt/go/libexec");
    roots.push_back("/usr/local/opt/go/libexec");
    roots.push_back("/snap/go/current");
  }
  std::vector<std::string> found;
  for (const std::string& root : roots) {
    std::string bin = fp::join({root, "bin", windows() ? "go.exe" : "go"}, s_);
    if (disk_.stat(bin).is_regular()) found.push_back(fp::join({root, "bin"}, s_));
  }
  return found;
}

Report Checker::run() {
  check_go_found();
  check_goroot();
  check_gopath();
  check_path();
  check_config();
  check_module();
  check_manager();
  return std::move(rep_);
}

}  // namespace gs::catalog
