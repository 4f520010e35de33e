// Which go command's rules apply: one table of the behaviours that differ
// between the go versions gostatus models (go1.19, go1.21-1.27), keyed to the
// first version that has each, from runtime.Version() of the go that runs.
// Each field names the Go source file that decides it; docs/toolchain-rules.md
// has the table with line numbers.
#pragma once

#include <string_view>

#include "util/json.h"

namespace gs {

struct GoRules {
  // go1.21+: toolchain.Select exists, GOTOOLCHAIN is known
  // (cmd/go/internal/toolchain/select.go).
  bool select = true;
  // go1.21 only: a toolchain line equal to the minimum is taken (select.go).
  bool toolchain_ge = false;
  // go1.23+: `go env GOMOD` / `go env GOWORK` alone skip Select (select.go).
  bool env_gomod_special = true;
  // go1.21 and older: $GOPATH/go.mod is fatal, 1.22+ a warning
  // (cmd/go/internal/modload/init.go, Init).
  bool gopath_gomod_fatal = false;
  // go1.22+: `go env -json` writes \b and \f, not \u0008 and \u000c
  // (encoding/json/encode.go, appendString).
  bool json_short_bf = true;
  // go1.24+: os.UserConfigDir and os.UserCacheDir fail for a relative
  // $XDG_CONFIG_HOME / $XDG_CACHE_HOME (os/file.go), so GOENV is empty and
  // GOCACHE is "off".
  bool xdg_must_be_abs = true;
  // go1.24+: the GOPATH==GOROOT warning reads "both GOPATH and GOROOT are
  // the same directory" (cmd/go/main.go); before, "GOPATH set to GOROOT".
  bool gopath_goroot_same_dir_warning = true;
  // go1.27+: `go env GOBIN` prints where go install writes when GOBIN is
  // unset: $GOPATH[0]/bin in module mode (modload.BinDir), else the GOPATH
  // entry holding the cwd (cmd/go/internal/envcmd/env.go, ExtraEnvVars).
  bool gobin_effective = true;
  // go1.27+: encoding/json is backed by json/v2 (GOEXPERIMENT jsonv2 on by
  // default, internal/buildcfg/exp.go), which writes invalid UTF-8 as the
  // raw bytes of U+FFFD instead of \ufffd (encoding/json/v2_encode.go).
  bool json_raw_replacement = true;
  // go1.27+: under GO111MODULE=auto a go.work enables modules for
  // toolchain.Select even without a go.mod (modload/init.go, WillBeEnabled).
  bool workspace_enables_select = true;

  // How this go's encoding/json writes a string (go env -json).
  JsonStyle json_style() const { return JsonStyle{json_short_bf, json_raw_replacement}; }
};

// An empty or unreadable version gets the newest rules.
GoRules go_rules(std::string_view runtime_version);

}  // namespace gs
