// asdf and its golang plugin: which go its shim runs, and the plugin's exec-env.
#include "segment/probe/managers/resolver.h"

#include <cctype>

namespace gs::managers {

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

}  // namespace gs::managers
