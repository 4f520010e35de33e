// Facts read from a go binary's file: its version and target from the
// embedded build info, and its built-in default GOROOT where the file tells.
#pragma once

#include <string>

#include "util/disk.h"

namespace gs {

// What the probe learned about a go binary (the one that runs, the go on
// PATH before a toolchain switch, a manager's shim).
struct GoBinary {
  bool found = false;
  std::string path;       // the PATH hit, absolute
  std::string exe;        // what os.Executable() returns inside that go
  std::string resolved;   // after filepath.EvalSymlinks ("" if it failed)
  std::string version;    // runtime.Version(), "go1.23.5"; "" when unreadable
  std::string goos, goarch;
  bool default_goroot_known = false;  // false: could not tell from the file
  std::string default_goroot;         // runtime.defaultGOROOT ("" = trimmed)
  std::string error;                  // why build info could not be read
  // The build info's `path` line: "cmd/go" for the go command. Another Go
  // program named go (a shim, a hello world) has its own, and is not
  // treated as the go command: version stays "".
  std::string main_path;
  // The Go version that built the binary (the build info's go line), for
  // any Go program: for the go command the same as version, for an SDK's
  // compile tool the SDK's version.
  std::string built_with;
  bool not_cmd_go() const { return !main_path.empty() && main_path != "cmd/go"; }
  // Built for another OS or architecture than this machine runs (an arm64
  // tarball unpacked on amd64): no shell can run it (Exec format error).
  bool foreign = false;
};

// Fills go->version, goos, goarch, default_goroot(_known) and error from the
// file at path. Reads a few small blocks, never the whole binary.
void inspect_go_binary(Disk& disk, const std::string& path, GoBinary* go);

}  // namespace gs
