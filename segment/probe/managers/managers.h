// Go version managers: which go a manager's shim or link really runs here,
// worked out from the manager's own files the way the manager does it (see
// docs/version-managers.md for each rule and where it comes from). One file
// per manager (scoop.cpp, goenv.cpp, asdf.cpp, mise.cpp, g.cpp, gvm.cpp);
// a go nothing here explains is asked once (segment/probe/go_query.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/environ.h"
#include "segment/golang/filepath.h"
#include "util/disk.h"

namespace gs {

enum class Manager : uint8_t { none, scoop, goenv, asdf, mise, g, gvm };
std::string_view manager_name(Manager m);

struct ManagerInput {
  const Environ* env = nullptr;
  std::string cwd;
  PathStyle style = kHostStyle;
  bool windows = false;
  std::string go_path;      // the go the shell finds on PATH (absolute)
  std::string go_resolved;  // the same after symlinks ("" when that failed)
  bool go_is_binary = false;  // a Go binary whose build info was readable
  std::vector<std::string> gos_on_path;  // every go on PATH, in order
};

struct ManagerResult {
  Manager manager = Manager::none;
  std::string how;          // "shim", "link", "PATH mode", ...
  std::string root;         // GOENV_ROOT, ASDF_DATA_DIR, the scoop root, ...
  std::string version;      // as the manager names it: "1.22.1", "system"
  std::string selected_by;  // the file or variable that chose the version
  // The go the manager runs for this directory ("" when the go on PATH is
  // already the real binary, or when it could not be told from files).
  std::string go;
  // What the manager exports to that go (goenv exec: GOROOT, GOPATH; asdf's
  // exec-env: GOROOT, GOBIN, GOPATH; mise: GOROOT).
  std::vector<std::pair<std::string, std::string>> env;
  bool not_installed = false;  // the selected version is not there: go fails
  std::string error;           // what the manager prints then
  std::string install_fix;     // the manager's own install command

  bool found() const { return manager != Manager::none; }
  // The go on PATH is the manager's stand-in: never run it (a manager may
  // install a missing version on first use).
  bool is_shim() const { return found() && how != "link" && how != "PATH mode" && how != "install dir"; }
};

ManagerResult detect_manager(Disk& disk, const ManagerInput& in);

}  // namespace gs
