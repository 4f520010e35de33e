// The probe: from the environment, the working directory and the
// filesystem, work out what `go env` would print for the go that the shell
// would run, without running it. Every value says where it came from.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "segment/golang/envfile.h"
#include "util/environ.h"
#include "segment/golang/filepath.h"
#include "segment/probe/go_binary.h"
#include "segment/probe/go_query.h"
#include "segment/probe/managers/managers.h"
#include "segment/probe/modules.h"
#include "util/disk.h"

namespace gs {

// The `go env` names gostatus computes. Order is go env -json's (sorted).
#define GS_GO_ENV_KEYS(X) \
  X(GO111MODULE)          \
  X(GOBIN)                \
  X(GOCACHE)              \
  X(GOENV)                \
  X(GOEXE)                \
  X(GOFLAGS)              \
  X(GOHOSTARCH)           \
  X(GOHOSTOS)             \
  X(GOMOD)                \
  X(GOMODCACHE)           \
  X(GOOS)                 \
  X(GOPATH)               \
  X(GOPROXY)              \
  X(GOROOT)               \
  X(GOSUMDB)              \
  X(GOTOOLCHAIN)          \
  X(GOTOOLDIR)            \
  X(GOVERSION)            \
  X(GOWORK)

enum class Key : uint8_t {
#define GS_X(name) name,
  GS_GO_ENV_KEYS(GS_X)
#undef GS_X
  count
};
inline constexpr size_t kKeyCount = static_cast<size_t>(Key::count);
std::string_view key_name(Key k);
bool key_from_name(std::string_view name, Key* out);

// Where a value came from, in go's precedence order.
enum class Source : uint8_t {
  unset,            // empty, nothing set it
  process_env,      // the environment variable
  user_env_file,    // the `go env -w` file (GOENV)
  goroot_env_file,  // $GOROOT/go.env
  default_value,    // go's built-in default rule (e.g. $HOME/go)
  executable,       // found from the go binary's location
  binary,           // read from the go binary itself (build info, built-in GOROOT)
};
std::string_view source_name(Source s);

struct Value {
  std::string value;
  Source source = Source::unset;
  std::string origin;  // the file or variable it came from, for doctor
};

// One `go` found on PATH.
struct GoCandidate {
  std::string dir;   // the PATH entry as written
  std::string path;  // dir joined with the file name, absolute
};

struct ProbeResult {
  std::array<Value, kKeyCount> values;
  const Value& operator[](Key k) const { return values[static_cast<size_t>(k)]; }
  Value& operator[](Key k) { return values[static_cast<size_t>(k)]; }

  GoBinary go;
  std::vector<GoCandidate> gos_on_path;  // every `go` on PATH, in order

  // The user's go env file.
  std::string user_env_path;    // "" for GOENV=off or no config dir
  bool user_env_exists = false;
  EnvFile user_env;
  // $GOROOT/go.env (1.21+).
  std::string goroot_env_path;
  bool goroot_env_exists = false;
  EnvFile goroot_env;
  // GOROOT/VERSION's first line, if the file exists (go never uses it at run time).
  std::string goroot_version_file;

  // The GOROOT go would find by itself (its location, its built-in
  // default), whatever GOROOT says: goroot-foreign and goroot-redundant
  // compare the two.
  std::string discovered_goroot;

  // The module context (GOMOD, GOWORK, modload's fatal errors) for this go.
  ModuleContext module;
  // toolchain.Select, as the go found on PATH runs it. When it switches
  // (outcome path or modcache), every value above describes the go it
  // switches to, and `local` describes the go found on PATH.
  ToolchainChoice toolchain;
  bool switched = false;
  GoBinary local;
  // The switched-to go1.21+ is not the version it was run to provide: its
  // own Select exits with this ("go: toolchain X invoked to provide Y").
  std::string switch_version_error;

  // A version manager owns the go on PATH (scoop, goenv, asdf, mise, g,
  // gvm). When it is the manager's shim and the manager's files say which go
  // it runs, every value above describes that go and `shim` the stand-in.
  ManagerResult manager;
  GoBinary shim;
  // The fallback: a go no file explains was run once (see run_go_env).
  SpawnedGo spawned;
  // Neither files nor running it told what this go is: checks that need its
  // version or GOROOT cannot be made.
  bool go_unknown = false;

  // go cannot tell the working directory: every command fails with this
  // (base.Cwd), after main.go's checks or inside toolchain.Select.
  std::string cwd_error;

  // What go would do before printing anything.
  std::string fatal;                  // non-empty: go exits with this on stderr
  int fatal_exit_code = 0;
  std::vector<std::string> warnings;  // printed to stderr, go continues
  std::string gopath_goroot_warning;  // one of the warnings: GOPATH names GOROOT
  // Where go install writes (GOBIN, else derived from GOPATH; see
  // Prober::install_dir). From go1.27 `go env GOBIN` prints it.
  std::string install_dir;
  bool rules_pre121 = false;          // go1.20 and older rules applied
};

// What os.Getwd meets in this working directory (POSIX; all zero on
// Windows). go1.23 and older stat "." first and fail on any getcwd error;
// go1.24+ stat "." only with an absolute $PWD, and when getcwd's answer is
// too long they walk up through ".." (os/getwd.go).
struct CwdFacts {
  int dot_errno = 0;        // stat(".") failed with this
  int getcwd_errno = 0;     // getcwd failed with this
  bool pwd_abs = false;     // $PWD is absolute
  bool pwd_matched = false; // $PWD names "." (go takes it, whatever getcwd says)
  std::string walk_error;   // go1.24+'s walk through "..", when getcwd was too long
  // Some go cannot tell where it is: the cache is not used (the key's
  // working directory means nothing).
  bool unknown() const { return !pwd_matched && (dot_errno != 0 || getcwd_errno != 0); }
};

// go's "cannot determine current directory: ..." for this go version, or "".
std::string getwd_error(const CwdFacts& f, const std::string& go_version);  // prober.cpp

struct ProbeInput {
  const Environ* env = nullptr;
  std::string cwd;
  CwdFacts cwd_facts;
  PathStyle style = kHostStyle;
  // What the host OS calls itself as Go would (runtime.GOOS): decides
  // os.UserConfigDir, os.Executable semantics and the PATH search.
  std::string host_goos;
  std::string host_goarch;
  // Reads a go binary's facts; nullptr means inspect_go_binary. Tests
  // inject their own so FakeDisk files need not be real executables.
  void (*inspect)(Disk& disk, const std::string& path, GoBinary* go) = nullptr;
  // Follow toolchain.Select to the go that would really run.
  bool select_toolchain = true;
  // The command line is one Select leaves to the local go (`go env
  // GOTOOLCHAIN`, and from go1.23 `go env GOMOD` / `go env GOWORK`): only
  // Select's WillBeEnabled gate runs (SelectInput::local_command).
  bool local_command = false;
  // Probe this go binary instead of the first go on PATH (the toolchain
  // Select switched to).
  std::string forced_go;
  // Runs a go nothing else explains (the one allowed spawn). nullptr: never
  // spawn (tests, and any caller that did not ask for it).
  SpawnedGo (*query_go)(const std::string& program, const std::string& cwd, const Environ& env) = nullptr;

  // The probe as gostatus runs it on this machine: env and the working
  // directory (os.Getwd's answer and what it met, CwdFacts), this host's
  // GOOS/GOARCH, toolchain.Select followed, and the one allowed spawn
  // (query_go_once) for a go nothing else explains. The only place these
  // defaults are filled; callers change what they need afterwards.
  static ProbeInput for_host(const Environ& env, std::string cwd, const CwdFacts& cwd_facts = {});
};

// runtime.GOOS and runtime.GOARCH of this build of gostatus.
std::string_view host_goos();
std::string_view host_goarch();

ProbeResult probe(Disk& disk, const ProbeInput& in);

// One step of probe(), in prober.cpp: one go, probed as it runs: the go
// that in.forced_go names, or else the first go on PATH, with the
// environment in.env; every go env value it would print and the checks
// cmd/go/main.go makes before any command. probe() decides which go that is.
ProbeResult probe_one_go(Disk& disk, const ProbeInput& in);

}  // namespace gs

namespace gs {

// toolchain.Select's fatal error (go1.21+): what go exits with before
// running any command ("" when none or not consulted).
std::string gotoolchain_error(const ProbeResult& r);

}  // namespace gs
