// Module context and toolchain selection, computed from files the way the go
// command computes them before it runs anything: where go.mod and go.work
// are (cmd/go/internal/modload: FindGoMod, findModuleRoot, FindGoWork,
// findWorkspaceFile, Init, WillBeEnabled; envcmd.ExtraEnvVars) and which
// toolchain really runs (cmd/go/internal/toolchain: Select, Exec,
// modGoToolchain; gover.GoModLookup, gover.TooNewError).
// docs/toolchain-rules.md lists every rule with its source line.
//
// Every file access goes through the Disk seam (stat and a bounded read
// only, never a directory listing), so a RecordingDisk sees each stat of the
// upward search as a cache dependency.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "segment/golang/filepath.h"
#include "segment/golang/lookpath.h"
#include "segment/golang/rules.h"
#include "util/disk.h"

namespace gs {

// gover.Local(): "go1.23.5" -> "1.23.5"; a devel build "devel go1.24-abc" -> "1.24".
std::string local_go_version(std::string_view runtime_version);
// gover.LocalToolchain(): "go1.23.5" -> "go1.23.5"; devel -> "go1.24".
std::string local_toolchain_name(std::string_view runtime_version);

// Everything the module search depends on, after go's env precedence
// (cfg.Getenv: the environment, then the go env file, then GOROOT/go.env).
struct ModuleInput {
  std::string go111module;  // cfg.Getenv("GO111MODULE")
  std::string gowork;       // cfg.Getenv("GOWORK")
  std::string cwd;          // os.Getwd() (honours $PWD when it names the same dir)
  std::string goroot;       // cfg.GOROOT, cleaned: findWorkspaceFile does not climb into it
  std::string gopath;       // cfg.BuildContext.GOPATH: Init warns about $GOPATH[0]/go.mod
  std::string temp_dir;     // os.TempDir(): a go.mod there is ignored
  std::string go_version;   // runtime.Version() of the go that runs, "go1.23.5"
  PathStyle style = kHostStyle;
  bool windows = false;     // the go's GOOS is windows: os.DevNull is "NUL"
};

// What `go env GOMOD GOWORK` computes (envcmd.ExtraEnvVars), plus what
// Select reads (toolchain.modGoToolchain).
struct ModuleContext {
  bool modules_enabled = false;   // modload.Enabled() after Init
  bool will_be_enabled = false;   // modload.WillBeEnabled(): gates toolchain.Select
  std::string gomod;              // go env GOMOD: the go.mod, os.DevNull, or ""
  std::string gowork;             // go env GOWORK: the go.work, "off", or ""
  std::string workfile;           // FindGoWork(): "" when off or none (may name a missing file)
  std::string modfile;            // FindGoMod(): "" when none or in the temp root
  std::vector<std::string> warnings;  // lines go prints to stderr and continues
  std::string fatal;              // non-empty: `go env` exits 1 with this on stderr
};

// modload.findModuleRoot + FindGoMod: the go.mod path, or "".
// *in_temp_root is set when the nearest go.mod was the temp root's (ignored).
std::string find_go_mod(Disk& disk, const std::string& cwd, const std::string& temp_dir,
                        PathStyle style, bool* in_temp_root = nullptr);
// modload.findWorkspaceFile: the nearest go.work, never climbing into goroot.
std::string find_workspace_file(Disk& disk, const std::string& cwd, const std::string& goroot,
                                PathStyle style);

ModuleContext module_context(Disk& disk, const ModuleInput& in);

// gover.GoModLookup: the value of the first line `key value` (comments cut),
// without parsing the file. "" when there is none.
std::string go_mod_lookup(std::string_view data, std::string_view key);

// toolchain.modGoToolchain: the file Select reads and its go/toolchain lines.
struct ToolchainFile {
  std::string file;       // go.work (if it exists) else go.mod; "" when none
  std::string go;         // first `go` line value ("1.22", "1.21.0", "" if none)
  std::string toolchain;  // first `toolchain` line value ("go1.23.1", "default", "")
  std::string fatal;      // Select exits 1 with this (bad GOWORK, unreadable file)
};
ToolchainFile mod_go_toolchain(Disk& disk, const ModuleInput& in);

enum class ToolchainOutcome {
  local,        // the go on PATH runs the command itself
  path,         // exec of a `goX.Y.Z` found on PATH (binary)
  modcache,     // exec of GOMODCACHE/golang.org/toolchain@v0.0.1-goX.Y.Z.GOOS-GOARCH/bin/go
  download,     // go would download the toolchain (mode auto, not on PATH, not cached)
  unavailable,  // GOTOOLCHAIN forbids the needed version (see fatal / build_error)
  invalid,      // GOTOOLCHAIN or the toolchain line is invalid: fatal
};
std::string_view outcome_name(ToolchainOutcome o);

struct SelectInput {
  ModuleInput module;
  std::string gotoolchain;   // cfg.Getenv("GOTOOLCHAIN") (env, go env file, GOROOT/go.env)
  std::string path_env;      // $PATH (Windows: %path%)
  std::string pathext;       // Windows: %PATHEXT%
  bool no_default_cwd_in_exe_path = false;  // Windows: NoDefaultCurrentDirectoryInExePath is set
  std::string gomodcache;    // cfg.GOMODCACHE
  std::string goos, goarch;  // runtime.GOOS/GOARCH of the go that runs
  // The command line is one Select hands to the local go (`go env
  // GOTOOLCHAIN`, from go1.23 `go env GOMOD` / `go env GOWORK`): Select
  // returns after its WillBeEnabled gate, which still runs and, from go1.27,
  // may stop on a relative GOWORK (toolchain/select.go, Select).
  bool local_command = false;
};

struct ToolchainChoice {
  ToolchainOutcome outcome = ToolchainOutcome::local;
  std::string name;     // the toolchain that would run: "go1.24.0" (local: its own name)
  std::string binary;   // path/modcache: the go that is exec'd
  std::string goroot;   // modcache: the child's $GOROOT (the module dir); path: "" (unset)
  std::string mode;     // "auto", "path", "" (local or a fixed version)
  // Every go command (except `go env GOTOOLCHAIN`, and in 1.23+ `go env
  // GOMOD` / `go env GOWORK`) exits 1 with this: invalid/unavailable.
  std::string fatal;
  // The toolchain that runs is older than the go line: `go build`, `go list`
  // ... exit 1 with this; `go env` still works.
  std::string build_error;
  std::string reason;   // why: "go.mod: go 1.24" / "GOTOOLCHAIN=go1.22.0" ...
  ToolchainFile file;   // what Select read (empty when it did not read)
  bool selected = false;  // false: Select returned early (modules off, pre-1.21, GOTOOLCHAIN empty)
};

// toolchain.Select + Exec's search, without executing anything.
ToolchainChoice select_toolchain(Disk& disk, const SelectInput& in);

// exec.LookPath(name) (segment/golang/lookpath.h) with the PATH, PATHEXT
// and working directory Select runs with.
std::string look_path(Disk& disk, std::string_view name, const SelectInput& in);

// The module-cache directory Exec downloads a toolchain into, and whether it
// is complete (modfetch.DownloadDir: the dir, no .partial, a .ziphash).
std::string toolchain_module_dir(std::string_view gomodcache, std::string_view name,
                                 std::string_view goos, std::string_view goarch, PathStyle style);
bool toolchain_in_modcache(Disk& disk, std::string_view gomodcache, std::string_view name,
                           std::string_view goos, std::string_view goarch, PathStyle style);

// filepath.Rel for two absolute, clean paths (base.ShortPath uses it);
// false when no relative path exists (different volumes).
bool rel_path(std::string_view base, std::string_view target, PathStyle style, std::string* out);
// base.ShortPath: the relative path from cwd when shorter.
std::string short_path(std::string_view path, std::string_view cwd, PathStyle style);

}  // namespace gs
