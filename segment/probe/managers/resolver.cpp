// The Resolver's shared parts: which manager owns the go on PATH (run),
// the text helpers and the installed-version listing. Each manager's rule is
// transcribed from its source in its own file; docs/version-managers.md
// names the files and revisions. Every file is read through the Disk seam so
// that the prompt cache depends on it (a .go-version created in a parent
// directory shows on the next render), and a file that is absent is stat'ed
// so its absence is a dependency too.
#include "segment/probe/managers/resolver.h"

#include <algorithm>

#include "segment/golang/version.h"

namespace gs {

std::string_view manager_name(Manager m) {
  switch (m) {
    case Manager::none: return "";
    case Manager::scoop: return "scoop";
    case Manager::goenv: return "goenv";
    case Manager::asdf: return "asdf";
    case Manager::mise: return "mise";
    case Manager::g: return "g";
    case Manager::gvm: return "gvm";
  }
  return "";
}

ManagerResult detect_manager(Disk& disk, const ManagerInput& in) { return managers::Resolver(disk, in).run(); }

}  // namespace gs

namespace gs::managers {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}


std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return std::string(v);
}

std::vector<std::string> Resolver::installed_matching(const std::string& dir, std::string_view want, bool any) {
  std::vector<std::string> found;
  // The directory's stat is recorded as listed (RecordingDisk::list_dir):
  // the cache then compares its mtime, which moves whenever an entry comes
  // or goes.
  if (!is_dir(dir)) return found;
  std::vector<DirEntry> entries;
  if (!disk_.list_dir(dir, &entries)) return found;
  for (const DirEntry& e : entries) {
    const std::string& n = e.name;
    bool match = any || n == want || (n.size() > want.size() && n.compare(0, want.size(), want) == 0 && n[want.size()] == '.');
    if (!match || !parse_go_version(n).valid()) continue;
    std::string path = join({dir, n});
    FileStat st = disk_.lstat(path);
    if (st.kind == FileKind::symlink) {
      // mise's aliases ("1.23" -> "./1.23.5") point at a sibling; a link
      // anywhere else is an installed version that lives elsewhere.
      std::string target;
      if (!disk_.read_link(path, &target)) continue;
      std::string_view t = target;
      if (t.rfind("./", 0) == 0 || t.rfind(".\\", 0) == 0) t.remove_prefix(2);
      if (t.find_first_of(in_.windows ? "/\\" : "/") == std::string_view::npos) continue;
      if (!disk_.stat(path).is_dir()) continue;
    } else if (st.kind != FileKind::directory) {
      continue;
    }
    found.push_back(n);
  }
  std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) { return compare_go_versions(a, b) > 0; });
  return found;
}

// Managers that put a real go binary on PATH: nothing to resolve, but doctor
// names them and what chose the version. Lexical checks only: a go that no
// manager owns costs no disk work here.
void Resolver::tag_real_binary() {
  if (tag_g() || tag_gvm() || tag_mise_path()) return;
  tag_scoop_link();
}

ManagerResult Resolver::run() {
  if (in_.go_path.empty()) return r_;
  if (in_.go_is_binary) {
    tag_real_binary();
    return r_;
  }
  // Not a Go binary: a shim. Cheapest test first.
  if (scoop() || mise_shim() || goenv() || asdf()) return r_;
  r_ = ManagerResult{};
  return r_;
}


}  // namespace gs::managers
