// Transcribed from the go command's sources (go1.19, go1.21-1.23); line
// references are in docs/toolchain-rules.md. The go command is the oracle:
// tests/e2e/test_modules_diff.py compares these rules with the real go.
#include "segment/probe/modules.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "segment/golang/strconv.h"
#include "segment/golang/version.h"

namespace gs {
namespace {

// go.mod and go.work are read whole up to this size, as go reads them
// (os.ReadFile in toolchain.Select and modload; a fetched go.mod may be 16
// MiB, codehost.MaxGoMod): a valid big go.mod whose `go` or `toolchain`
// line comes late is not misread. Only a bigger one, which no real module
// has, is read this far, so that it cannot stall the prompt.
constexpr size_t kModFileCap = 64u << 20;

bool has_prefix(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool has_suffix(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// str.HasFilePathPrefix (cmd/go/internal/str/path.go): only the volume name
// compares case-insensitively.
bool has_file_path_prefix(std::string_view s, std::string_view prefix, PathStyle st) {
  std::string_view sv = s.substr(0, fp::volume_name_len(s, st));
  std::string_view pv = prefix.substr(0, fp::volume_name_len(prefix, st));
  s.remove_prefix(sv.size());
  prefix.remove_prefix(pv.size());
  if (!equal_fold(sv, pv)) return false;
  if (s.size() == prefix.size()) return s == prefix;
  if (prefix.empty()) return true;
  if (s.size() > prefix.size()) {
    if (fp::is_sep(prefix.back(), st)) return has_prefix(s, prefix);
    return fp::is_sep(s[prefix.size()], st) && has_prefix(s, prefix);
  }
  return false;
}

// search.InDir's lexical step: *rel set and true when path is in dir.
bool in_dir_lex(std::string_view path, std::string_view dir, PathStyle st, std::string* rel) {
  if (dir.empty()) {
    *rel = std::string(path);
    return true;
  }
  if (!has_file_path_prefix(path, dir, st)) return false;
  // TrimFilePathPrefix
  std::string_view trimmed = path.substr(dir.size());
  if (!trimmed.empty() && fp::is_sep(trimmed[0], st)) {
    size_t vl = fp::volume_name_len(dir, st);
    bool bare_drive = st == PathStyle::windows && vl == dir.size() && vl == 2 && dir[1] == ':';
    if (!bare_drive) trimmed.remove_prefix(1);
  }
  *rel = trimmed.empty() ? "." : std::string(trimmed);
  return true;
}

// search.InDir (cmd/go/internal/search/search.go): lexically, then with
// symlinks evaluated on either side.
std::string in_dir(Disk& disk, const std::string& path, const std::string& dir, PathStyle st) {
  std::string rel;
  if (in_dir_lex(path, dir, st, &rel)) return rel;
  std::string xpath;
  if (!fp::eval_symlinks(disk, path, &xpath, nullptr, st) || xpath == path) {
    xpath.clear();
  } else if (in_dir_lex(xpath, dir, st, &rel)) {
    return rel;
  }
  std::string xdir;
  if (fp::eval_symlinks(disk, dir, &xdir, nullptr, st) && xdir != dir) {
    if (in_dir_lex(path, xdir, st, &rel)) return rel;
    if (!xpath.empty() && in_dir_lex(xpath, xdir, st, &rel)) return rel;
  }
  return "";
}

// modload.findModuleRoot: the nearest directory with a go.mod that stats as
// a non-directory (a stat error counts as absent), up to the root.
std::string find_module_root(Disk& disk, const std::string& cwd, PathStyle st) {
  if (cwd.empty()) return "";  // go panics: "dir not set"; os.Getwd never returns ""
  std::string dir = fp::clean(cwd, st);
  for (;;) {
    FileStat fs = disk.stat(fp::join({dir, "go.mod"}, st));
    if (fs.exists() && !fs.is_dir()) return dir;
    std::string d = fp::dir(dir, st);
    if (d == dir) return "";
    dir = d;
  }
}

std::string dev_null(bool windows) { return windows ? "NUL" : "/dev/null"; }

// modload.FindGoWork without the fatal: *bad set when GOWORK is relative.
std::string find_go_work(Disk& disk, const ModuleInput& in, bool* bad) {
  *bad = false;
  if (in.gowork == "off") return "";
  if (in.gowork.empty() || in.gowork == "auto") return find_workspace_file(disk, in.cwd, in.goroot, in.style);
  if (!fp::is_abs(in.gowork, in.style)) {
    *bad = true;
    return "";
  }
  return in.gowork;  // as written: go neither cleans it nor checks its name
}

// os.ReadFile's error text for what Disk::open_read refused.
std::string read_error(Disk& disk, const std::string& file) {
  FileStat fs = disk.stat(file);
  if (fs.is_dir()) return "read " + file + ": is a directory";
  if (!fs.exists()) return "open " + file + ": no such file or directory";
  return "open " + file + ": permission denied";
}

bool read_prefix(Disk& disk, const std::string& file, std::string* out) {
  std::unique_ptr<ReadableFile> f = disk.open_read(file);
  if (!f) return false;
  size_t n = static_cast<size_t>(std::min<uint64_t>(f->size(), kModFileCap));
  out->resize(n);
  size_t got = 0;
  while (got < n) {
    int64_t r = f->read_at(got, out->data() + got, n - got);
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  out->resize(got);
  return true;
}

std::string trim_space(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// module.EscapeVersion: an upper-case letter becomes '!' and its lower case.
std::string escape_version(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c >= 'A' && c <= 'Z') {
      out += '!';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::string toolchain_module_version(std::string_view name, std::string_view goos, std::string_view goarch) {
  // select.go: gotoolchainVersion + "-" + gotoolchain + "." + GOOS + "-" + GOARCH
  return "v0.0.1-" + std::string(name) + "." + std::string(goos) + "-" + std::string(goarch);
}

bool is_windows_style(const SelectInput& in) { return in.module.style == PathStyle::windows; }

}  // namespace

// gover.local (cmd/go/internal/gover/local.go): a version FromToolchain
// cannot read is a development build, "1." + goversion.Version.
std::string local_go_version(std::string_view v) {
  if (std::string g = version_from_toolchain(v); !g.empty()) return g;
  size_t at = v.find("go1.");
  if (at == std::string_view::npos) return "";
  size_t i = at + 4, j = i;
  while (j < v.size() && v[j] >= '0' && v[j] <= '9') ++j;
  if (j == i) return "";
  return "1." + std::string(v.substr(i, j - i));
}

std::string local_toolchain_name(std::string_view v) {
  if (!version_from_toolchain(v).empty()) return std::string(v);
  std::string g = local_go_version(v);
  return g.empty() ? std::string(v) : "go" + g;
}

std::string find_go_mod(Disk& disk, const std::string& cwd, const std::string& temp_dir, PathStyle st,
                        bool* in_temp_root) {
  if (in_temp_root) *in_temp_root = false;
  std::string root = find_module_root(disk, cwd, st);
  if (root.empty()) return "";
  // golang.org/issue/26708: a go.mod in the temp root itself is ignored.
  if (in_dir(disk, root, temp_dir, st) == ".") {
    if (in_temp_root) *in_temp_root = true;
    return "";
  }
  return fp::join({root, "go.mod"}, st);
}

std::string find_workspace_file(Disk& disk, const std::string& cwd, const std::string& goroot, PathStyle st) {
  if (cwd.empty()) return "";
  std::string dir = fp::clean(cwd, st);
  for (;;) {
    std::string f = fp::join({dir, "go.work"}, st);
    FileStat fs = disk.stat(f);
    if (fs.exists() && !fs.is_dir()) return f;
    std::string d = fp::dir(dir, st);
    if (d == dir) return "";
    // Never climb into GOROOT (an exact string comparison in go).
    if (d == goroot) return "";
    dir = d;
  }
}

// modload.WillBeEnabled (modload/init.go): toolchain.Select's gate. Under
// GO111MODULE=auto, a go.mod above the cwd; from go1.27 a go.work too
// (FindGoWork, whose relative-GOWORK fatal then stops Select: *fatal).
bool will_be_enabled(Disk& disk, const ModuleInput& in, const GoRules& rules, std::string* fatal) {
  const std::string& mode = in.go111module;
  if (mode == "on" || mode.empty()) return true;
  if (mode != "auto") return false;
  if (!find_go_mod(disk, in.cwd, in.temp_dir, in.style).empty()) return true;
  if (!rules.workspace_enables_select) return false;
  bool bad = false;
  std::string work = find_go_work(disk, in, &bad);
  // base.Fatalf under Select's "go: " log prefix.
  if (bad && fatal) *fatal = "go: go: invalid GOWORK: not an absolute path";
  return !work.empty();
}

ModuleContext module_context(Disk& disk, const ModuleInput& in) {
  ModuleContext c;
  const GoRules rules = go_rules(in.go_version);
  const std::string& mode = in.go111module;
  const PathStyle st = in.style;

  c.will_be_enabled = will_be_enabled(disk, in, rules, nullptr);

  // envcmd.ExtraEnvVars: modload.Init, then HasModRoot / Enabled.
  bool must = true;
  std::string modroot;
  if (mode != "on" && !mode.empty() && mode != "auto" && mode != "off") {
    c.fatal = "go: unknown environment setting GO111MODULE=" + mode;
    return c;
  }
  if (mode != "off") {
    must = mode != "auto";
    bool enabled = true;
    std::string root = find_module_root(disk, in.cwd, st);
    if (root.empty()) {
      enabled = must;  // auto outside a module: GOPATH mode
    } else if (in_dir(disk, root, in.temp_dir, st) == ".") {
      c.warnings.push_back("go: warning: ignoring go.mod in system temp root " + in.temp_dir);
      enabled = must;
    } else {
      modroot = root;
    }
    if (enabled) {
      c.modules_enabled = true;
      std::vector<std::string> list = fp::split_list(in.gopath, st);
      // Any stat success counts here, a directory too (no IsDir check).
      if (!list.empty() && !list[0].empty() && disk.stat(fp::join({list[0], "go.mod"}, st)).exists()) {
        if (rules.gopath_gomod_fatal) {
          c.fatal = "$GOPATH/go.mod exists but should not";
          return c;
        }
        c.warnings.push_back("go: warning: ignoring go.mod in $GOPATH " + list[0]);
      }
    }
  }
  if (!modroot.empty()) {
    c.gomod = fp::join({modroot, "go.mod"}, st);
    c.modfile = c.gomod;
  } else if (c.modules_enabled) {
    c.gomod = dev_null(in.windows);
  }

  // modload.InitWorkfile: runs whatever GO111MODULE says.
  bool bad = false;
  c.workfile = find_go_work(disk, in, &bad);
  if (bad) {
    c.fatal = rules.select ? "go: invalid GOWORK: not an absolute path"
                           : "the path provided to GOWORK must be an absolute path";
    return c;
  }
  c.gowork = in.gowork == "off" ? "off" : c.workfile;
  return c;
}

std::string go_mod_lookup(std::string_view data, std::string_view key) {
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string line = trim_space(data.substr(0, nl));
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    // parseKey: the key, then a space or tab; comments cut at the first "//".
    if (!has_prefix(line, key)) continue;
    std::string_view s = std::string_view(line).substr(key.size());
    if (s.empty() || (s[0] != ' ' && s[0] != '\t')) continue;
    size_t cm = s.find("//");
    if (cm != std::string_view::npos) s = s.substr(0, cm);
    return trim_space(s);
  }
  return "";
}

ToolchainFile mod_go_toolchain(Disk& disk, const ModuleInput& in) {
  ToolchainFile t;
  bool bad = false;
  std::string file = find_go_work(disk, in, &bad);
  if (bad) {
    // base.Fatalf inside Select, whose log prefix is already "go: ".
    t.fatal = "go: go: invalid GOWORK: not an absolute path";
    return t;
  }
  // $GOWORK may name a file that does not exist yet ('go work init').
  if (!file.empty() && !disk.stat(file).exists()) file.clear();
  if (file.empty()) file = find_go_mod(disk, in.cwd, in.temp_dir, in.style);
  if (file.empty()) return t;
  t.file = file;
  std::string data;
  if (!read_prefix(disk, file, &data)) {
    t.fatal = "go: " + read_error(disk, file);
    return t;
  }
  t.go = go_mod_lookup(data, "go");
  t.toolchain = go_mod_lookup(data, "toolchain");
  return t;
}

std::string_view outcome_name(ToolchainOutcome o) {
  switch (o) {
    case ToolchainOutcome::local: return "local";
    case ToolchainOutcome::path: return "path";
    case ToolchainOutcome::modcache: return "modcache";
    case ToolchainOutcome::download: return "download";
    case ToolchainOutcome::unavailable: return "unavailable";
    case ToolchainOutcome::invalid: return "invalid";
  }
  return "local";
}

std::string look_path(Disk& disk, std::string_view name, const SelectInput& in) {
  LookPathEnv e;
  e.path = in.path_env;
  e.pathext = in.pathext;
  e.no_default_cwd_in_exe_path = in.no_default_cwd_in_exe_path;
  e.cwd = in.module.cwd;
  e.style = in.module.style;
  return look_path(disk, name, e);
}

std::string toolchain_module_dir(std::string_view gomodcache, std::string_view name, std::string_view goos,
                                 std::string_view goarch, PathStyle st) {
  return fp::join({gomodcache, "golang.org/toolchain@" + escape_version(toolchain_module_version(name, goos, goarch))},
                  st);
}

bool toolchain_in_modcache(Disk& disk, std::string_view gomodcache, std::string_view name, std::string_view goos,
                           std::string_view goarch, PathStyle st) {
  // modfetch.checkCacheDir: GOMODCACHE must be absolute.
  if (gomodcache.empty() || !fp::is_abs(gomodcache, st)) return false;
  // modfetch.DownloadDir: the directory, no .partial, a .ziphash.
  if (!disk.stat(toolchain_module_dir(gomodcache, name, goos, goarch, st)).is_dir()) return false;
  std::string ver = escape_version(toolchain_module_version(name, goos, goarch));
  std::string cache = fp::join({gomodcache, "cache/download/golang.org/toolchain/@v"}, st);
  FileStat partial = disk.stat(fp::join({cache, ver + ".partial"}, st));
  if (partial.kind != FileKind::missing) return false;
  return disk.stat(fp::join({cache, ver + ".ziphash"}, st)).exists();
}

bool rel_path(std::string_view basepath, std::string_view targpath, PathStyle st, std::string* out) {
  // A transcription of filepath.Rel.
  const bool win = st == PathStyle::windows;
  auto same = [&](std::string_view a, std::string_view b) { return win ? equal_fold(a, b) : a == b; };
  std::string base_vol(basepath.substr(0, fp::volume_name_len(basepath, st)));
  std::string targ_vol(targpath.substr(0, fp::volume_name_len(targpath, st)));
  std::string base = fp::clean(basepath, st), targ = fp::clean(targpath, st);
  if (same(targ, base)) {
    *out = ".";
    return true;
  }
  base = base.substr(base_vol.size());
  targ = targ.substr(targ_vol.size());
  const char S = fp::sep(st);
  if (base == ".") {
    base.clear();
  } else if (base.empty() && base_vol.size() > 2) {
    base = std::string(1, S);
  }
  bool base_slashed = !base.empty() && base[0] == S;
  bool targ_slashed = !targ.empty() && targ[0] == S;
  if (base_slashed != targ_slashed || !same(base_vol, targ_vol)) return false;
  size_t bl = base.size(), tl = targ.size(), b0 = 0, bi = 0, t0 = 0, ti = 0;
  for (;;) {
    while (bi < bl && base[bi] != S) ++bi;
    while (ti < tl && targ[ti] != S) ++ti;
    if (!same(std::string_view(targ).substr(t0, ti - t0), std::string_view(base).substr(b0, bi - b0))) break;
    if (bi < bl) ++bi;
    if (ti < tl) ++ti;
    b0 = bi;
    t0 = ti;
  }
  if (base.substr(b0, bi - b0) == "..") return false;
  if (b0 != bl) {
    size_t seps = 0;
    for (size_t i = b0; i < bl; ++i) seps += base[i] == S;
    std::string r = "..";
    for (size_t i = 0; i < seps; ++i) r += std::string(1, S) + "..";
    if (t0 != tl) r += S + targ.substr(t0);
    *out = r;
    return true;
  }
  *out = targ.substr(t0);
  return true;
}

std::string short_path(std::string_view path, std::string_view cwd, PathStyle st) {
  std::string rel;
  if (rel_path(cwd, path, st, &rel) && rel.size() < path.size()) return rel;
  return std::string(path);
}

ToolchainChoice select_toolchain(Disk& disk, const SelectInput& in) {
  ToolchainChoice c;
  const ModuleInput& m = in.module;
  const GoRules rules = go_rules(m.go_version);
  const std::string local_tc = local_toolchain_name(m.go_version);
  const std::string local_v = local_go_version(m.go_version);
  c.name = local_tc;
  if (!rules.select) return c;  // go1.20 and older: no toolchain switching

  std::string gate_fatal;
  if (!will_be_enabled(disk, m, rules, &gate_fatal)) {
    if (!gate_fatal.empty()) {
      c.selected = true;
      c.outcome = ToolchainOutcome::invalid;
      c.fatal = gate_fatal;
    }
    return c;
  }
  // Select's special cases come after the gate (toolchain/select.go).
  if (in.local_command) return c;
  if (in.gotoolchain.empty()) return c;  // GOROOT/go.env missing: go keeps running
  c.selected = true;

  // Interpret GOTOOLCHAIN.
  std::string min_tc = local_tc, min_v = local_v, mode;
  const std::string& gt = in.gotoolchain;
  if (gt == "auto" || gt == "path") {
    mode = gt;
  } else {
    size_t plus = gt.find('+');
    std::string min = gt.substr(0, plus);
    std::string suffix = plus == std::string::npos ? "" : gt.substr(plus + 1);
    if (min != "local") {
      std::string v = version_from_toolchain(min);
      if (v.empty()) {
        c.outcome = ToolchainOutcome::invalid;
        c.fatal = plus != std::string::npos
                      ? "go: invalid GOTOOLCHAIN " + go_quote(gt) + ": invalid minimum toolchain " + go_quote(min)
                      : "go: invalid GOTOOLCHAIN " + go_quote(gt);
        return c;
      }
      min_tc = min;
      min_v = v;
    }
    if (plus != std::string::npos && suffix != "auto" && suffix != "path") {
      c.outcome = ToolchainOutcome::invalid;
      c.fatal = "go: invalid GOTOOLCHAIN " + go_quote(gt) + ": only version suffixes are +auto and +path";
      return c;
    }
    mode = suffix;
  }
  c.mode = mode;
  std::string tc = min_tc;
  c.reason = gt == "auto" || gt == "path" || gt == "local" ? "" : "GOTOOLCHAIN=" + gt;

  // gover.Startup, for TooNewError's explanation.
  std::string auto_file, auto_go, auto_tc;
  if (mode == "auto" || mode == "path") {
    c.file = mod_go_toolchain(disk, m);
    if (!c.file.fatal.empty()) {
      c.outcome = ToolchainOutcome::invalid;
      c.fatal = c.file.fatal;
      return c;
    }
    auto_file = c.file.file;
    const std::string& goVers = c.file.go;
    const std::string& toolchain = c.file.toolchain;
    if (toolchain == "default") {
      auto_tc = toolchain;  // the user's minimum stands, whatever the go line says
    } else {
      if (!toolchain.empty()) {
        std::string tv = version_from_toolchain(toolchain);
        if (tv.empty() || (!has_prefix(toolchain, "go") && !contains(toolchain, "-go"))) {
          c.outcome = ToolchainOutcome::invalid;
          c.fatal = "go: invalid toolchain " + go_quote(toolchain) + " in " + short_path(c.file.file, m.cwd, m.style);
          return c;
        }
        int cmp = compare_go_versions(tv, min_v);
        if (cmp > 0 || (rules.toolchain_ge && cmp == 0)) {
          tc = toolchain;
          min_v = tv;
          auto_tc = toolchain;
          c.reason = fp::base(c.file.file, m.style) + ": toolchain " + toolchain;
        }
      }
      if (compare_go_versions(goVers, min_v) > 0) {
        tc = "go" + goVers;
        // golang.org/issue/62278: a language version 1.21+ means its .0 release.
        if (is_lang_version(goVers) && compare_go_versions(goVers, "1.21") >= 0) tc += ".0";
        auto_go = goVers;
        auto_tc.clear();
        c.reason = fp::base(c.file.file, m.style) + ": go " + goVers;
      }
    }
  }

  // Where the chosen toolchain comes from.
  if (tc == "local" || tc == local_tc) {
    c.name = local_tc;
    c.outcome = ToolchainOutcome::local;
  } else if (!has_prefix(tc, "go1") && !contains(tc, "-go1")) {
    c.outcome = ToolchainOutcome::invalid;
    c.fatal = "go: invalid GOTOOLCHAIN " + go_quote(tc);
    c.name = tc;
    return c;
  } else {
    c.name = tc;
    const bool path_only = gt == "path" || has_suffix(gt, "+path");
    const bool win = is_windows_style(in);
    if (std::string exe = look_path(disk, tc, in); !exe.empty()) {
      c.outcome = ToolchainOutcome::path;
      c.binary = exe;  // the child runs with GOROOT unset
    } else if (path_only) {
      c.outcome = ToolchainOutcome::unavailable;
      c.fatal = "go: cannot find " + go_quote(tc) + " in PATH";
      return c;
    } else if (toolchain_in_modcache(disk, in.gomodcache, tc, in.goos, in.goarch, m.style)) {
      std::string dir = toolchain_module_dir(in.gomodcache, tc, in.goos, in.goarch, m.style);
      std::string bin = fp::join({dir, win ? "bin/go.exe" : "bin/go"}, m.style);
      if (!win && !disk.stat(fp::join({dir, "bin/go"}, m.style)).exists()) {
        c.outcome = ToolchainOutcome::unavailable;
        c.fatal = "go: download " + tc + ": stat " + fp::join({dir, "bin/go"}, m.style) +
                  ": no such file or directory";
        return c;
      }
      c.outcome = ToolchainOutcome::modcache;
      c.binary = bin;
      c.goroot = dir;  // the child runs with GOROOT=dir
    } else {
      c.outcome = ToolchainOutcome::download;
    }
  }

  // Is the toolchain that runs new enough for the module? modload fails
  // with a TooNewError when the go line is newer (gover/toolchain.go).
  ToolchainFile f = c.file.file.empty() ? mod_go_toolchain(disk, m) : c.file;
  std::string running = c.outcome == ToolchainOutcome::local ? local_v : version_from_toolchain(c.name);
  if (f.fatal.empty() && !f.file.empty() && parse_go_version(f.go).valid() && !running.empty() &&
      compare_go_versions(f.go, running) > 0) {
    std::string explain;
    if (gt != "auto") explain = "; GOTOOLCHAIN=" + gt;
    if (!auto_file.empty() && (!auto_go.empty() || !auto_tc.empty()))
      explain += "; " + short_path(auto_file, m.cwd, m.style) + " sets " +
                 (!auto_tc.empty() ? "toolchain " + auto_tc : "go " + auto_go);
    c.build_error = "go: " + short_path(f.file, m.cwd, m.style) + " requires go >= " + f.go + " (running go " +
                    running + explain + ")";
    if (c.outcome == ToolchainOutcome::local) c.outcome = ToolchainOutcome::unavailable;
  }
  return c;
}

}  // namespace gs
