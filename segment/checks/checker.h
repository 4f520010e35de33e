// Internal to segment/checks: the Checker the catalog's checks share (the
// probe's facts, the recording disk, the fix text, the report being built).
// Each area's checks are in check_<name>.cpp; run() in checker.cpp calls them
// in the catalog's order.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "segment/checks/fix_text.h"
#include "segment/checks/report.h"
#include "segment/golang/filepath.h"
#include "segment/probe/go_binary.h"
#include "segment/probe/probe.h"

namespace gs::catalog {

class Checker {
 public:
  Checker(const ProbeResult& r, Disk& disk, const ProbeInput& in, Shell shell)
      : r_(r), disk_(disk), in_(in), s_(in.style), fx_{shell} {}

  Report run();

 private:
  bool windows() const { return in_.host_goos == "windows"; }
  void check(std::string id, Area area, std::string pass, bool applicable = true) {
    rep_.checks.push_back(CheckOutcome{std::move(id), area, std::move(pass), applicable});
  }
  // A failed check makes the ones that build on it meaningless: doctor must
  // not print a pass for them.
  void not_applicable(std::initializer_list<std::string_view> ids) {
    for (CheckOutcome& c : rep_.checks)
      for (std::string_view id : ids)
        if (c.id == id) c.applicable = false;
  }
  Finding& add(std::string id, Severity sev, Area area, std::string title) {
    rep_.findings.push_back(Finding{std::move(id), sev, area, std::move(title), {}, {}});
    return rep_.findings.back();
  }
  Evidence ev(std::string_view label, Key k) const {
    return Evidence{std::string(label), r_[k].value, where(r_[k])};
  }
  bool configured(Key k) const {
    return r_[k].source == Source::process_env || r_[k].source == Source::user_env_file;
  }
  bool holds_a_program(const std::string& dir);
  void inspect(const std::string& path, GoBinary* go) {
    (in_.inspect ? in_.inspect : inspect_go_binary)(disk_, path, go);
  }
  std::string home_go() const {
    std::string home = in_.env->get(windows() ? "USERPROFILE" : "HOME");
    return home.empty() ? (windows() ? "C:\\Users\\you\\go" : "/home/you/go") : fp::join({home, "go"}, s_);
  }
  std::string sdk_version(const std::string& goroot, std::string* how);
  std::vector<std::string> visible_sdks();

  // One file each, check_<name>.cpp.
  void check_go_found();
  void check_goroot();
  void check_gopath();
  void check_path();
  void check_config();
  void check_module();
  void check_manager();
  // A value the version manager exports to the go it runs (goenv's GOROOT,
  // asdf's GOBIN): the user did not set it, and unsetting it is no fix.
  bool from_manager(std::string_view name) const {
    for (const auto& kv : r_.manager.env)
      if (kv.first == name) return true;
    return false;
  }

  const ProbeResult& r_;
  Disk& disk_;
  const ProbeInput& in_;
  PathStyle s_;
  Fixes fx_;
  Report rep_;
};

}  // namespace gs::catalog
