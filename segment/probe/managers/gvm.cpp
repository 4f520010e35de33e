// gvm (moovweb/gvm): the install directory `gvm use` puts on PATH.
#include "segment/probe/managers/resolver.h"

namespace gs::managers {

// gvm: $GVM_ROOT/gos/<name>/bin/go, put on PATH by `gvm use`.
bool Resolver::tag_gvm() {
  const std::string& path = in_.go_path;
  const std::string& real = in_.go_resolved.empty() ? in_.go_path : in_.go_resolved;
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
    return true;
  }
  return false;
}

}  // namespace gs::managers
