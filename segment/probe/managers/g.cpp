// g (voidint/g): a link to the selected version's directory.
#include "segment/probe/managers/resolver.h"

namespace gs::managers {

// g (voidint/g): PATH holds $G_HOME/go/bin, and $G_HOME/go links to
// $G_HOME/versions/<version>.
bool Resolver::tag_g() {
  std::string g_home = env_.get("G_HOME");
  if (g_home.empty() && !home().empty()) g_home = join({home(), ".g"});
  if (!g_home.empty() && fp::same_path(fp::dir(in_.go_path, s_), join({g_home, "go", "bin"}), s_)) {
    std::string link;
    std::string go_link = join({g_home, "go"});
    if (disk_.read_link(go_link, &link)) {
      r_.manager = Manager::g;
      r_.how = "link";
      r_.root = g_home;
      r_.version = fp::base(fp::clean(link, s_), s_);
      r_.selected_by = go_link;
      r_.install_fix = "g install " + r_.version;
      return true;
    }
  }
  return false;
}

}  // namespace gs::managers
