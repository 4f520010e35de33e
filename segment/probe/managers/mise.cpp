// mise (jdx/mise): its shims, its config files' go version, and PATH mode.
#include "segment/probe/managers/resolver.h"

namespace gs::managers {

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

namespace {

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

}  // namespace

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

// mise in PATH mode (`mise activate`): $MISE_DATA_DIR/installs/go/<v>/bin.
bool Resolver::tag_mise_path() {
  const std::string& path = in_.go_path;
  const std::string& real = in_.go_resolved.empty() ? in_.go_path : in_.go_resolved;
  std::string installs = join({mise_dir(env_, home(), "MISE_DATA_DIR", "XDG_DATA_HOME", ".local/share", s_), "installs", "go"});
  for (const std::string& p : {path, real}) {
    if (fp::has_prefix_dir(p, installs, s_) && !fp::same_path(p, installs, s_)) {
      std::string rest = p.substr(installs.size() + 1);
      r_.manager = Manager::mise;
      r_.how = "PATH mode";
      r_.root = fp::dir(fp::dir(installs, s_), s_);
      r_.version = rest.substr(0, rest.find_first_of(in_.windows ? "/\\" : "/"));
      r_.selected_by = "mise activate (PATH)";
      r_.install_fix = "mise install go@" + r_.version;
      return true;
    }
  }
  return false;
}

}  // namespace gs::managers
