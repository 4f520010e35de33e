#include "segment/golang/rules.h"

#include "segment/golang/version.h"

namespace gs {

GoRules go_rules(std::string_view v) {
  GoRules r;
  if (v.empty()) return r;  // unknown: the newest rules
  auto since = [&](int minor) { return toolchain_at_least(v, minor); };
  r.select = since(21);
  r.toolchain_ge = r.select && !since(22);
  r.env_gomod_special = since(23);
  r.gopath_gomod_fatal = !since(22);
  r.json_short_bf = since(22);
  r.xdg_must_be_abs = since(24);
  r.gopath_goroot_same_dir_warning = since(24);
  r.gobin_effective = since(27);
  r.json_raw_replacement = since(27);
  r.workspace_enables_select = since(27);
  return r;
}

}  // namespace gs
