// Facts read from a go binary's file: its version and target from the
// embedded build info, and its built-in default GOROOT where the file tells.
#pragma once

#include <string>

#include "segment/probe/probe.h"
#include "util/disk.h"

namespace gs {

// Fills go->version, goos, goarch, default_goroot(_known) and error from the
// file at path. Reads a few small blocks, never the whole binary.
void inspect_go_binary(Disk& disk, const std::string& path, GoBinary* go);

}  // namespace gs
