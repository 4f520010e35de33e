// `gostatus debug buildinfo [--default-goroot] FILE...`: a hidden subcommand
// that prints exactly what `go version -m FILE...` prints, from our own
// reader (segment/golang/buildinfo/buildinfo.h), so the end-to-end tests can diff the two.
#pragma once

#include <string>
#include <vector>

#include "util/disk.h"

namespace gs {

// args are the words after "debug buildinfo". Output meant for stdout goes to
// *out, for stderr to *err (when given; otherwise it is dropped). Returns the
// exit status: like go, 1 when an argument cannot be stat'ed, 0 otherwise
// (go also exits 0 after reporting a file that is not a Go binary); 2 for a
// usage error.
//
// Without flags: `go version -m` output. Directories are walked as go does
// (lexical order, symlinked directories not followed, only Go binaries
// reported).
// With --default-goroot: one line per FILE, tab-separated:
//   FILE <TAB> known <TAB> /usr/lib/go-1.19
//   FILE <TAB> none <TAB> reason
//   FILE <TAB> unknown <TAB> reason
int cmd_buildinfo(Disk& disk, const std::vector<std::string>& args, std::string* out,
                  std::string* err = nullptr);

}  // namespace gs
