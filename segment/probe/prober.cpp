// The rules here follow cmd/go/internal/cfg (cfg.go: EnvFile, initEnvCache,
// readEnvFile, Getenv, findGOROOT, gopath), go/build (defaultGOPATH),
// cmd/go/internal/envcmd (MkEnv), cmd/go/main.go (the GOROOT and GOPATH
// checks before any command runs) and os (UserConfigDir, UserCacheDir,
// Executable), as of go1.19 and go1.21-1.27. Where versions differ, the
// version read from the go binary decides (segment/golang/rules.h).
#include "segment/probe/probe.h"

#include <cerrno>

#include <fmt/format.h>

#include "segment/probe/go_binary.h"
#include "segment/golang/strconv.h"
#include "segment/golang/rules.h"
#include "segment/golang/version.h"

namespace gs {

namespace {

class Prober {
 public:
  Prober(Disk& disk, const ProbeInput& in, ProbeResult* r)
      : disk_(disk), in_(in), env_(*in.env), s_(in.style), r_(*r) {}

  void run();

 private:
  // os.Getenv
  std::string osenv(std::string_view k) const { return env_.get(k); }
  bool windows() const { return in_.host_goos == "windows"; }

  void find_go_on_path();
  void resolve_executable();
  enum class UserDir { config, cache };
  std::string user_dir(UserDir which) const;
  void locate_env_file();
  std::string find_goroot(const std::string& file_goroot, Source* src);
  std::string discover_goroot(Source* src);
  bool is_goroot(const std::string& dir);
  bool is_same_dir(const std::string& a, const std::string& b);
  // cfg.Getenv: the environment, then the merged env files.
  Value getenv(std::string_view key) const;
  void compute();
  void checks();
  void modules();
  void install_dir();
  ModuleInput module_input() const;

  Disk& disk_;
  const ProbeInput& in_;
  const Environ& env_;
  PathStyle s_;
  ProbeResult& r_;
  std::string goroot_;  // cfg.GOROOT
};

bool Prober::is_goroot(const std::string& dir) {
  return disk_.stat(fp::join({dir, "pkg", "tool"}, s_)).is_dir();
}

bool Prober::is_same_dir(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;  // os.Stat("") fails
  FileStat sa = disk_.stat(a), sb = disk_.stat(b);
  return sa.exists() && sb.exists() && sa.dev == sb.dev && sa.ino == sb.ino;
}

// The shell's PATH search; the first hit wins, later ones are kept too
// (go-shadowed).
// POSIX shells: each entry in order, an empty entry meaning the current
// directory; the first executable regular file named go.
// Windows, as PowerShell searches: %PATH% split on ';' with double quotes
// removed (filepath.SplitList), empty entries skipped and the current
// directory never searched (cmd.exe would look there first; PowerShell, the
// shell this targets, does not), and in each directory go + each %PATHEXT%
// extension in order, matched case-insensitively (the file system does).
// Duplicates compare as Windows paths do, ignoring case.
void Prober::find_go_on_path() {
  std::vector<std::string> exts;
  if (windows()) exts = path_exts(osenv("PATHEXT"));
  for (const std::string& entry : fp::split_list(osenv("PATH"), s_)) {
    std::string cand;
    if (windows()) {
      if (entry.empty()) continue;
      cand = find_executable_windows(disk_, fp::abs(fp::join({entry, "go"}, s_), in_.cwd, s_), exts, in_.cwd);
      if (cand.empty() || !disk_.stat(cand).is_regular()) continue;
    } else {
      std::string dir = entry.empty() ? "." : entry;
      cand = fp::abs(fp::join({dir, "go"}, s_), in_.cwd, s_);
      FileStat st = disk_.stat(cand);
      if (!st.is_regular() || !disk_.is_executable(cand)) continue;
    }
    bool dup = false;
    for (const GoCandidate& g : r_.gos_on_path) dup |= fp::same_path(g.path, cand, s_);
    if (!dup) r_.gos_on_path.push_back(GoCandidate{entry, cand});
  }
  if (!in_.forced_go.empty()) {
    r_.go.found = true;
    r_.go.path = in_.forced_go;
    return;
  }
  if (r_.gos_on_path.empty()) return;
  r_.go.found = true;
  r_.go.path = r_.gos_on_path.front().path;
}

// os.Executable: on Linux the kernel's /proc/self/exe, which has every
// symlink resolved; elsewhere the path the shell ran.
void Prober::resolve_executable() {
  GoBinary& go = r_.go;
  std::string resolved;
  std::vector<std::string> hops;
  if (fp::eval_symlinks(disk_, go.path, &resolved, &hops, s_)) go.resolved = resolved;
  go.exe = (in_.host_goos == "linux" && !go.resolved.empty()) ? go.resolved : go.path;
  (in_.inspect ? in_.inspect : inspect_go_binary)(disk_, go.resolved.empty() ? go.path : go.resolved, &go);
  if (go.goos.empty()) go.goos = in_.host_goos;
  if (go.goarch.empty()) go.goarch = in_.host_goarch;
  // The kernel runs its own OS's programs, and on amd64 386 ones too (on
  // arm64 Windows amd64 ones, emulated); anything else is "Exec format
  // error" (exit 126 in every shell).
  const bool same_os = go.goos == in_.host_goos;
  go.foreign = !go.version.empty() &&
               !(same_os && (go.goarch == in_.host_goarch || (in_.host_goarch == "amd64" && go.goarch == "386") ||
                             (in_.host_goos == "windows" && in_.host_goarch == "arm64" && go.goarch == "amd64")));
  r_.rules_pre121 = !go.version.empty() && !toolchain_at_least(go.version, 21);
}

// os.UserConfigDir and os.UserCacheDir (os/file.go; "" where they return
// an error). The runtime of the go binary decides: go1.24+ reject a relative
// $XDG_CONFIG_HOME / $XDG_CACHE_HOME ("path in $XDG_..._HOME is relative"),
// older ones use it relative to the cwd.
std::string Prober::user_dir(UserDir which) const {
  const bool config = which == UserDir::config;
  if (windows()) return osenv(config ? "AppData" : "LocalAppData");
  std::string home = osenv("HOME");
  if (in_.host_goos == "darwin")
    return home.empty() ? "" : home + (config ? "/Library/Application Support" : "/Library/Caches");
  std::string dir = osenv(config ? "XDG_CONFIG_HOME" : "XDG_CACHE_HOME");
  if (dir.empty()) return home.empty() ? "" : home + (config ? "/.config" : "/.cache");
  if (go_rules(r_.go.version).xdg_must_be_abs && !fp::is_abs(dir, s_)) return "";
  return dir;
}

// cfg.EnvFile.
void Prober::locate_env_file() {
  std::string file = osenv("GOENV");
  if (!file.empty()) {
    if (file != "off") r_.user_env_path = file;
  } else {
    std::string dir = user_dir(UserDir::config);
    if (!dir.empty()) r_.user_env_path = fp::join({dir, "go/env"}, s_);
  }
  r_[Key::GOENV] = Value{r_.user_env_path,
                         osenv("GOENV").empty() ? Source::default_value : Source::process_env,
                         osenv("GOENV").empty() ? "" : "GOENV"};
  if (r_.user_env_path.empty()) return;
  std::string data;
  // go reads the whole file (os.ReadFile in cfg.initEnvCache), whatever its
  // size: so does gostatus, up to 64 MiB (a 10 MB file of comments is odd
  // but go honours it). Only a regular file is read, so an endless one
  // (a FIFO, /dev/zero) cannot stall the prompt.
  r_.user_env_exists = disk_.stat(r_.user_env_path).exists();
  if (disk_.read_file(r_.user_env_path, 64u << 20, &data)) r_.user_env = parse_env_file(data);
}

// cfg.findGOROOT.
std::string Prober::find_goroot(const std::string& file_goroot, Source* src) {
  std::string e = file_goroot;
  *src = Source::user_env_file;
  if (e.empty()) {
    e = osenv("GOROOT");
    *src = Source::process_env;
  }
  if (!e.empty()) return fp::clean(e, s_);
  return discover_goroot(src);
}

// findGOROOT without a configured GOROOT: the executable's location, then
// the built-in default.
std::string Prober::discover_goroot(Source* src) {
  const GoBinary& go = r_.go;
  // runtime.GOROOT() is $GOROOT (empty whenever this runs for go itself)
  // or the linker's default.
  std::string def;
  if (!go.default_goroot.empty()) def = fp::clean(go.default_goroot, s_);
  auto canonical = [&](const std::string& d) { return is_same_dir(def, d) ? def : d; };
  *src = Source::executable;
  std::string exe = fp::abs(go.exe, in_.cwd, s_);
  const bool try_goos_arch = !r_.rules_pre121;  // go1.21+: GOROOT/bin/GOOS_GOARCH/go
  if (std::string d = fp::join({exe, "../.."}, s_); is_goroot(d)) return canonical(d);
  if (try_goos_arch)
    if (std::string d = fp::join({exe, "../../.."}, s_); is_goroot(d)) return canonical(d);
  if (!go.resolved.empty() && go.resolved != exe) {
    if (std::string d = fp::join({go.resolved, "../.."}, s_); is_goroot(d)) return canonical(d);
    if (try_goos_arch)
      if (std::string d = fp::join({go.resolved, "../../.."}, s_); is_goroot(d)) return canonical(d);
  }
  *src = Source::binary;
  return def;
}

Value Prober::getenv(std::string_view key) const {
  std::string v = osenv(key);
  if (!v.empty()) return Value{v, Source::process_env, std::string(key)};
  if (key == "GOROOT") return Value{};  // handled by the caller
  if (const std::string* u = r_.user_env.find(key))
    return Value{*u, u->empty() ? Source::unset : Source::user_env_file, r_.user_env_path};
  if (!r_.rules_pre121) {
    if (const std::string* g = r_.goroot_env.find(key))
      return Value{*g, g->empty() ? Source::unset : Source::goroot_env_file, r_.goroot_env_path};
  }
  return Value{};
}

void Prober::compute() {
  const GoBinary& go = r_.go;
  // GOROOT, and GOROOT/go.env from go1.21 on.
  const std::string* file_goroot = r_.user_env.find("GOROOT");
  Source gsrc;
  std::string found = find_goroot(file_goroot ? *file_goroot : std::string(), &gsrc);
  if (!r_.rules_pre121 && !found.empty()) {
    r_.goroot_env_path = fp::join({found, "go.env"}, s_);
    std::string data;
    r_.goroot_env_exists = disk_.read_file(r_.goroot_env_path, 1 << 20, &data);
    if (r_.goroot_env_exists) r_.goroot_env = parse_env_file(data);
  }
  Value& groot = r_[Key::GOROOT];
  std::string env_goroot = osenv("GOROOT");
  if (!env_goroot.empty()) {
    // go1.21+ print $GOROOT as written; go1.20 and older cleaned it.
    groot = Value{r_.rules_pre121 ? fp::clean(env_goroot, s_) : env_goroot, Source::process_env,
                  "GOROOT"};
  } else {
    groot = Value{found, found.empty() ? Source::unset : gsrc,
                  gsrc == Source::user_env_file ? r_.user_env_path
                  : gsrc == Source::executable  ? go.exe
                                                : std::string()};
  }
  goroot_ = groot.value;
  if (gsrc == Source::process_env || gsrc == Source::user_env_file) {
    // Only when GOROOT is configured: what go would have found without it.
    Source ignored;
    r_.discovered_goroot = discover_goroot(&ignored);
  } else {
    r_.discovered_goroot = found;
  }
  if (!goroot_.empty()) {
    std::string data;
    if (disk_.read_file(fp::join({goroot_, "VERSION"}, s_), 64 << 10, &data)) {
      r_.goroot_version_file = data.substr(0, data.find('\n'));
    }
  }

  r_[Key::GOVERSION] = Value{go.version, Source::binary, go.resolved.empty() ? go.path : go.resolved};
  r_[Key::GOHOSTOS] = Value{go.goos, Source::binary, go.path};
  r_[Key::GOHOSTARCH] = Value{go.goarch, Source::binary, go.path};

  // GOTOOLDIR: $GOROOT/pkg/tool/GOHOSTOS_GOHOSTARCH.
  if (!goroot_.empty())
    r_[Key::GOTOOLDIR] = Value{fp::join({goroot_, "pkg", "tool", go.goos + "_" + go.goarch}, s_),
                               groot.source, groot.origin};

  // GOOS and GOEXE.
  Value goos = getenv("GOOS");
  if (goos.value.empty()) goos = Value{go.goos, Source::default_value, ""};
  r_[Key::GOOS] = goos;
  r_[Key::GOEXE] = Value{goos.value == "windows" ? ".exe" : "", goos.source, goos.origin};

  // GOPATH: go/build's default, then cfg's env/file lookup.
  const char* home_var = windows() ? "USERPROFILE" : (in_.host_goos == "plan9" ? "home" : "HOME");
  std::string build_gopath = osenv("GOPATH");
  Value gopath;
  if (build_gopath.empty()) {
    std::string home = osenv(home_var);
    if (!home.empty()) {
      std::string def = fp::join({home, "go"}, s_);
      std::string rt = osenv("GOROOT");
      if (rt.empty()) rt = go.default_goroot;
      if (fp::clean(def, s_) != fp::clean(rt, s_)) build_gopath = def;
    }
    gopath = getenv("GOPATH");
    if (gopath.value.empty()) gopath = Value{build_gopath, build_gopath.empty() ? Source::unset : Source::default_value, home_var};
  } else {
    gopath = Value{build_gopath, Source::process_env, "GOPATH"};
  }
  std::string gopath_at_init = gopath.value;

  // GOMODCACHE uses GOPATH as package initialization saw it.
  Value modcache = getenv("GOMODCACHE");
  if (modcache.value.empty()) {
    std::vector<std::string> list = fp::split_list(gopath_at_init, s_);
    if (!list.empty() && !list[0].empty())
      modcache = Value{fp::join({list[0], "pkg/mod"}, s_), gopath.source, gopath.origin};
  }
  r_[Key::GOMODCACHE] = modcache;

  r_[Key::GOBIN] = getenv("GOBIN");
  r_[Key::GOFLAGS] = getenv("GOFLAGS");
  r_[Key::GO111MODULE] = getenv("GO111MODULE");

  Value proxy = getenv("GOPROXY");
  Value sumdb = getenv("GOSUMDB");
  if (r_.rules_pre121) {
    if (proxy.value.empty()) proxy = Value{"https://proxy.golang.org,direct", Source::default_value, ""};
    if (sumdb.value.empty()) sumdb = Value{"sum.golang.org", Source::default_value, ""};
  }
  r_[Key::GOPROXY] = proxy;
  r_[Key::GOSUMDB] = sumdb;
  if (!r_.rules_pre121) r_[Key::GOTOOLCHAIN] = getenv("GOTOOLCHAIN");

  // GOCACHE: cache.DefaultDir.
  Value gocache = getenv("GOCACHE");
  if (!gocache.value.empty()) {
    if (!fp::is_abs(gocache.value, s_) && gocache.value != "off") gocache.value = "off";
  } else {
    std::string dir = user_dir(UserDir::cache);
    gocache = dir.empty() ? Value{"off", Source::default_value, ""}
                          : Value{fp::join({dir, "go-build"}, s_), Source::default_value, ""};
  }
  r_[Key::GOCACHE] = gocache;

  r_[Key::GOPATH] = gopath;
}

// cmd/go/main.go: what go checks before running any command. go1.21 and
// older check GOPATH first, go1.22+ GOROOT first.
void Prober::checks() {
  const bool go122 = r_.go.version.empty() || toolchain_at_least(r_.go.version, 22);
  auto goroot_check = [&]() {
    if (!r_.fatal.empty()) return;
    if (goroot_.empty()) {
      r_.fatal = "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set";
      r_.fatal_exit_code = 2;
      return;
    }
    if (!disk_.stat(goroot_).is_dir()) {
      r_.fatal = "go: cannot find GOROOT directory: " + goroot_;
      r_.fatal_exit_code = 2;
    }
  };
  auto gopath_check = [&]() {
    if (!r_.fatal.empty()) return;
    Value& gopath = r_[Key::GOPATH];
    // go1.21 and older compare with runtime.GOROOT() ($GOROOT, else the
    // built-in default), go1.22+ with the GOROOT they resolved.
    std::string against = goroot_;
    if (!go122) {
      against = osenv("GOROOT");
      if (against.empty()) against = r_.go.default_goroot;
    }
    if (fp::clean(gopath.value, s_) == fp::clean(against, s_)) {
      r_.gopath_goroot_warning =
          go_rules(r_.go.version).gopath_goroot_same_dir_warning
              ? fmt::format("warning: both GOPATH and GOROOT are the same directory ({}); see "
                            "https://go.dev/wiki/InstallTroubleshooting",
                            gopath.value)
              : fmt::format("warning: GOPATH set to GOROOT ({}) has no effect", gopath.value);
      r_.warnings.push_back(r_.gopath_goroot_warning);
      return;
    }
    for (const std::string& p : fp::split_list(gopath.value, s_)) {
      if (p.empty()) continue;
      if (p[0] == '~') {
        r_.fatal = fmt::format("go: GOPATH entry cannot start with shell metacharacter '~': {}", go_quote(p));
        r_.fatal_exit_code = 2;
        return;
      }
      if (!fp::is_abs(p, s_)) {
        if (getenv("GOPATH").value.empty()) {
          gopath = Value{};  // inferred from a relative $HOME: go drops it
        } else {
          r_.fatal = fmt::format(
              "go: GOPATH entry is relative; must be absolute path: {}.\nFor more details see: 'go help gopath'",
              go_quote(p));
          r_.fatal_exit_code = 2;
          return;
        }
      }
    }
  };
  if (!go122) {
    gopath_check();
    goroot_check();
  } else {
    goroot_check();
    gopath_check();
  }
}

ModuleInput Prober::module_input() const {
  ModuleInput m;
  m.go111module = r_[Key::GO111MODULE].value;
  m.gowork = getenv("GOWORK").value;
  m.cwd = in_.cwd;
  m.goroot = goroot_.empty() ? "" : fp::clean(goroot_, s_);
  m.gopath = r_[Key::GOPATH].value;
  if (windows()) {
    for (const char* k : {"TMP", "TEMP", "USERPROFILE"}) {
      m.temp_dir = osenv(k);
      if (!m.temp_dir.empty()) break;
    }
    while (m.temp_dir.size() > 3 && (m.temp_dir.back() == '\\' || m.temp_dir.back() == '/')) m.temp_dir.pop_back();
  } else {
    m.temp_dir = osenv("TMPDIR");
    if (m.temp_dir.empty()) m.temp_dir = "/tmp";
  }
  m.go_version = r_.go.version;
  m.style = s_;
  m.windows = r_.go.goos == "windows";
  return m;
}

// GOMOD, GOWORK and toolchain.Select (which runs before anything else).
void Prober::modules() {
  ModuleInput m = module_input();
  r_.module = module_context(disk_, m);
  r_[Key::GOMOD] = Value{r_.module.gomod, r_.module.gomod.empty() ? Source::unset : Source::default_value,
                         r_.module.modfile};
  Value gowork = getenv("GOWORK");
  r_[Key::GOWORK] = Value{r_.module.gowork, r_.module.gowork.empty() ? Source::unset : gowork.source,
                          r_.module.workfile};
  if (r_.rules_pre121 || !in_.select_toolchain) return;
  SelectInput si;
  si.module = m;
  si.gotoolchain = r_[Key::GOTOOLCHAIN].value;
  si.path_env = osenv("PATH");
  si.pathext = osenv("PATHEXT");
  si.no_default_cwd_in_exe_path = env_.has("NoDefaultCurrentDirectoryInExePath");
  si.gomodcache = r_[Key::GOMODCACHE].value;
  si.goos = r_.go.goos;
  si.goarch = r_.go.goarch;
  si.local_command = in_.local_command;
  r_.toolchain = select_toolchain(disk_, si);
}

// Where go install writes, and from go1.27 what `go env GOBIN` prints when
// GOBIN is unset (cmd/go/internal/envcmd/env.go, ExtraEnvVars): $GOBIN;
// else in module mode modload.BinDir, $GOPATH[0]/bin ("" without a GOPATH);
// else "best effort": the first GOPATH entry that is a string prefix of the
// cwd, or the first entry (an empty one gives the relative "bin"). The
// GOPATH is cfg.BuildContext.GOPATH after main.go's checks.
void Prober::install_dir() {
  Value& gobin = r_[Key::GOBIN];
  if (!gobin.value.empty()) {
    r_.install_dir = gobin.value;
    return;
  }
  const std::vector<std::string> gopaths = fp::split_list(r_[Key::GOPATH].value, s_);
  std::string dir;
  if (r_.module.modules_enabled) {
    if (!gopaths.empty() && !gopaths[0].empty()) dir = fp::join({gopaths[0], "bin"}, s_);
  } else if (!gopaths.empty() && !in_.cwd.empty()) {
    std::string gopath = gopaths[0];
    for (const std::string& p : gopaths) {
      if (in_.cwd.compare(0, p.size(), p) == 0) {
        gopath = p;
        break;
      }
    }
    dir = fp::join({gopath, "bin"}, s_);
  }
  r_.install_dir = dir;
  if (go_rules(r_.go.version).gobin_effective && !dir.empty())
    gobin = Value{dir, Source::default_value, r_.module.modules_enabled ? "GOPATH[0]/bin" : "GOPATH entry/bin"};
}

void Prober::run() {
  find_go_on_path();
  if (!r_.go.found) {
    r_.fatal = "go: command not found";
    r_.fatal_exit_code = 127;
  } else {
    resolve_executable();
  }
  locate_env_file();
  compute();
  if (!r_.go.found) return;
  if (r_.go.foreign) {
    // The shell cannot start it: nothing of go's runs.
    r_.fatal = fmt::format("{}: cannot execute binary file: Exec format error ({}/{} program, this machine is {}/{})",
                           r_.go.path, r_.go.goos, r_.go.goarch, in_.host_goos, in_.host_goarch);
    r_.fatal_exit_code = 126;
    r_.go_unknown = true;  // nothing it would say can be checked
    return;
  }
  // main.go's checks may drop a GOPATH inferred from a relative $HOME
  // before modload reads it.
  checks();
  if (std::string e = getwd_error(in_.cwd_facts, r_.go.version); !e.empty()) {
    // base.Cwd is first called by toolchain.Select when it reads go.mod
    // (go1.21+, GOTOOLCHAIN not local), which runs before main.go's
    // checks; otherwise by modload, after them.
    r_.cwd_error = "cannot determine current directory: " + e;
    // Select's WillBeEnabled gate looks for go.mod under GO111MODULE=auto;
    // its modGoToolchain under GOTOOLCHAIN auto or path.
    const std::string& tc = r_[Key::GOTOOLCHAIN].value;
    auto ends = [&](std::string_view x) { return tc.size() >= x.size() && tc.compare(tc.size() - x.size(), x.size(), x) == 0; };
    const bool select_first = !r_.rules_pre121 && in_.select_toolchain &&
                              (r_[Key::GO111MODULE].value == "auto" || tc == "auto" || tc == "path" ||
                               ends("+auto") || ends("+path"));
    if (r_.fatal.empty() || select_first) {
      r_.fatal = r_.cwd_error;
      r_.fatal_exit_code = 1;
    }
    return;
  }
  modules();
  install_dir();
}

}  // namespace

ProbeResult probe_one_go(Disk& disk, const ProbeInput& in) {
  ProbeResult r;
  Prober(disk, in, &r).run();
  return r;
}

namespace {
// syscall.Errno.Error() on Linux for the errors getwd can meet.
std::string go_errno_text(int e) {
  switch (e) {
    case ENOENT: return "no such file or directory";
    case EACCES: return "permission denied";
    case ENAMETOOLONG: return "file name too long";
    case ENOTDIR: return "not a directory";
    case ELOOP: return "too many levels of symbolic links";
    case EIO: return "input/output error";
    case ENOMEM: return "cannot allocate memory";
    case EPERM: return "operation not permitted";
  }
  return fmt::format("errno {}", e);
}
}  // namespace

std::string getwd_error(const CwdFacts& f, const std::string& go_version) {
  const bool pre124 = !go_version.empty() && !toolchain_at_least(go_version, 24);
  if (f.dot_errno != 0 && (pre124 || f.pwd_abs)) return "stat .: " + go_errno_text(f.dot_errno);
  if (f.pwd_matched || f.getcwd_errno == 0) return "";
  if (pre124 || f.getcwd_errno != ENAMETOOLONG) return "getwd: " + go_errno_text(f.getcwd_errno);
  if (f.dot_errno != 0) return "stat .: " + go_errno_text(f.dot_errno);
  return f.walk_error;  // go1.24+ walked up through ".."; "" when it found the way
}

}  // namespace gs
