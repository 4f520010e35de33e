// Each manager's rule is transcribed from its source; docs/version-managers.md
// names the files and revisions. Every file is read through the Disk seam so
// that the prompt cache depends on it (a .go-version created in a parent
// directory shows on the next render), and a file that is absent is stat'ed
// so its absence is a dependency too.
#include "segment/probe/managers/managers.h"

#include <algorithm>

#include "segment/golang/version.h"
#include "util/spawn.h"

namespace gs {

std::string_view manager_name(Manager m) {
  switch (m) {
    case Manager::none: return "";
    case Manager::scoop: return "scoop";
    case Manager::goenv: return "goenv";
    case Manager::asdf: return "asdf";
    case Manager::mise: return "mise";
    case Manager::g: return "g";
    case Manager::gvm: return "gvm";
  }
  return "";
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

// Whitespace-separated words; '\n' separates too, so a word read from a
// whole file (asdf's legacy .go-version) never spans lines (found by fuzzing).
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return std::string(v);
}

class Resolver {
 public:
  Resolver(Disk& disk, const ManagerInput& in) : disk_(disk), in_(in), env_(*in.env), s_(in.style) {}
  ManagerResult run();

 private:
  std::string join(std::initializer_list<std::string_view> parts) const { return fp::join(parts, s_); }
  std::string home() const { return env_.get(in_.windows ? "USERPROFILE" : "HOME"); }
  bool exists(const std::string& p) { return disk_.stat(p).exists(); }
  bool is_file(const std::string& p) { return disk_.stat(p).is_regular(); }
  bool is_dir(const std::string& p) { return disk_.stat(p).is_dir(); }
  // Manager files are small; anything bigger than this is not one.
  bool read(const std::string& p, std::string* out) { return disk_.read_file(p, 64 << 10, out); }
  std::string exe(const std::string& dir) const { return join({dir, in_.windows ? "go.exe" : "go"}); }
  // The directories from cwd up to the root, nearest first.
  std::vector<std::string> upward(const std::string& from) const {
    std::vector<std::string> dirs;
    std::string d = fp::clean(from, s_);
    for (;;) {
      dirs.push_back(d);
      std::string parent = fp::dir(d, s_);
      if (parent == d) break;
      d = parent;
    }
    return dirs;
  }
  // The first go on PATH outside dir ("system" in goenv and asdf).
  std::string go_outside(const std::string& dir) const {
    for (const std::string& g : in_.gos_on_path)
      if (!fp::same_path(fp::dir(g, s_), dir, s_)) return g;
    return "";
  }
  // Installed version directories under dir whose name is want or starts
  // with want + "." (a prefix such as "1.22"), newest first; symlinks (mise's
  // "1.22 -> 1.22.5" aliases) are not versions.
  std::vector<std::string> installed_matching(const std::string& dir, std::string_view want, bool any);

  bool scoop();
  bool goenv();
  bool asdf();
  bool mise_shim();
  void tag_real_binary();

  Disk& disk_;
  const ManagerInput& in_;
  const Environ& env_;
  PathStyle s_;
  ManagerResult r_;
};

std::vector<std::string> Resolver::installed_matching(const std::string& dir, std::string_view want, bool any) {
  std::vector<std::string> found;
  // The directory's stat is recorded as listed (RecordingDisk::list_dir):
  // the cache then compares its mtime, which moves whenever an entry comes
  // or goes.
  if (!is_dir(dir)) return found;
  std::vector<DirEntry> entries;
  if (!disk_.list_dir(dir, &entries)) return found;
  for (const DirEntry& e : entries) {
    const std::string& n = e.name;
    bool match = any || n == want || (n.size() > want.size() && n.compare(0, want.size(), want) == 0 && n[want.size()] == '.');
    if (!match || !parse_go_version(n).valid()) continue;
    std::string path = join({dir, n});
    FileStat st = disk_.lstat(path);
    if (st.kind == FileKind::symlink) {
      // mise's aliases ("1.23" -> "./1.23.5") point at a sibling; a link
      // anywhere else is an installed version that lives elsewhere.
      std::string target;
      if (!disk_.read_link(path, &target)) continue;
      std::string_view t = target;
      if (t.rfind("./", 0) == 0 || t.rfind(".\\", 0) == 0) t.remove_prefix(2);
      if (t.find_first_of(in_.windows ? "/\\" : "/") == std::string_view::npos) continue;
      if (!disk_.stat(path).is_dir()) continue;
    } else if (st.kind != FileKind::directory) {
      continue;
    }
    found.push_back(n);
  }
  std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) { return compare_go_versions(a, b) > 0; });
  return found;
}

// scoop: the shim executable reads "<its name>.shim" beside it; its `path`
// line names the program it runs (scoop's shim.exe, ScoopInstaller/Shim).
bool Resolver::scoop() {
  std::string dir = fp::dir(in_.go_path, s_);
  std::string name = fp::base(in_.go_path, s_);
  if (name.size() > 4 && (name.compare(name.size() - 4, 4, ".exe") == 0 || name.compare(name.size() - 4, 4, ".EXE") == 0))
    name.resize(name.size() - 4);
  std::string shim_file = join({dir, name + ".shim"});
  std::string data;
  if (!read(shim_file, &data)) return false;
  std::string target;
  for (std::string_view line : lines(data)) {
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || trim(line.substr(0, eq)) != "path") continue;
    target = unquote(line.substr(eq + 1));
    break;
  }
  if (target.empty()) return false;
  r_.manager = Manager::scoop;
  r_.how = "shim";
  r_.root = fp::dir(dir, s_);  // <scoop>/shims -> <scoop>
  r_.selected_by = shim_file;
  r_.install_fix = "scoop install go";
  // apps/<app>/current is the junction `scoop reset` points at a version.
  std::string cur = target;
  for (int up = 0; up < 4 && !cur.empty(); ++up) {
    std::string parent = fp::dir(cur, s_);
    if (fp::base(cur, s_) == "current") {
      std::string link;
      if (disk_.read_link(cur, &link)) {
        r_.version = fp::base(fp::clean(link, s_), s_);
        r_.selected_by = cur;
      }
      break;
    }
    if (parent == cur) break;
    cur = parent;
  }
  if (!is_file(target)) {
    r_.not_installed = true;
    r_.error = "the scoop shim " + in_.go_path + " runs " + target + ", which does not exist";
    r_.install_fix = "scoop reset go   # or: scoop install go";
    return true;
  }
  r_.go = target;
  return true;
}

// goenv: the shim is a bash script that exports GOENV_ROOT and runs
// `goenv exec`; goenv-version-name, -version-file, -version-file-read,
// -which and -exec decide which go runs and with what GOROOT/GOPATH.
bool Resolver::goenv() {
  std::string data;
  if (!read(in_.go_path, &data) || data.rfind("#!", 0) != 0) return false;
  std::string root;
  for (std::string_view line : lines(data)) {
    line = trim(line);
    constexpr std::string_view key = "export GOENV_ROOT=";
    if (line.rfind(key, 0) == 0) root = unquote(line.substr(key.size()));
  }
  if (root.empty() || data.find("goenv") == std::string::npos) return false;
  r_.manager = Manager::goenv;
  r_.how = "shim";
  r_.root = root;

  // goenv-version-name: GOENV_VERSION, else the version file's words.
  std::string version = env_.get("GOENV_VERSION");
  if (!version.empty()) {
    r_.selected_by = "GOENV_VERSION";
  } else {
    const bool gomod = !env_.get("GOENV_GOMOD_VERSION_ENABLE").empty();
    std::string file;
    auto search = [&](const std::string& from) {
      if (from.empty()) return false;
      for (const std::string& d : upward(from)) {
        for (const char* name : {".go-version", "go.mod"}) {
          if (std::string_view(name) == "go.mod" && !gomod) continue;
          std::string f = join({d, name});
          if (exists(f)) {
            file = f;
            return true;
          }
        }
      }
      return false;
    };
    std::string goenv_dir = env_.get("GOENV_DIR");
    if (goenv_dir.empty()) goenv_dir = in_.cwd;
    if (!search(goenv_dir) && !(goenv_dir != in_.cwd && search(in_.cwd))) file = join({root, "version"});
    r_.selected_by = file;
    std::string content;
    std::vector<std::string> found;
    if (read(file, &content)) {
      if (fp::base(file, s_) == "go.mod") {
        // The toolchain line when there is one, else the go line.
        bool has_toolchain = false;
        for (std::string_view l : lines(content)) has_toolchain |= l.rfind("toolchain", 0) == 0;
        for (std::string_view l : lines(content)) {
          std::vector<std::string> w = words(l);
          if (w.size() < 2) continue;
          if (has_toolchain && w[0] == "toolchain" && w[1].rfind("go", 0) == 0) found.push_back(w[1].substr(2));
          if (!has_toolchain && w[0] == "go" && parse_go_version(w[1]).valid()) found.push_back(w[1]);
        }
      } else {
        // The first word of each line (of its first 1024 bytes); comments
        // and path-like words are skipped.
        for (std::string_view l : lines(content)) {
          std::vector<std::string> w = words(l.substr(0, 1024));
          if (w.empty() || w[0][0] == '#' || w[0] == ".." || w[0].find('/') != std::string::npos) continue;
          found.push_back(w[0]);
        }
      }
    }
    for (const std::string& v : found) version += (version.empty() ? "" : ":") + v;
  }
  if (version.empty()) version = "system";
  r_.version = version;

  // goenv-which: the first listed version that has bin/go.
  std::vector<std::string> list;
  for (std::string_view v : fp::split_list(version, PathStyle::posix)) list.emplace_back(v);
  const std::string versions_dir = join({root, "versions"});
  std::string chosen, missing;
  const bool gomod_enable = !env_.get("GOENV_GOMOD_VERSION_ENABLE").empty();
  for (std::string v : list) {
    if (v == "system") {
      std::string sys = go_outside(join({root, "shims"}));
      if (!sys.empty()) {
        r_.go = sys;
        chosen = v;
        break;
      }
      continue;
    }
    std::string candidate = exe(join({versions_dir, v, "bin"}));
    if (!disk_.is_executable(candidate) && v.rfind("go-", 0) == 0) {
      v = v.substr(3);
      candidate = exe(join({versions_dir, v, "bin"}));
    }
    if (!disk_.is_executable(candidate) && gomod_enable) {
      std::vector<std::string> m = installed_matching(versions_dir, v, false);
      if (!m.empty()) {
        v = m.front();
        candidate = exe(join({versions_dir, v, "bin"}));
      }
    }
    if (disk_.is_executable(candidate)) {
      r_.go = candidate;
      chosen = v;
      break;
    }
    if (missing.empty()) missing = v;
  }
  if (chosen.empty()) {
    r_.not_installed = true;
    std::string v = missing.empty() ? version : missing;
    r_.error = "goenv: version '" + v + "' is not installed (set by " + r_.selected_by + ")";
    r_.install_fix = "goenv install " + v;
    return true;
  }
  r_.version = chosen;
  r_.install_fix = "goenv install " + chosen;
  if (chosen == "system") return true;
  // goenv-exec's exports for a managed version.
  if (env_.get("GOENV_DISABLE_GOROOT") != "1") r_.env.emplace_back("GOROOT", join({versions_dir, chosen}));
  if (env_.get("GOENV_DISABLE_GOPATH") != "1") {
    std::string prefix = env_.get("GOENV_GOPATH_PREFIX");
    std::string own = prefix.empty() ? home() + "/go/" + chosen : prefix + "/" + chosen;
    std::string gopath = env_.get("GOPATH");
    if (!gopath.empty() && env_.get("GOENV_APPEND_GOPATH") == "1") own = own + ":" + gopath;
    else if (!gopath.empty() && env_.get("GOENV_PREPEND_GOPATH") == "1") own = gopath + ":" + own;
    r_.env.emplace_back("GOPATH", own);
  }
  return true;
}

// asdf: the shim is a script naming its plugin ("# asdf-plugin: golang
// 1.22.1") and running `asdf exec`; asdf's resolve.Version picks the version
// (ASDF_GOLANG_VERSION; per directory upward: legacy files when enabled, then
// .tool-versions), asdf-golang's exec-env exports GOROOT/GOBIN/GOPATH.
bool Resolver::asdf() {
  std::string data;
  if (!read(in_.go_path, &data) || data.rfind("#!", 0) != 0) return false;
  std::string plugin;
  for (std::string_view line : lines(data)) {
    std::vector<std::string> w = words(line);
    if (w.size() >= 3 && w[0] == "#" && w[1] == "asdf-plugin:") {
      plugin = w[2];
      break;
    }
  }
  if (plugin.empty() || data.find("asdf") == std::string::npos) return false;
  r_.manager = Manager::asdf;
  r_.how = "shim";
  std::string root = env_.get("ASDF_DATA_DIR");
  if (root.empty()) root = join({home(), ".asdf"});
  r_.root = root;

  std::string upper = plugin;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> versions;
  std::string env_name = "ASDF_" + upper + "_VERSION";
  if (std::string v = env_.get(env_name); !v.empty()) {
    versions = words(v);
    r_.selected_by = env_name;
  } else {
    // ~/.asdfrc: legacy_version_file = yes turns on the plugin's legacy files.
    std::string rc = env_.get("ASDF_CONFIG_FILE");
    if (rc.empty()) rc = join({home(), ".asdfrc"});
    bool legacy = false;
    std::string rcdata;
    if (read(rc, &rcdata)) {
      for (std::string_view line : lines(rcdata)) {
        size_t eq = line.find('=');
        if (eq != std::string_view::npos && trim(line.substr(0, eq)) == "legacy_version_file")
          legacy = trim(line.substr(eq + 1)) == "yes";
      }
    }
    std::vector<std::string> legacy_names;
    if (legacy && (plugin == "golang" || plugin == "go")) {
      legacy_names = {".go-version"};
      if (env_.get("ASDF_GOLANG_MOD_VERSION") != "false") legacy_names = {".go-version", "go.mod", "go.work"};
    }
    std::string tv_name = env_.get("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME");
    if (tv_name.empty()) tv_name = ".tool-versions";
    auto from_tool_versions = [&](const std::string& f) {
      std::string content;
      if (!read(f, &content)) return false;
      for (std::string_view line : lines(content)) {
        std::vector<std::string> w = words(line.substr(0, line.find('#')));
        if (w.size() >= 2 && w[0] == plugin) {
          versions.assign(w.begin() + 1, w.end());
          r_.selected_by = f;
          return true;
        }
      }
      return false;
    };
    bool found = false;
    for (const std::string& d : upward(in_.cwd)) {
      for (const std::string& name : legacy_names) {
        std::string f = join({d, name});
        std::string content;
        if (!exists(f) || !read(f, &content)) continue;
        std::string v;
        if (name == ".go-version") {
          std::vector<std::string> w = words(trim(content));
          if (!w.empty()) v = w[0];
        } else {
          for (std::string_view l : lines(content)) {
            std::vector<std::string> w = words(l);
            if (w.size() >= 2 && w[0] == "go") {
              v = w[1];
              break;
            }
          }
        }
        if (v.empty()) continue;
        versions = {v};
        r_.selected_by = f;
        found = true;
        break;
      }
      if (found) break;
      std::string f = join({d, tv_name});
      if (exists(f) && from_tool_versions(f)) {
        found = true;
        break;
      }
    }
    // asdf's global file: $HOME/.tool-versions, for directories outside HOME.
    if (!found && !home().empty()) from_tool_versions(join({home(), ".tool-versions"}));
  }
  if (versions.empty()) {
    r_.not_installed = true;
    r_.error = "asdf: No version is set for command go";
    r_.install_fix = "asdf set " + plugin + " <version>   # asdf < 0.16: asdf local " + plugin + " <version>";
    return true;
  }
  r_.version = versions.front();
  for (const std::string& v : versions) {
    std::string install;
    if (v == "system") {
      std::string sys = go_outside(join({root, "shims"}));
      if (sys.empty()) continue;
      r_.go = sys;
      r_.version = v;
      return true;
    }
    if (v.rfind("path:", 0) == 0) install = v.substr(5);
    else if (v.rfind("ref:", 0) == 0) install = join({root, "installs", plugin, "ref-" + v.substr(4)});
    else install = join({root, "installs", plugin, v});
    std::string go = exe(join({install, "go", "bin"}));
    if (!disk_.is_executable(go)) continue;
    r_.go = go;
    r_.version = v;
    r_.install_fix = "asdf install " + plugin + " " + v;
    // asdf-golang bin/exec-env.
    r_.env.emplace_back("GOROOT", join({install, "go"}));
    r_.env.emplace_back("GOBIN", join({install, "bin"}));
    if (!env_.has("GOPATH")) r_.env.emplace_back("GOPATH", join({install, "packages"}));
    return true;
  }
  r_.not_installed = true;
  r_.error = "asdf: No preset version installed for command go (" + plugin + " " + r_.version + ", set by " +
             r_.selected_by + ")";
  r_.install_fix = "asdf install " + plugin + " " + r_.version;
  return true;
}

// mise's data and config directories (dirs.rs: MISE_DATA_DIR, else
// $XDG_DATA_HOME/mise, else ~/.local/share/mise; likewise for config).
std::string mise_dir(const Environ& env, const std::string& home, const char* own, const char* xdg,
                     const char* fallback, PathStyle s) {
  std::string d = env.get(own);
  if (!d.empty()) return d;
  d = env.get(xdg);
  if (!d.empty()) return fp::join({d, "mise"}, s);
  return fp::join({home, fallback, "mise"}, s);
}

// The go version a mise.toml asks for ("" when it does not mention go).
std::string mise_toml_go(std::string_view content) {
  std::string section;
  for (std::string_view raw : lines(content)) {
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      size_t close = line.find(']');
      section = std::string(trim(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1)));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = unquote(line.substr(0, eq));
    std::string_view value = trim(line.substr(eq + 1));
    size_t hash = value.find(" #");
    if (hash != std::string_view::npos) value = trim(value.substr(0, hash));
    bool tools_go = (section == "tools" && (key == "go" || key == "golang")) || (section.empty() && key == "tools.go");
    bool go_table = (section == "tools.go" || section == "tools.\"go\"") && key == "version";
    if (!tools_go && !go_table) continue;
    if (value.empty()) continue;
    if (value[0] == '[') {  // several versions: the first is the one used
      value.remove_prefix(1);
      size_t end = value.find_first_of(",]");
      return unquote(value.substr(0, end));
    }
    if (value[0] == '{') {  // { version = "1.22", ... }
      size_t v = value.find("version");
      if (v == std::string_view::npos) continue;
      size_t q = value.find('=', v);
      if (q == std::string_view::npos) continue;
      std::string_view rest = trim(value.substr(q + 1));
      size_t end = rest.find_first_of(",}");
      return unquote(rest.substr(0, end));
    }
    return unquote(value);
  }
  return "";
}

// mise: in shim mode every shim is a link to the mise binary itself, which
// looks at argv[0] and runs the tool version its config selects (the
// nearest config file that names go, then the global config).
bool Resolver::mise_shim() {
  std::string data_dir = mise_dir(env_, home(), "MISE_DATA_DIR", "XDG_DATA_HOME", ".local/share", s_);
  bool in_shims = fp::same_path(fp::dir(in_.go_path, s_), join({data_dir, "shims"}), s_);
  std::string link;
  bool link_to_mise = disk_.lstat(in_.go_path).kind == FileKind::symlink && disk_.read_link(in_.go_path, &link) &&
                      [&] {
                        std::string b = fp::base(link, s_);
                        return b == "mise" || b == "mise.exe" || b == "rtx";
                      }();
  if (!link_to_mise && !in_shims) return false;
  r_.manager = Manager::mise;
  r_.how = "shim";
  r_.root = data_dir;

  std::string want = env_.get("MISE_GO_VERSION");
  if (!want.empty()) {
    r_.selected_by = "MISE_GO_VERSION";
  } else {
    static constexpr const char* kNames[] = {
        ".mise.local.toml", "mise.local.toml", ".mise.toml",          ".mise/config.toml",
        "mise.toml",        "mise/config.toml", ".config/mise.toml", ".config/mise/config.toml",
    };
    auto from_file = [&](const std::string& f, bool tool_versions) {
      std::string content;
      if (!exists(f) || !read(f, &content)) return false;
      std::string v;
      if (tool_versions) {
        for (std::string_view line : lines(content)) {
          std::vector<std::string> w = words(line.substr(0, line.find('#')));
          if (w.size() >= 2 && (w[0] == "go" || w[0] == "golang")) {
            v = w[1];
            break;
          }
        }
      } else {
        v = mise_toml_go(content);
      }
      if (v.empty()) return false;
      want = v;
      r_.selected_by = f;
      return true;
    };
    bool found = false;
    for (const std::string& d : upward(in_.cwd)) {
      for (const char* name : kNames)
        if ((found = from_file(join({d, name}), false))) break;
      if (!found) found = from_file(join({d, ".tool-versions"}), true);
      if (found) break;
    }
    if (!found) {
      std::string global = env_.get("MISE_GLOBAL_CONFIG_FILE");
      if (global.empty())
        global = join({mise_dir(env_, home(), "MISE_CONFIG_DIR", "XDG_CONFIG_HOME", ".config", s_), "config.toml"});
      found = from_file(global, false);
    }
  }
  if (want.empty()) {
    r_.not_installed = true;
    r_.error = "mise: no version of go is configured here";
    r_.install_fix = "mise use go@latest";
    return true;
  }
  r_.version = want;
  const std::string installs = join({data_dir, "installs", "go"});
  std::string install;
  if (want.rfind("path:", 0) == 0) {
    install = want.substr(5);
  } else {
    std::string v = want.rfind("prefix:", 0) == 0 ? want.substr(7) : want;
    std::vector<std::string> m = installed_matching(installs, v, v == "latest");
    if (!m.empty()) install = join({installs, m.front()}), r_.version = m.front();
  }
  std::string go = install.empty() ? "" : exe(join({install, "bin"}));
  if (go.empty() || !disk_.is_executable(go)) {
    r_.not_installed = true;
    r_.error = "mise: go@" + want + " (set by " + r_.selected_by + ") is not installed";
    r_.install_fix = "mise install go@" + want;
    return true;
  }
  r_.go = go;
  r_.install_fix = "mise install go@" + want;
  // The go backend's exec env (go_set_goroot, on by default): the install
  // directory, or its go/ subdirectory in the layout of older mise versions.
  std::string old_layout = join({install, "go"});
  r_.env.emplace_back("GOROOT", is_dir(old_layout) && is_file(exe(join({old_layout, "bin"}))) ? old_layout : install);
  return true;
}

// Managers that put a real go binary on PATH: nothing to resolve, but doctor
// names them and what chose the version. Lexical checks only: a go that no
// manager owns costs no disk work here.
void Resolver::tag_real_binary() {
  const std::string& path = in_.go_path;
  const std::string& real = in_.go_resolved.empty() ? in_.go_path : in_.go_resolved;
  // g (voidint/g): PATH holds $G_HOME/go/bin, and $G_HOME/go links to
  // $G_HOME/versions/<version>.
  std::string g_home = env_.get("G_HOME");
  if (g_home.empty() && !home().empty()) g_home = join({home(), ".g"});
  if (!g_home.empty() && fp::same_path(fp::dir(path, s_), join({g_home, "go", "bin"}), s_)) {
    std::string link;
    std::string go_link = join({g_home, "go"});
    if (disk_.read_link(go_link, &link)) {
      r_.manager = Manager::g;
      r_.how = "link";
      r_.root = g_home;
      r_.version = fp::base(fp::clean(link, s_), s_);
      r_.selected_by = go_link;
      r_.install_fix = "g install " + r_.version;
      return;
    }
  }
  // gvm: $GVM_ROOT/gos/<name>/bin/go, put on PATH by `gvm use`.
  std::string gvm_root = env_.get("GVM_ROOT");
  if (gvm_root.empty() && !home().empty()) gvm_root = join({home(), ".gvm"});
  std::string gos = join({gvm_root, "gos"});
  for (const std::string& p : {path, real}) {
    if (gvm_root.empty() || !fp::has_prefix_dir(p, gos, s_) || fp::same_path(p, gos, s_)) continue;
    std::string rest = p.substr(gos.size() + 1);
    std::string name = rest.substr(0, rest.find_first_of(in_.windows ? "/\\" : "/"));
    r_.manager = Manager::gvm;
    r_.how = "install dir";
    r_.root = gvm_root;
    r_.version = name;
    std::string chosen = env_.get("gvm_go_name");
    r_.selected_by = !chosen.empty() ? "gvm_go_name (gvm use)" : join({gvm_root, "environments", "default"});
    r_.install_fix = "gvm install " + name;
    return;
  }
  // mise in PATH mode (`mise activate`): $MISE_DATA_DIR/installs/go/<v>/bin.
  std::string installs = join({mise_dir(env_, home(), "MISE_DATA_DIR", "XDG_DATA_HOME", ".local/share", s_), "installs", "go"});
  // scoop: <scoop>/apps/go/<version or current>/bin/go.exe on PATH.
  for (const std::string& p : {path, real}) {
    if (fp::has_prefix_dir(p, installs, s_) && !fp::same_path(p, installs, s_)) {
      std::string rest = p.substr(installs.size() + 1);
      r_.manager = Manager::mise;
      r_.how = "PATH mode";
      r_.root = fp::dir(fp::dir(installs, s_), s_);
      r_.version = rest.substr(0, rest.find_first_of(in_.windows ? "/\\" : "/"));
      r_.selected_by = "mise activate (PATH)";
      r_.install_fix = "mise install go@" + r_.version;
      return;
    }
  }
  std::string bin = fp::dir(path, s_), app = fp::dir(bin, s_);
  if (fp::base(bin, s_) == "bin" && fp::base(fp::dir(app, s_), s_) == "go" &&
      fp::base(fp::dir(fp::dir(app, s_), s_), s_) == "apps") {
    r_.manager = Manager::scoop;
    r_.how = "link";
    r_.root = fp::dir(fp::dir(fp::dir(app, s_), s_), s_);
    r_.version = fp::base(app, s_);
    r_.selected_by = app;
    std::string link;
    if (r_.version == "current" && disk_.read_link(app, &link)) r_.version = fp::base(fp::clean(link, s_), s_);
    r_.install_fix = "scoop install go";
  }
}

ManagerResult Resolver::run() {
  if (in_.go_path.empty()) return r_;
  if (in_.go_is_binary) {
    tag_real_binary();
    return r_;
  }
  // Not a Go binary: a shim. Cheapest test first.
  if (scoop() || mise_shim() || goenv() || asdf()) return r_;
  r_ = ManagerResult{};
  return r_;
}

}  // namespace

ManagerResult detect_manager(Disk& disk, const ManagerInput& in) { return Resolver(disk, in).run(); }

// --- The fallback spawn ----------------------------------------------------

namespace {

void append_utf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A JSON string starting at s[*i] == '"'; false on anything malformed.
bool json_string(std::string_view s, size_t* i, std::string* out) {
  if (*i >= s.size() || s[*i] != '"') return false;
  out->clear();
  for (size_t j = *i + 1; j < s.size(); ++j) {
    char c = s[j];
    if (c == '"') {
      *i = j + 1;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++j >= s.size()) return false;
    switch (s[j]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t* v) {
          if (at + 4 > s.size()) return false;
          *v = 0;
          for (size_t k = at; k < at + 4; ++k) {
            char h = s[k];
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) return false;
            *v = *v * 16 + static_cast<uint32_t>(d);
          }
          return true;
        };
        uint32_t cp;
        if (!hex4(j + 1, &cp)) return false;
        j += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && j + 6 < s.size() + 0 && s[j + 1] == '\\' && s[j + 2] == 'u') {
          uint32_t lo;
          if (hex4(j + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            j += 6;
          }
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        append_utf8(out, cp);
        break;
      }
      default: return false;
    }
  }
  return false;
}

}  // namespace

// cmd/go/internal/envcmd printEnvAsJSON: one object, string values.
bool parse_go_env_json(std::string_view json, std::string* goroot, std::string* goversion) {
  size_t i = json.find('{');
  if (i == std::string_view::npos) return false;
  ++i;
  bool any = false;
  for (;;) {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r' || json[i] == ','))
      ++i;
    if (i >= json.size()) return false;
    if (json[i] == '}') return any;
    std::string key, value;
    if (!json_string(json, &i, &key)) return false;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':' || json[i] == '\t')) ++i;
    if (!json_string(json, &i, &value)) return false;
    if (key == "GOROOT") *goroot = value, any = true;
    if (key == "GOVERSION") *goversion = value, any = true;
  }
}

SpawnedGo run_go_env(const std::string& program, const std::string& cwd, const Environ& env, int timeout_ms) {
  SpawnedGo g;
  g.used = true;
  g.program = program;
  g.args = {"env", "-json", "GOROOT", "GOVERSION"};
  SpawnRequest req;
  req.program = program;
  req.args = g.args;
  req.cwd = cwd;
  req.timeout_ms = timeout_ms;
  Environ child = env;
  child.set("GOTOOLCHAIN", "local");  // never switch, never download
  req.env = child.vars();
  SpawnResult res = spawn_capture(req);
  g.status = std::string(spawn_status_name(res.status));
  g.exit_code = res.exit_code;
  g.elapsed_ms = res.elapsed_ms;
  switch (res.status) {
    case SpawnStatus::failed_to_start: g.error = "could not run it: " + res.error; return g;
    case SpawnStatus::timed_out: g.error = "no answer within " + std::to_string(timeout_ms) + " ms: killed"; return g;
    case SpawnStatus::signaled: g.error = "killed by signal " + std::to_string(res.exit_code); return g;
    case SpawnStatus::exited: break;
  }
  if (res.exit_code != 0) {
    g.error = "exit status " + std::to_string(res.exit_code);
    return g;
  }
  if (!parse_go_env_json(res.out, &g.goroot, &g.goversion) || (g.goroot.empty() && g.goversion.empty()))
    g.error = "its output is not go env -json";
  return g;
}

SpawnedGo query_go_once(const std::string& program, const std::string& cwd, const Environ& env) {
  return run_go_env(program, cwd, env, kGoQueryTimeoutMs);
}

}  // namespace gs
