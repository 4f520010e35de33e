// Go binaries in FakeDisk carry their facts in their content: "go1.23.5",
// optionally followed by " default=/usr/lib/go-1.19" for a built-in GOROOT.
// ProbeInput::inspect = fake_inspect reads them.
#pragma once

#include <string>

#include "segment/probe/probe.h"

namespace gs {

inline void fake_inspect(Disk& disk, const std::string& path, GoBinary* go) {
  std::string data;
  if (!disk.read_file(path, 1 << 20, &data) || data.rfind("go1.", 0) != 0) {
    go->error = "no build info";
    return;
  }
  size_t sp = data.find(' ');
  go->version = data.substr(0, sp);
  go->built_with = go->version;  // as inspect_go_binary: the Go that built it
  go->goos = "linux";
  go->goarch = "amd64";
  go->default_goroot_known = true;
  if (sp != std::string::npos && data.compare(sp + 1, 8, "default=") == 0) go->default_goroot = data.substr(sp + 9);
}

// The same, for go.exe files of windows/amd64.
inline void fake_inspect_windows(Disk& disk, const std::string& path, GoBinary* go) {
  fake_inspect(disk, path, go);
  if (go->error.empty()) go->goos = "windows";
}

}  // namespace gs
