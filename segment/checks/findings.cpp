// The catalog. Each check says what go itself does in that situation (the
// message it prints, the command that fails), so a finding is never a matter
// of taste: see the comment above each.
#include "segment/checks/findings.h"

#include <fmt/format.h>

#include <algorithm>

#include "segment/probe/go_binary.h"
#include "segment/golang/version.h"
#include "segment/checks/stale_session.h"
#include "segment/shell/quote.h"

namespace gs {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::ok: return "ok";
    case Severity::info: return "info";
    case Severity::warn: return "warn";
    case Severity::error: return "error";
  }
  return "ok";
}

std::string_view area_name(Area a) {
  static constexpr std::string_view names[] = {"goroot", "gopath", "path", "module", "config", "session"};
  return names[static_cast<size_t>(a)];
}

Shell default_fix_shell(const ProbeInput& in) {
  if (in.host_goos == "windows") return Shell::pwsh;
  std::string sh = in.env ? in.env->get("SHELL") : "";
  if (sh.size() >= 4 && sh.compare(sh.size() - 4, 4, "fish") == 0) return Shell::fish;
  return Shell::bash;
}

bool parse_fix_shell(std::string_view s, Shell* out) {
  if (s == "sh" || s == "posix") {
    *out = Shell::bash;
    return true;
  }
  return parse_shell(s, out);
}

Severity Report::health() const {
  Severity h = Severity::ok;
  for (const Finding& f : findings)
    if (f.severity > Severity::info) h = std::max(h, f.severity);
  return h;
}

Severity Report::area_health(Area a) const {
  Severity h = Severity::ok;
  for (const Finding& f : findings)
    if (f.area == a && f.severity > Severity::info) h = std::max(h, f.severity);
  return h;
}

namespace {

// Fix text is read and pasted by a person: plain words stay bare.
std::string sh_quote(std::string_view v) { return quote_readable(Shell::bash, v); }
std::string ps_quote(std::string_view v) { return quote_readable(Shell::pwsh, v); }

// Fix text in the user's shell.
struct Fixes {
  Shell sh;
  std::string set_env(std::string_view name, std::string_view value) const {
    switch (sh) {
      case Shell::bash:
      case Shell::zsh: return fmt::format("export {}={}", name, sh_quote(value));
      case Shell::fish: return fmt::format("set -gx {} {}", name, sh_quote(value));
      case Shell::pwsh:
        return fmt::format("$env:{0} = {1}; [Environment]::SetEnvironmentVariable('{0}', {1}, 'User')", name,
                           ps_quote(value));
    }
    return "";
  }
  std::string unset_env(std::string_view name) const {
    switch (sh) {
      case Shell::bash:
      case Shell::zsh: return fmt::format("unset {}", name);
      case Shell::fish: return fmt::format("set -e {}", name);
      case Shell::pwsh:
        return fmt::format("Remove-Item Env:{0}; [Environment]::SetEnvironmentVariable('{0}', $null, 'User')", name);
    }
    return "";
  }
  std::string profile_note(std::string_view name) const {
    switch (sh) {
      case Shell::bash:
      case Shell::zsh:
        return fmt::format("and delete the line that sets {} in your shell profile (~/.profile, ~/.bashrc, ~/.zshrc)", name);
      case Shell::fish: return fmt::format("and delete the line that sets {} in ~/.config/fish/config.fish", name);
      case Shell::pwsh: return fmt::format("and remove {} from $PROFILE if it is set there", name);
    }
    return "";
  }
  std::string prepend_path(std::string_view dir) const {
    switch (sh) {
      case Shell::bash:
      case Shell::zsh: return fmt::format("export PATH={}:\"$PATH\"", sh_quote(dir));
      case Shell::fish: return fmt::format("fish_add_path --move {}", sh_quote(dir));
      case Shell::pwsh:
        return fmt::format(
            "$env:Path = {0} + ';' + $env:Path; [Environment]::SetEnvironmentVariable('Path', {0} + ';' + "
            "[Environment]::GetEnvironmentVariable('Path', 'User'), 'User')",
            ps_quote(dir));
    }
    return "";
  }
  std::string go_env_w(std::string_view kv) const { return fmt::format("go env -w {}", sh_quote(kv)); }
  std::string go_env_u(std::string_view k) const { return fmt::format("go env -u {}", k); }
};

std::string where(const Value& v) {
  if (v.source == Source::unset) return "unset";
  if (v.origin.empty()) return std::string(source_name(v.source));
  return fmt::format("{} {}", source_name(v.source), v.origin);
}

class Checker {
 public:
  Checker(const ProbeResult& r, Disk& disk, const ProbeInput& in, const CheckOptions& opt)
      : r_(r), disk_(disk), in_(in), s_(in.style), fx_{opt.shell} {}

  Report run();

 private:
  bool windows() const { return in_.host_goos == "windows"; }
  void check(std::string id, Area area, std::string pass, bool applicable = true) {
    rep_.checks.push_back(CheckOutcome{std::move(id), area, std::move(pass), applicable});
  }
  // A failed check makes the ones that build on it meaningless: doctor must
  // not print a pass for them.
  void not_applicable(std::initializer_list<std::string_view> ids) {
    for (CheckOutcome& c : rep_.checks)
      for (std::string_view id : ids)
        if (c.id == id) c.applicable = false;
  }
  Finding& add(std::string id, Severity sev, Area area, std::string title) {
    rep_.findings.push_back(Finding{std::move(id), sev, area, std::move(title), {}, {}});
    return rep_.findings.back();
  }
  Evidence ev(std::string_view label, Key k) const {
    return Evidence{std::string(label), r_[k].value, where(r_[k])};
  }
  bool configured(Key k) const {
    return r_[k].source == Source::process_env || r_[k].source == Source::user_env_file;
  }
  bool holds_a_program(const std::string& dir);
  void inspect(const std::string& path, GoBinary* go) {
    (in_.inspect ? in_.inspect : inspect_go_binary)(disk_, path, go);
  }
  std::string home_go() const {
    std::string home = in_.env->get(windows() ? "USERPROFILE" : "HOME");
    return home.empty() ? (windows() ? "C:\\Users\\you\\go" : "/home/you/go") : fp::join({home, "go"}, s_);
  }
  std::string sdk_version(const std::string& goroot, std::string* how);
  std::vector<std::string> visible_sdks();

  void check_go_found();
  void check_goroot();
  void check_gopath();
  void check_path();
  void check_config();
  void check_module();
  void check_manager();
  // A value the version manager exports to the go it runs (goenv's GOROOT,
  // asdf's GOBIN): the user did not set it, and unsetting it is no fix.
  bool from_manager(std::string_view name) const {
    for (const auto& kv : r_.manager.env)
      if (kv.first == name) return true;
    return false;
  }

  const ProbeResult& r_;
  Disk& disk_;
  const ProbeInput& in_;
  PathStyle s_;
  Fixes fx_;
  Report rep_;
};

// The directory's stat is recorded, as listed (a new entry moves its mtime),
// and so is the stat of the first program found, so the answer follows go
// install.
bool Checker::holds_a_program(const std::string& dir) {
  if (!disk_.stat(dir).is_dir()) return false;
  std::vector<DirEntry> entries;
  if (!disk_.list_dir(dir, &entries)) return false;
  for (const DirEntry& e : entries)
    if (!e.name.empty() && e.name[0] != '.' && disk_.stat(fp::join({dir, e.name}, s_)).kind == FileKind::regular)
      return true;
  return false;
}

// The version of the SDK at goroot as the build sees it: the compile tool's
// own build info (what `go build` checks against), else GOROOT/VERSION.
std::string Checker::sdk_version(const std::string& goroot, std::string* how) {
  const std::string tool = fp::join(
      {goroot, "pkg", "tool", r_.go.goos + "_" + r_.go.goarch, windows() ? "compile.exe" : "compile"}, s_);
  GoBinary compile;
  if (disk_.stat(tool).is_regular()) {
    inspect(tool, &compile);
    // compile is not cmd/go, so its toolchain version is in built_with.
    const std::string& v = compile.version.empty() ? compile.built_with : compile.version;
    if (!v.empty()) {
      *how = tool;
      return v;
    }
  }
  std::string data;
  std::string vf = fp::join({goroot, "VERSION"}, s_);
  if (disk_.read_file(vf, 64 << 10, &data)) {
    *how = vf;
    return data.substr(0, data.find('\n'));
  }
  return "";
}

// SDKs in the usual install folders, for go-not-found's fix.
std::vector<std::string> Checker::visible_sdks() {
  std::vector<std::string> roots;
  std::string goroot = r_[Key::GOROOT].value;
  if (!goroot.empty()) roots.push_back(goroot);
  if (windows()) {
    roots.push_back("C:\\Program Files\\Go");
    roots.push_back("C:\\Go");
    std::string up = in_.env->get("USERPROFILE");
    if (!up.empty()) roots.push_back(fp::join({up, "scoop", "apps", "go", "current"}, s_));
  } else {
    roots.push_back("/usr/local/go");
    roots.push_back("/usr/lib/go");
    for (int minor = 30; minor >= 18; --minor) roots.push_back(fmt::format("/usr/lib/go-1.{}", minor));
    roots.push_back("/opt/homebrew/opt/go/libexec");
    roots.push_back("/usr/local/opt/go/libexec");
    roots.push_back("/snap/go/current");
  }
  std::vector<std::string> found;
  for (const std::string& root : roots) {
    std::string bin = fp::join({root, "bin", windows() ? "go.exe" : "go"}, s_);
    if (disk_.stat(bin).is_regular()) found.push_back(fp::join({root, "bin"}, s_));
  }
  return found;
}

// The shell finds no go: every go command fails with "command not found".
void Checker::check_go_found() {
  check("go-not-found", Area::path, "a go command is on PATH");
  check("go-wrong-arch", Area::path, "the go on PATH is built for this machine", r_.go.found);
  check("go-not-cmd-go", Area::path, "the go on PATH is the go command", r_.go.found);
  // An SDK for another OS or architecture (an arm64 archive unpacked on
  // amd64): the kernel refuses it, and every shell prints "Exec format
  // error" and exits 126.
  if (r_.go.found && r_.go.foreign) {
    Finding& f = add("go-wrong-arch", Severity::error, Area::path,
                     fmt::format("the go on PATH is built for {}/{}: this {}/{} machine cannot run it",
                                 r_.go.goos, r_.go.goarch, in_.host_goos, in_.host_goarch));
    f.evidence.push_back(Evidence{"go", r_.go.path, fmt::format("{} {}/{}", r_.go.version, r_.go.goos, r_.go.goarch)});
    f.evidence.push_back(Evidence{"shell prints", "cannot execute binary file: Exec format error", "exit 126"});
    const std::string archive = fmt::format("{}.{}-{}.{}", r_.go.version, in_.host_goos, in_.host_goarch,
                                            in_.host_goos == "windows" ? "zip" : "tar.gz");
    std::string bin = fp::dir(r_.go.resolved.empty() ? r_.go.path : r_.go.resolved, s_);
    std::string root = fp::dir(bin, s_);
    f.fix.push_back(fmt::format("# install the archive for this machine, {} (https://go.dev/dl/), in place of {}", archive, root));
    if (!windows() && fp::base(bin, s_) == "bin" && fp::base(root, s_) == "go")
      f.fix.push_back(fmt::format("rm -rf {0} && tar -C {1} -xzf {2}", sh_quote(root), sh_quote(fp::dir(root, s_)), archive));
  }
  // A Go program named go whose build info is not cmd/go's: not the go
  // command, whatever it answers.
  const GoBinary& first = r_.shim.found ? r_.shim : r_.go;
  if (first.found && first.not_cmd_go()) {
    const bool answered = r_.spawned.ok();
    Finding& f = add("go-not-cmd-go", answered ? Severity::info : Severity::warn, Area::path,
                     answered ? "the go on PATH is a Go program but not the go command; it answered as one (a wrapper?)"
                              : "the go on PATH is a Go program but not the go command");
    f.evidence.push_back(Evidence{"go", first.path, "build info path " + first.main_path});
    f.evidence.push_back(Evidence{"built with", first.built_with, "build info"});
    if (!answered) {
      std::vector<std::string> sdks = visible_sdks();
      f.fix.push_back(fmt::format("# rename or remove {}, or put the real go first:", first.path));
      f.fix.push_back(fx_.prepend_path(sdks.empty() ? (windows() ? "C:\\Program Files\\Go\\bin" : "/usr/local/go/bin") : sdks[0]));
    }
  }
  if (r_.go.found) return;
  Finding& f = add("go-not-found", Severity::error, Area::path, "no go command on PATH");
  f.evidence.push_back(Evidence{"PATH", in_.env->get("PATH"), "env"});
  std::vector<std::string> sdks = visible_sdks();
  if (sdks.empty()) {
    f.fix.push_back("install Go (https://go.dev/dl/ or your package manager), then open a new terminal");
  } else {
    f.fix.push_back(fmt::format("# a Go SDK is installed at {}", fp::dir(sdks[0], s_)));
    f.fix.push_back(fx_.prepend_path(sdks[0]));
  }
}

void Checker::check_goroot() {
  const Value& goroot = r_[Key::GOROOT];
  const bool applicable = r_.go.found && !r_.go_unknown;
  check("goroot-trimmed-unset", Area::goroot, "go can find its GOROOT", applicable);
  check("goroot-not-found", Area::goroot, "GOROOT is a directory", applicable);
  check("goroot-not-sdk", Area::goroot, "GOROOT holds a Go SDK", applicable);
  check("goroot-version-mismatch", Area::goroot, "GOROOT's SDK matches the go binary's version", applicable);
  check("goroot-foreign", Area::goroot, "GOROOT is the go binary's own SDK", applicable);
  check("goroot-redundant", Area::goroot, "GOROOT is not set needlessly", applicable);
  if (!applicable) return;

  // main.go: "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set".
  if (goroot.value.empty()) {
    Finding& f = add("goroot-trimmed-unset", Severity::error, Area::goroot,
                     "go was built without a GOROOT, is not inside one, and GOROOT is unset: go refuses to start");
    f.evidence.push_back(Evidence{"go", r_.go.exe, r_.go.version});
    f.evidence.push_back(Evidence{"GOROOT candidates", fp::join({r_.go.exe, "../.."}, s_) + " (no pkg/tool)", "executable"});
    f.fix.push_back("# run the go inside its SDK (GOROOT/bin/go) instead of a copy, or point GOROOT at that SDK:");
    std::vector<std::string> sdks = visible_sdks();
    f.fix.push_back(fx_.set_env("GOROOT", sdks.empty() ? "/path/to/go" : fp::dir(sdks[0], s_)));
    not_applicable({"goroot-not-found", "goroot-not-sdk", "goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // main.go: "go: cannot find GOROOT directory: %v" when os.Stat fails or is not a dir.
  FileStat st = disk_.stat(goroot.value);
  if (!st.is_dir()) {
    Finding& f = add("goroot-not-found", Severity::error, Area::goroot,
                     st.exists() ? "GOROOT is not a directory: go refuses to start"
                                 : "GOROOT does not exist: go refuses to start");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
    f.fix.push_back("# go finds its own GOROOT from its location; " + fx_.profile_note("GOROOT"));
    not_applicable({"goroot-not-sdk", "goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // Without pkg/tool nothing compiles; without src/runtime no package builds.
  std::string tool = fp::join({goroot.value, "pkg", "tool"}, s_);
  std::string runtime = fp::join({goroot.value, "src", "runtime"}, s_);
  bool has_tool = disk_.stat(tool).is_dir(), has_runtime = disk_.stat(runtime).is_dir();
  if (!has_tool || !has_runtime) {
    Finding& f = add("goroot-not-sdk", Severity::error, Area::goroot,
                     "GOROOT is not a Go SDK: builds fail (package fmt is not in std)");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (!has_tool) f.evidence.push_back(Evidence{"missing", tool, "stat"});
    if (!has_runtime) f.evidence.push_back(Evidence{"missing", runtime, "stat"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
    not_applicable({"goroot-version-mismatch", "goroot-foreign", "goroot-redundant"});
    return;
  }
  // The compiler in GOROOT must be the go command's own version: go build
  // fails with "compile: version X does not match go tool version Y".
  std::string how;
  std::string sdk = sdk_version(goroot.value, &how);
  const bool version_known = !sdk.empty() && !r_.go.version.empty();
  const bool mismatch = version_known && sdk.rfind("go1", 0) == 0 && sdk != r_.go.version;
  if (mismatch) {
    Finding& f = add("goroot-version-mismatch", Severity::error, Area::goroot,
                     fmt::format("GOROOT holds {} but go is {}: every build fails", sdk, r_.go.version));
    f.evidence.push_back(Evidence{"go", r_.go.path, r_.go.version});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"SDK version", sdk, how});
    if (configured(Key::GOROOT)) {
      if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
      else f.fix.push_back(fx_.unset_env("GOROOT"));
      f.fix.push_back("# let go use its own SDK; " + fx_.profile_note("GOROOT"));
    } else {
      f.fix.push_back("# the SDK was upgraded only in part: reinstall Go into " + goroot.value);
    }
    not_applicable({"goroot-foreign"});
  }
  if (!configured(Key::GOROOT) || from_manager("GOROOT")) return;
  const std::string& own = r_.discovered_goroot;
  bool same = !own.empty() && (fp::same_path(own, goroot.value, s_) || [&] {
                FileStat a = disk_.stat(own);
                return a.exists() && a.dev == st.dev && a.ino == st.ino;
              }());
  if (same) {
    Finding& f = add("goroot-redundant", Severity::info, Area::goroot,
                     "GOROOT is set to what go finds by itself: harmless now, wrong after the next upgrade");
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go would find", own, "executable"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
  } else if (!mismatch) {
    Finding& f = add("goroot-foreign", Severity::warn, Area::goroot,
                     "GOROOT points at another SDK than the go binary's own");
    f.evidence.push_back(Evidence{"go", r_.go.path, r_.go.version});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go's own SDK", own.empty() ? "(none found)" : own, "executable"});
    if (goroot.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOROOT"));
    else f.fix.push_back(fx_.unset_env("GOROOT"));
  }
}

void Checker::check_gopath() {
  const bool applicable = r_.go.found;
  const char* home_var = windows() ? "USERPROFILE" : "HOME";
  check("home-unset", Area::gopath, fmt::format("{} is set", home_var));
  check("gopath-tilde", Area::gopath, "no GOPATH entry starts with ~", applicable);
  check("gopath-relative", Area::gopath, "GOPATH entries are absolute", applicable);
  check("gopath-is-goroot", Area::gopath, "GOPATH is not GOROOT", applicable);
  check("gopath-missing", Area::gopath, "GOPATH directories exist", applicable);

  if (in_.env->get(home_var).empty()) {
    Finding& f = add("home-unset", Severity::warn, Area::gopath,
                     fmt::format("{} is unset: no default GOPATH, module cache or build cache", home_var));
    f.evidence.push_back(Evidence{home_var, "", "env"});
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(ev("GOMODCACHE", Key::GOMODCACHE));
    f.evidence.push_back(ev("GOCACHE", Key::GOCACHE));
    f.fix.push_back(fx_.set_env(home_var, windows() ? "C:\\Users\\you" : "/home/you"));
  }
  if (!applicable) return;
  const Value& gopath = r_[Key::GOPATH];
  if (const std::string& w = r_.gopath_goroot_warning; !w.empty()) {
    Finding& f = add("gopath-is-goroot", Severity::warn, Area::gopath,
                     "GOPATH is GOROOT: go ignores it and warns on every command");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    f.evidence.push_back(Evidence{"go prints", w, "cmd/go"});
    if (gopath.source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOPATH"));
    else if (gopath.source == Source::process_env) f.fix.push_back(fx_.unset_env("GOPATH"));
    else {
      // The default $HOME/go is the SDK itself: GOPATH has to live elsewhere.
      std::string home = in_.env->get(windows() ? "USERPROFILE" : "HOME");
      f.fix.push_back(fx_.go_env_w("GOPATH=" + fp::join({home.empty() ? fp::dir(home_go(), s_) : home, "gopath"}, s_)));
    }
  }
  // main.go rejects "~" entries and relative entries that were set explicitly.
  if (r_.fatal.find("GOPATH entry cannot start with shell metacharacter") != std::string::npos) {
    Finding& f = add("gopath-tilde", Severity::error, Area::gopath,
                     "a GOPATH entry starts with ~ (the shell did not expand it): go refuses to start");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(Evidence{"go prints", r_.fatal, "cmd/go"});
    f.fix.push_back(gopath.source == Source::user_env_file ? fx_.go_env_w("GOPATH=" + home_go())
                                                           : fx_.set_env("GOPATH", home_go()));
  }
  if (r_.fatal.find("GOPATH entry is relative") != std::string::npos) {
    Finding& f = add("gopath-relative", Severity::error, Area::gopath,
                     "a GOPATH entry is relative: go refuses to start");
    f.evidence.push_back(ev("GOPATH", Key::GOPATH));
    f.evidence.push_back(Evidence{"go prints", r_.fatal.substr(0, r_.fatal.find('\n')), "cmd/go"});
    f.fix.push_back(gopath.source == Source::user_env_file ? fx_.go_env_u("GOPATH") : fx_.unset_env("GOPATH"));
  }
  if (configured(Key::GOPATH) && r_.fatal.empty()) {
    for (const std::string& p : fp::split_list(gopath.value, s_)) {
      if (p.empty() || !fp::is_abs(p, s_) || disk_.stat(p).exists()) continue;
      Finding& f = add("gopath-missing", Severity::info, Area::gopath,
                       "a GOPATH directory does not exist yet (go creates it when needed)");
      f.evidence.push_back(Evidence{"GOPATH entry", p, where(gopath)});
      f.fix.push_back(windows() ? fmt::format("New-Item -ItemType Directory -Force {}", ps_quote(p))
                                : fmt::format("mkdir -p {}", sh_quote(p)));
    }
  }
}

void Checker::check_path() {
  const bool applicable = r_.go.found;
  check("go-shadowed", Area::path, "the go that runs is the one configured and the newest on PATH", applicable);
  check("gobin-relative", Area::config, "GOBIN is absolute", applicable);
  check("gobin-in-goroot", Area::goroot, "go install writes outside GOROOT", applicable);
  check("gobin-not-on-path", Area::path, "go install's directory is on PATH", applicable);
  if (!applicable) return;

  // Several gos on PATH: the first wins. Wrong when GOROOT names a later
  // one's SDK, or when a later one is newer.
  // A manager's shim first on PATH is meant to shadow the rest.
  if (r_.gos_on_path.size() > 1 && !r_.manager.is_shim()) {
    const std::string& goroot = r_[Key::GOROOT].value;
    std::vector<std::string> versions(r_.gos_on_path.size());
    versions[0] = r_.go.version;
    std::string newer, configured_later;
    for (size_t i = 1; i < r_.gos_on_path.size(); ++i) {
      const GoCandidate& c = r_.gos_on_path[i];
      GoBinary other;
      std::string resolved;
      fp::eval_symlinks(disk_, c.path, &resolved, nullptr, s_);
      if (resolved.empty()) resolved = c.path;
      if (resolved == r_.go.resolved) continue;  // the same binary through another link
      inspect(resolved, &other);
      versions[i] = other.version;
      std::string v0 = version_from_toolchain(r_.go.version), vi = version_from_toolchain(other.version);
      if (newer.empty() && !v0.empty() && !vi.empty() && compare_go_versions(vi, v0) > 0) newer = c.path;
      if (configured(Key::GOROOT) && configured_later.empty() &&
          fp::same_path(fp::dir(c.path, s_), fp::join({goroot, "bin"}, s_), s_) &&
          !fp::same_path(fp::dir(r_.go.path, s_), fp::join({goroot, "bin"}, s_), s_))
        configured_later = c.path;
    }
    if (!newer.empty() || !configured_later.empty()) {
      Finding& f = add("go-shadowed", Severity::warn, Area::path,
                       !configured_later.empty() ? "an earlier go on PATH shadows the one GOROOT names"
                                                 : "an older go comes first on PATH; a newer one is shadowed");
      for (size_t i = 0; i < r_.gos_on_path.size(); ++i)
        f.evidence.push_back(Evidence{i == 0 ? "runs" : "shadowed", r_.gos_on_path[i].path,
                                      versions[i].empty() ? "version unknown" : versions[i]});
      if (configured(Key::GOROOT)) f.evidence.push_back(ev("GOROOT", Key::GOROOT));
      f.fix.push_back(fx_.prepend_path(fp::dir(!configured_later.empty() ? configured_later : newer, s_)));
      f.fix.push_back("# or remove " + r_.go.path + " (or its directory) from PATH");
    }
  }

  const Value& gobin = r_[Key::GOBIN];
  // From go1.27 GOBIN reports the derived install dir too: only a GOBIN
  // someone set counts here.
  const bool gobin_set = !gobin.value.empty() && gobin.source != Source::default_value;
  // go install: "cannot install, GOBIN must be an absolute path".
  if (gobin_set && !fp::is_abs(gobin.value, s_)) {
    Finding& f = add("gobin-relative", Severity::error, Area::config,
                     "GOBIN is not an absolute path: go install fails");
    f.evidence.push_back(ev("GOBIN", Key::GOBIN));
    f.fix.push_back(gobin.source == Source::user_env_file ? fx_.go_env_u("GOBIN") : fx_.unset_env("GOBIN"));
    return;
  }
  const std::string& dir = r_.install_dir;
  if (dir.empty() || !fp::is_abs(dir, s_)) return;
  const std::string& goroot = r_[Key::GOROOT].value;
  bool gopath_is_goroot = fp::same_path(r_[Key::GOPATH].value, goroot, s_);
  if (!goroot.empty() && !gopath_is_goroot && fp::has_prefix_dir(dir, goroot, s_)) {
    Finding& f = add("gobin-in-goroot", Severity::error, Area::goroot,
                     "go install writes into GOROOT: installed tools overwrite the SDK's");
    f.evidence.push_back(Evidence{"install dir", dir, gobin_set ? where(gobin) : "GOPATH[0]/bin"});
    f.evidence.push_back(ev("GOROOT", Key::GOROOT));
    if (gobin_set)
      f.fix.push_back(gobin.source == Source::user_env_file ? fx_.go_env_u("GOBIN") : fx_.unset_env("GOBIN"));
    else
      f.fix.push_back(fx_.go_env_w("GOPATH=" + home_go()));
  }
  bool on_path = false;
  for (const std::string& e : fp::split_list(in_.env->get("PATH"), s_))
    if (!e.empty() && fp::same_path(e, dir, s_)) on_path = true;
  // asdf's GOBIN is reached through its shims (asdf-golang reshims after go install).
  if (!on_path && !from_manager("GOBIN")) {
    // Before anything was installed there (a fresh Go install, no ~/go/bin
    // yet) nothing is "command not found": a prompt mark would be on from
    // day one and teach people to ignore marks. It warns once the directory
    // holds a program; doctor still tells as a note.
    const bool used = holds_a_program(dir);
    Finding& f = add("gobin-not-on-path", used ? Severity::warn : Severity::info, Area::path,
                     used ? "go install's directory is not on PATH: installed tools are \"command not found\""
                          : "go install's directory is not on PATH: tools you install will be \"command not found\"");
    f.evidence.push_back(Evidence{"install dir", dir, gobin_set ? where(gobin) : "GOPATH[0]/bin"});
    f.fix.push_back(fx_.prepend_path(dir));
  }
}

void Checker::check_config() {
  const bool applicable = r_.go.found;
  check("gotoolchain-invalid", Area::config, "GOTOOLCHAIN is valid", applicable);
  check("envfile-crlf", Area::config, "the go env file has Unix line ends");
  check("go111module-off", Area::config, "modules are on");
  check("env-overrides-envfile", Area::config, "the environment and the go env file agree");

  if (applicable) {
    // toolchain.Select: "go: invalid GOTOOLCHAIN ..." before any command.
    if (std::string e = gotoolchain_error(r_); e.rfind("go: invalid GOTOOLCHAIN", 0) == 0) {
      const Value& tc = r_[Key::GOTOOLCHAIN];
      bool cr = !tc.value.empty() && tc.value.back() == '\r';
      Finding& f = add("gotoolchain-invalid", Severity::error, Area::config,
                       cr ? "GOTOOLCHAIN ends in a carriage return (CRLF env file): every go command fails"
                          : "GOTOOLCHAIN is invalid: every go command fails");
      f.evidence.push_back(ev("GOTOOLCHAIN", Key::GOTOOLCHAIN));
      f.evidence.push_back(Evidence{"go prints", e, "cmd/go"});
      std::string clean = tc.value;
      while (!clean.empty() && (clean.back() == '\r' || clean.back() == ' ')) clean.pop_back();
      if (tc.source == Source::user_env_file)
        f.fix.push_back(version_from_toolchain(clean).empty() && clean != "local" && clean != "auto"
                            ? fx_.go_env_u("GOTOOLCHAIN")
                            : fx_.go_env_w("GOTOOLCHAIN=" + clean));
      else
        f.fix.push_back(fx_.unset_env("GOTOOLCHAIN"));
    }
  }
  if (r_.user_env.crlf) {
    Finding& f = add("envfile-crlf", Severity::warn, Area::config,
                     "the go env file has CRLF line ends: every value in it ends in \\r");
    f.evidence.push_back(Evidence{"file", r_.user_env_path, "GOENV"});
    for (const auto& [k, v] : r_.user_env.entries)
      if (!v.empty() && v.back() == '\r') f.evidence.push_back(Evidence{k, v, "go-env-file"});
    f.fix.push_back(windows() ? fmt::format("(Get-Content -Raw {0}) -replace \"`r`n\", \"`n\" | Set-Content -NoNewline {0}",
                                            ps_quote(r_.user_env_path))
                              : fmt::format("sed -i 's/\\r$//' {}", sh_quote(r_.user_env_path)));
  }
  // GO111MODULE=off: GOPATH mode; go.mod files are ignored.
  if (r_[Key::GO111MODULE].value == "off") {
    Finding& f = add("go111module-off", Severity::warn, Area::config,
                     "GO111MODULE=off: GOPATH mode, go.mod files are ignored");
    f.evidence.push_back(ev("GO111MODULE", Key::GO111MODULE));
    f.fix.push_back(r_[Key::GO111MODULE].source == Source::user_env_file ? fx_.go_env_u("GO111MODULE")
                                                                          : fx_.unset_env("GO111MODULE"));
  }
  // A `go env -w` value that the environment overrides is dead configuration.
  for (const auto& [k, v] : r_.user_env.entries) {
    std::string envv = in_.env->get(k);
    if (envv.empty() || envv == v) continue;
    const std::string* last = r_.user_env.find(k);
    if (last != &v) continue;  // report each key once, for its effective line
    Finding& f = add("env-overrides-envfile", Severity::info, Area::config,
                     fmt::format("{} is set in the environment and in the go env file: the file's value is ignored", k));
    f.evidence.push_back(Evidence{k, envv, "env"});
    f.evidence.push_back(Evidence{k, v, "go-env-file " + r_.user_env_path});
    f.fix.push_back(fx_.go_env_u(k));
  }
}

// toolchain.Select inside a module: the go that really runs here.
void Checker::check_module() {
  const bool applicable = r_.go.found;
  check("toolchain-switch", Area::module, "go runs its own toolchain here", applicable);
  check("toolchain-download", Area::module, "no toolchain download pending here", applicable);
  check("toolchain-unavailable", Area::module, "the module's toolchain requirement can be met", applicable);
  check("cwd-unknown", Area::module, "go can determine the current directory", applicable);
  if (!applicable) return;
  // base.Cwd: os.Getwd failed (the directory was deleted, this user cannot
  // search it, or it is too deep for getcwd): every go command exits 1.
  if (!r_.cwd_error.empty()) {
    Finding& f = add("cwd-unknown", Severity::error, Area::module,
                     "go cannot determine the current directory here: every go command fails");
    f.evidence.push_back(Evidence{"PWD", in_.env->get("PWD"), "env"});
    f.evidence.push_back(Evidence{"go prints", r_.cwd_error, "cmd/go"});
    f.fix.push_back(windows() ? "Set-Location $HOME   # or any directory that exists"
                              : "cd \"$PWD\" 2>/dev/null || cd   # back into the directory if it was recreated, else home");
  }
  const ToolchainChoice& c = r_.toolchain;
  auto asked = [&](Finding& f) {
    if (!c.file.file.empty()) {
      if (!c.file.go.empty()) f.evidence.push_back(Evidence{"go line", c.file.go, c.file.file});
      if (!c.file.toolchain.empty()) f.evidence.push_back(Evidence{"toolchain line", c.file.toolchain, c.file.file});
    }
    f.evidence.push_back(ev("GOTOOLCHAIN", Key::GOTOOLCHAIN));
  };
  std::string local = r_.switched ? r_.local.version : r_.go.version;
  if (c.outcome == ToolchainOutcome::path || c.outcome == ToolchainOutcome::modcache) {
    Finding& f = add("toolchain-switch", Severity::info, Area::module,
                     fmt::format("go switches to {} here ({})", c.name, c.reason));
    f.evidence.push_back(Evidence{"go on PATH", r_.local.path, local});
    f.evidence.push_back(Evidence{"runs", c.binary, c.name});
    asked(f);
  } else if (c.outcome == ToolchainOutcome::download) {
    Finding& f = add("toolchain-download", Severity::warn, Area::module,
                     fmt::format("go will download {} on its next run here ({})", c.name, c.reason));
    f.evidence.push_back(Evidence{"go on PATH", r_.go.path, local});
    asked(f);
    f.fix.push_back(fmt::format("go install golang.org/dl/{0}@latest && {0} download   # or install {0} any other way", c.name));
    f.fix.push_back("# or keep the local toolchain here: " + fx_.set_env("GOTOOLCHAIN", "local") +
                    " (builds then fail if the module needs the newer go)");
  }
  std::string problem = c.outcome == ToolchainOutcome::unavailable ? (c.fatal.empty() ? c.build_error : c.fatal)
                        : (c.outcome == ToolchainOutcome::invalid && c.fatal.rfind("go: invalid GOTOOLCHAIN", 0) != 0)
                            ? c.fatal
                            : c.build_error;
  if (!problem.empty()) {
    Finding& f = add("toolchain-unavailable", Severity::error, Area::module,
                     "go refuses to build here: the module's toolchain requirement cannot be met");
    f.evidence.push_back(Evidence{"go prints", problem, "cmd/go"});
    asked(f);
    if (r_[Key::GOTOOLCHAIN].source == Source::user_env_file) f.fix.push_back(fx_.go_env_u("GOTOOLCHAIN"));
    else if (r_[Key::GOTOOLCHAIN].source == Source::process_env) f.fix.push_back(fx_.unset_env("GOTOOLCHAIN"));
    f.fix.push_back("# or install the Go version the module asks for and put it first on PATH");
  }
}

// Version managers and the one fallback spawn: what runs, who chose it, and
// whether gostatus had to run it to find out.
void Checker::check_manager() {
  check("version-not-installed", Area::path, "the version manager's selected Go is installed");
  check("go-version-unknown", Area::path, "gostatus can tell which go runs");
  const ManagerResult& m = r_.manager;
  if (m.found()) {
    std::string what = m.is_shim() ? "shim" : m.how;
    Finding& f = add("version-manager", Severity::info, Area::path,
                     m.version.empty() ? fmt::format("go comes from {} ({})", manager_name(m.manager), what)
                                       : fmt::format("go comes from {} ({}): version {} selected by {}",
                                                     manager_name(m.manager), what, m.version,
                                                     m.selected_by.empty() ? "its default" : m.selected_by));
    f.evidence.push_back(Evidence{"manager", std::string(manager_name(m.manager)), m.root});
    f.evidence.push_back(Evidence{"go on PATH", m.is_shim() ? r_.shim.path : r_.go.path, what});
    if (!m.version.empty()) f.evidence.push_back(Evidence{"version", m.version, m.selected_by});
    if (!m.go.empty()) f.evidence.push_back(Evidence{"runs", m.go, r_.go.version.empty() ? "version unknown" : r_.go.version});
    for (const auto& [k, v] : m.env) f.evidence.push_back(Evidence{k, v, fmt::format("set by {}", manager_name(m.manager))});
  }
  if (m.not_installed) {
    Finding& f = add("version-not-installed", Severity::error, Area::path,
                     fmt::format("{} selects a Go that is not installed: every go command fails here",
                                 manager_name(m.manager)));
    f.evidence.push_back(Evidence{std::string(manager_name(m.manager)) + " prints", m.error, m.selected_by});
    f.fix.push_back(m.install_fix);
    if (!m.selected_by.empty() && m.selected_by.find('/') != std::string::npos)
      f.fix.push_back("# or change the version in " + m.selected_by);
  }
  const SpawnedGo& sp = r_.spawned;
  if (!sp.used) return;
  std::string cmd = sp.program;
  for (const std::string& a : sp.args) cmd += " " + a;
  if (sp.ok()) {
    Finding& f = add("go-spawned", Severity::info, Area::path,
                     "no file tells what the go on PATH is: gostatus ran it once (cached until it changes)");
    f.evidence.push_back(Evidence{"ran", cmd, "GOTOOLCHAIN=local, no shell"});
    f.evidence.push_back(Evidence{"answered", sp.goversion + " " + sp.goroot, fmt::format("{} ms", sp.elapsed_ms)});
    return;
  }
  Finding& f = add("go-version-unknown", Severity::warn, Area::path,
                   "the go on PATH is not a Go binary and running it gave no answer: its version is unknown");
  f.evidence.push_back(Evidence{"ran", cmd, "GOTOOLCHAIN=local, no shell"});
  f.evidence.push_back(Evidence{"result", sp.error, sp.status});
  f.fix.push_back("# make " + sp.program + " answer `go env -json GOROOT GOVERSION` promptly, or put the real go first:");
  std::vector<std::string> sdks = visible_sdks();
  f.fix.push_back(fx_.prepend_path(sdks.empty() ? (windows() ? "C:\\Program Files\\Go\\bin" : "/usr/local/go/bin") : sdks[0]));
  f.fix.push_back("# this answer is cached until " + sp.program + " changes; after fixing something else: gostatus cache clear");
}

Report Checker::run() {
  check_go_found();
  check_goroot();
  check_gopath();
  check_path();
  check_config();
  check_module();
  check_manager();
  return std::move(rep_);
}

}  // namespace

Report run_checks(const ProbeResult& r, Disk& disk, const ProbeInput& in, const CheckOptions& opt) {
  Report rep = Checker(r, disk, in, opt).run();
  if (opt.read_registry && in.host_goos == "windows") check_stale_session(r, disk, in, opt.read_registry(disk), &rep);
  return rep;
}

}  // namespace gs
