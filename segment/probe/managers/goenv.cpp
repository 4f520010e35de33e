// goenv (go-nv/goenv): which go its shim runs, and what goenv exec exports.
#include "segment/probe/managers/resolver.h"

#include "segment/golang/version.h"

namespace gs::managers {

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

}  // namespace gs::managers
