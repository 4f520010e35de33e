#include <unistd.h>

#include <algorithm>
#include <vector>

#include "util/user_identity.h"

namespace gs {

std::string user_identity() {
  std::string id = std::to_string(::geteuid()) + ":" + std::to_string(::getegid());
  int n = ::getgroups(0, nullptr);
  if (n > 0) {
    std::vector<gid_t> groups(static_cast<size_t>(n));
    n = ::getgroups(n, groups.data());
    if (n > 0) {
      groups.resize(static_cast<size_t>(n));
      std::sort(groups.begin(), groups.end());
      for (gid_t g : groups) id += "," + std::to_string(g);
    }
  }
  return id;
}

}  // namespace gs
