// What the manager files share: the Resolver (one method per manager, each
// in the file named after it: scoop.cpp, goenv.cpp, asdf.cpp, mise.cpp,
// g.cpp, gvm.cpp) and the small text helpers their file formats need.
// Internal to segment/probe/managers/; the interface is managers.h.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "segment/probe/managers/managers.h"

namespace gs::managers {

std::string_view trim(std::string_view s);
std::vector<std::string_view> lines(std::string_view s);
// Whitespace-separated words; '\n' separates too, so a word read from a
// whole file (asdf's legacy .go-version) never spans lines (found by fuzzing).
std::vector<std::string> words(std::string_view s);
// The value without surrounding blanks and one pair of matching quotes.
std::string unquote(std::string_view v);

// mise's data and config directories (dirs.rs: MISE_DATA_DIR, else
// $XDG_DATA_HOME/mise, else ~/.local/share/mise; likewise for config).
std::string mise_dir(const Environ& env, const std::string& home, const char* own, const char* xdg,
                     const char* fallback, PathStyle s);

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
  // Real binaries a manager put on PATH (tag_real_binary), one per manager.
  bool tag_g();
  bool tag_gvm();
  bool tag_mise_path();
  void tag_scoop_link();
  void tag_real_binary();

  Disk& disk_;
  const ManagerInput& in_;
  const Environ& env_;
  PathStyle s_;
  ManagerResult r_;
};

}  // namespace gs::managers
