// scoop (ScoopInstaller): its shim and its apps/go/<version> directories.
#include "segment/probe/managers/resolver.h"

namespace gs::managers {

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

// scoop without its shim: <scoop>/apps/go/<version or current>/bin/go.exe
// on PATH.
void Resolver::tag_scoop_link() {
  const std::string& path = in_.go_path;
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

}  // namespace gs::managers
