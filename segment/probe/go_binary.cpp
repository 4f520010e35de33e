#include "segment/probe/go_binary.h"

#include "segment/golang/buildinfo/buildinfo.h"

namespace gs {

void inspect_go_binary(Disk& disk, const std::string& path, GoBinary* go) {
  std::unique_ptr<ReadableFile> f = disk.open_read(path);
  if (!f) {
    go->error = "cannot open " + path;
    return;
  }
  BuildInfo bi;
  std::string err;
  if (!read_buildinfo(*f, &bi, &err)) {
    go->error = err;
    return;
  }
  go->main_path = bi.path;
  go->built_with = bi.go_version;
  go->goos = setting(bi, "GOOS");
  go->goarch = setting(bi, "GOARCH");
  if (go->not_cmd_go()) {
    // A Go program named go is not the go command: what it prints for
    // `go env` is its own business (the probe may ask it, once).
    go->error = "not the go command: its build info's path is " + bi.path;
    return;
  }
  go->version = bi.go_version;
  // A -trimpath build has no built-in GOROOT (cmd/go clears it for the
  // linker), which settles it without reading the pclntab; otherwise the
  // file table says (see read_default_goroot).
  if (setting(bi, "-trimpath") == "true") {
    go->default_goroot_known = true;
    go->default_goroot.clear();
    return;
  }
  DefaultGorootResult d = read_default_goroot(*f);
  go->default_goroot_known = d.kind != DefaultGoroot::unknown;
  go->default_goroot = d.kind == DefaultGoroot::known ? d.path : std::string();
}

}  // namespace gs
