#include "segment/shell/hook_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "cache/cache_dir.h"
#include "cache/side_dir.h"
#include "cache/store.h"
#include "segment/golang/filepath.h"

namespace gs {
namespace {

// More stamps than this and the ones the current check does not use go.
constexpr size_t kMaxStamps = 1024;
// A check this long costs more than the run it saves.
constexpr size_t kMaxHookDeps = 2048;

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// A comment must stay one line whatever a path holds.
std::string one_line(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return s;
}

bool links_need_directory(Shell shell) { return shell == Shell::bash || shell == Shell::fish; }

std::string render_bash(const HookPlan& plan, const std::map<int64_t, std::string>& stamps) {
  std::string tests;
  auto add = [&](const std::string& t) {
    if (!tests.empty()) tests += " &&\n    ";
    tests += t;
  };
  for (const HookDep& d : plan.deps) {
    const std::string p = quote_posix(d.path);
    if (d.kind_only) {
      add(d.follow ? fmt::format("-d {}", p) : fmt::format("-d {} && ! -L {}", p, p));
      continue;
    }
    switch (d.seen.kind) {
      case FileKind::missing:
        add(d.follow ? fmt::format("! -e {}", p) : fmt::format("! -e {} && ! -L {}", p, p));
        continue;
      case FileKind::symlink:
        add(fmt::format("-L {}", p));  // its directory's mtime is a dependency too
        continue;
      default:
        break;
    }
    // Neither newer nor older than the stamp: it exists, with the same
    // mtime. (Its kind changing while the mtime stays to the nanosecond
    // takes a deliberate utimensat; each test costs a stat.)
    std::string t;
    if (!d.follow) t = fmt::format("! -L {} && ", p);
    const std::string& s = quote_posix(stamps.at(d.seen.mtime_ns));
    t += fmt::format("! {} -nt {} && ! {} -ot {}", p, s, p, s);
    add(t);
  }
  if (tests.empty()) tests = "-n 1";
  return fmt::format("_gostatus_unchanged() {{\n  [[ {} ]]\n}}\n_gostatus_skip=1\n", tests);
}

std::string render_zsh(const HookPlan& plan) {
  std::string quick;  // existence and kind tests, one [[ ]]
  auto add_quick = [&](const std::string& t) {
    if (!quick.empty()) quick += " &&\n    ";
    quick += t;
  };
  // The existing files, one zstat per kind of stat (stat, lstat) over all of
  // them: zstat -n -A assigns each file's name and its 14 raw fields (and
  // fails when any file is missing), joined with spaces and matched against
  // one pattern. It pins mode, inode, size, mtime and ctime (see
  // shell_time_precision_ns for why whole seconds suffice); the fields that
  // move on their own (atime) or are not compared match any number (<->).
  // Names are quoted, numbers hold no space, a non-symlink's link field is
  // empty: the match is exact. (zstat's -F would look up user and group
  // names: a read of /etc/passwd per call.)
  // A pattern of literal runs (quoted) and numbers (<->); consecutive
  // literals merge, so no two quotes are adjacent (RC_QUOTES cannot misread it).
  struct Group {
    std::string names, pattern, literal;
    void lit(std::string_view s) { literal += s; }
    void num(std::string_view glob) {
      if (!literal.empty()) pattern += quote_posix(literal);
      literal.clear();
      pattern += glob;
    }
  } groups[2];  // [0] stat, [1] lstat
  std::string links;  // a symlink's own fields, one zstat each (its target is a free string)
  for (const HookDep& d : plan.deps) {
    const std::string p = quote_posix(d.path);
    if (d.kind_only) {
      add_quick(d.follow ? fmt::format("-d {}", p) : fmt::format("-d {} && ! -L {}", p, p));
      continue;
    }
    if (!d.seen.exists()) {
      add_quick(d.follow ? fmt::format("! -e {}", p) : fmt::format("! -e {} && ! -L {}", p, p));
      continue;
    }
    const uint32_t type = d.seen.is_dir() ? 0040000 : d.seen.kind == FileKind::symlink ? 0120000 : 0100000;
    const int64_t mtime = floor_div(d.seen.mtime_ns, 1'000'000'000);
    const int64_t ctime = floor_div(d.seen.ctime_ns, 1'000'000'000);
    if (d.seen.kind == FileKind::symlink) {
      const std::string want = fmt::format("{} {} {} {} {}", type | d.seen.mode, d.seen.ino, d.seen.size, mtime, ctime);
      links += fmt::format("  zstat -L -A s -- {} && [[ \"${{s[3]}} ${{s[2]}} ${{s[8]}} ${{s[10]}} ${{s[11]}}\" == {} ]] || return 1\n",
                           p, quote_posix(want));
      continue;
    }
    Group& g = groups[d.follow ? 0 : 1];
    g.names += " " + p;
    // name dev ino mode nlink uid gid rdev size atime mtime ctime blksize blocks link(empty)
    if (!g.pattern.empty() || !g.literal.empty()) g.lit(" ");
    g.lit(d.path + " ");
    g.num("<->");
    g.lit(fmt::format(" {} {} ", d.seen.ino, type | d.seen.mode));
    for (int i = 0; i < 4; ++i) {
      g.num("<->");
      g.lit(" ");
    }
    g.lit(fmt::format("{} ", d.seen.size));
    g.num("(|-)<->");
    g.lit(fmt::format(" {} {} ", mtime, ctime));
    g.num("<->");
    g.lit(" ");
    g.num("<->");
    g.lit(" ");
  }
  for (Group& g : groups) g.num("");
  std::string body;
  if (!quick.empty()) body += fmt::format("  [[ {} ]] || return 1\n", quick);
  for (int i = 0; i < 2; ++i) {
    if (groups[i].names.empty()) continue;
    body += fmt::format("  zstat {}-n -A s --{} || return 1\n  [[ \"${{(j: :)s}}\" == {} ]] || return 1\n",
                        i ? "-L " : "", groups[i].names, groups[i].pattern);
  }
  body += links;
  return fmt::format(
      "_gostatus_unchanged() {{\n  emulate -L zsh\n  local -a s\n{}  return 0\n}} 2>/dev/null\n"
      "typeset -g _gostatus_skip=1\n",
      body);
}

std::string render_fish(const HookPlan& plan) {
  std::vector<std::string> missing, lmissing, links, nonlinks, files, dirs, timed, kind_dirs;
  std::string mtimes;
  for (const HookDep& d : plan.deps) {
    const std::string p = quote_fish(d.path);
    if (d.kind_only) {
      kind_dirs.push_back(p);
      if (!d.follow) nonlinks.push_back(p);
      continue;
    }
    if (!d.seen.exists()) {
      (d.follow ? missing : lmissing).push_back(p);
      continue;
    }
    if (d.seen.kind == FileKind::symlink) {
      links.push_back(p);
      continue;
    }
    if (!d.follow) nonlinks.push_back(p);
    (d.seen.is_dir() ? dirs : files).push_back(p);
    timed.push_back(p);
    if (!mtimes.empty()) mtimes += ' ';
    mtimes += fmt::format("{}", floor_div(d.seen.mtime_ns, 1'000'000'000));
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& w : v) s += " " + w;
    return s;
  };
  std::string body;
  if (!missing.empty()) body += fmt::format("    not path filter -q --{}; or return 1\n", join(missing));
  if (!lmissing.empty())
    body += fmt::format("    not path filter -q --{0}; and not path filter -q -t link --{0}; or return 1\n", join(lmissing));
  if (!nonlinks.empty()) body += fmt::format("    not path filter -q -t link --{}; or return 1\n", join(nonlinks));
  // The kinds and the mtimes in one list: each path filter prints the
  // paths of its list that have the kind, path mtime one line per existing
  // path. None prints more than it was given, so the list is full (set -q
  // of its last index) only when every path kept its kind and every timed
  // path exists; then its tail is the mtimes, compared as one string.
  std::string calls;
  size_t n = 0;
  auto filter = [&](const char* type, const std::vector<std::string>& v) {
    if (v.empty()) return;
    calls += fmt::format(" (path filter -t {} --{})", type, join(v));
    n += v.size();
  };
  filter("link", links);
  filter("file", files);
  std::vector<std::string> all_dirs = dirs;
  all_dirs.insert(all_dirs.end(), kind_dirs.begin(), kind_dirs.end());
  filter("dir", all_dirs);
  const size_t kinds = n;
  if (!timed.empty()) {
    calls += fmt::format(" (path mtime --{})", join(timed));
    n += timed.size();
  }
  if (n > 0) {
    body += fmt::format("    set -l k{}\n    set -q k[{}]; or return 1\n", calls, n);
    if (!timed.empty()) body += fmt::format("    test \"$k[{}..-1]\" = '{}'; or return 1\n", kinds + 1, mtimes);
  }
  return fmt::format("function _gostatus_unchanged\n{}    return 0\nend\nset -g _gostatus_skip 1\n", body);
}

// .NET's File and Directory methods. The hook calls this only in
// FullLanguage mode (in ConstrainedLanguage mode, where these methods are not
// allowed, it runs gostatus every prompt); should the mode change under it,
// the check says "changed".
std::string render_pwsh(const HookPlan& plan) {
  std::string net;
  for (const HookDep& d : plan.deps) {
    const std::string p = quote_pwsh(d.path);
    if (d.kind_only) {
      net += fmt::format("    if (-not [System.IO.Directory]::Exists({})) {{ return $false }}\n", p);
      if (!d.follow)
        net += fmt::format(
            "    if ([System.IO.File]::GetAttributes({}) -band [System.IO.FileAttributes]::ReparsePoint) {{ return $false }}\n", p);
      continue;
    }
    if (!d.seen.exists()) {
      net += fmt::format(
          "    if ([System.IO.File]::Exists({0}) -or [System.IO.Directory]::Exists({0})) {{ return $false }}\n", p);
      continue;
    }
    // .NET's DateTime ticks: 100 ns since 0001-01-01, truncated as .NET does.
    const int64_t ticks = floor_div(d.seen.mtime_ns, 100) + 621355968000000000;
    const char* type = d.seen.is_dir() ? "[System.IO.Directory]" : "[System.IO.File]";
    net += fmt::format("    if (-not {0}::Exists({1}) -or {0}::GetLastWriteTimeUtc({1}).Ticks -ne {2}) {{ return $false }}\n",
                       type, p, ticks);
  }
  return fmt::format(
      "function global:Test-GostatusUnchanged {{\n"
      "    if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {{ return $false }}\n"
      "{}    return $true\n}}\n$global:_gostatus_skip = $true\n",
      net);
}

std::string render_no_skip(Shell shell, const std::string& why) {
  std::string comment = "# gostatus: the next prompt runs gostatus again: " + one_line(why) + "\n";
  switch (shell) {
    case Shell::bash: return comment + "_gostatus_skip=\n";
    case Shell::zsh: return comment + "typeset -g _gostatus_skip=''\n";
    case Shell::fish: return comment + "set -g _gostatus_skip ''\n";
    case Shell::pwsh: return comment + "$global:_gostatus_skip = $false\n";
  }
  return comment;
}

}  // namespace

int64_t shell_time_precision_ns(Shell shell) {
  switch (shell) {
    case Shell::fish:
    case Shell::zsh: return 1'000'000'000;
    case Shell::pwsh: return 100;
    default: return 1;
  }
}

HookPlan plan_hook_check(Shell shell, const AnswerDeps& in, const std::string& cwd, int64_t now_ns,
                         const std::function<FileStat(const std::string&)>& stat_now) {
  HookPlan plan;
  auto no = [&](std::string why) {
    plan.ok = false;
    plan.why = std::move(why);
    plan.deps.clear();
    return plan;
  };
  if (!in.known) return no("the dependencies are not known");
  const int64_t margin = cache::kTimestampGranularityNs + shell_time_precision_ns(shell);
  auto settled = [&](const FileStat& s, int64_t at) {
    return !s.exists() || (s.mtime_ns < at - margin && s.ctime_ns < at - margin);
  };
  auto absolute = [&](const std::string& p) {
    if (shell == Shell::pwsh) return true;  // Windows spellings; .NET resolves them as gostatus did
    return !p.empty() && p[0] == '/';
  };

  std::map<std::pair<std::string, bool>, size_t> seen_at;
  auto add = [&](HookDep d) -> bool {
    auto [it, fresh] = seen_at.emplace(std::make_pair(d.path, d.follow), plan.deps.size());
    if (!fresh) return plan.deps[it->second].seen == d.seen;
    plan.deps.push_back(std::move(d));
    return true;
  };
  for (const cache::Dependency& dep : in.deps) {
    const FileStat& s = dep.seen;
    if (s.kind == FileKind::error || s.kind == FileKind::other)
      return no(dep.path + " cannot be checked by the shell");
    if (!absolute(dep.path)) return no(dep.path + " is not an absolute path");
    if (s.kind == FileKind::symlink && shell == Shell::pwsh) return no(dep.path + " is a symlink");
    // lstat sees a directory when a path is walked for symlinks: all that
    // answer needs is that it is still a directory and not a symlink; what
    // is inside is observed on its own. (Its mtime would also move with
    // every file created in /tmp or the home directory.)
    const bool follow = dep.how == cache::Observe::stat;
    if (!follow && s.is_dir()) {
      if (!add(HookDep{dep.path, false, true, FileStat{FileKind::directory}}))
        return no(dep.path + " changed while it was observed");
      continue;
    }
    if (!settled(s, in.observed_ns)) return no(dep.path + " was modified too recently");
    if (!add(HookDep{dep.path, follow, false, s}))
      return no(dep.path + " changed while it was observed");
  }
  // stat and lstat of a path that is no symlink see the same file: the
  // lstat check covers both.
  {
    std::vector<HookDep> kept;
    for (const HookDep& d : plan.deps) {
      auto it = d.follow ? seen_at.find(std::make_pair(d.path, false)) : seen_at.end();
      if (it == seen_at.end() || plan.deps[it->second].seen != d.seen) kept.push_back(d);
    }
    plan.deps = std::move(kept);
    seen_at.clear();
    for (size_t i = 0; i < plan.deps.size(); ++i)
      seen_at.emplace(std::make_pair(plan.deps[i].path, plan.deps[i].follow), i);
  }
  if (links_need_directory(shell)) {
    const size_t n = plan.deps.size();
    for (size_t i = 0; i < n; ++i) {
      if (plan.deps[i].seen.kind != FileKind::symlink) continue;
      // Only bash and fish come here: their paths are POSIX and absolute.
      std::string dir = fp::dir(plan.deps[i].path, PathStyle::posix);
      FileStat s = stat_now(dir);
      if (!s.is_dir()) return no(dir + " is not a directory");
      if (!settled(s, now_ns)) return no(dir + " was modified too recently");
      if (!add(HookDep{dir, true, false, s})) return no(dir + " changed while it was observed");
    }
  }
  if (!cwd.empty()) {
    if (!absolute(cwd)) return no("the working directory is not an absolute path");
    plan.deps.push_back(HookDep{cwd, true, true, FileStat{FileKind::directory}});
  }
  if (plan.deps.size() > kMaxHookDeps) return no(fmt::format("{} dependencies", plan.deps.size()));
  plan.ok = true;
  return plan;
}

std::string render_hook_check(Shell shell, const HookPlan& plan, const std::map<int64_t, std::string>& stamps) {
  if (!plan.ok) return render_no_skip(shell, plan.why);
  switch (shell) {
    case Shell::bash: return render_bash(plan, stamps);
    case Shell::zsh: return render_zsh(plan);
    case Shell::fish: return render_fish(plan);
    case Shell::pwsh: return render_pwsh(plan);
  }
  return "";
}

std::string hook_check_export(Disk& disk, Shell shell, const AnswerDeps& deps, const std::string& cwd,
                              const std::string& cache_dir) {
  HookPlan plan = plan_hook_check(shell, deps, cwd, disk.now_ns(),
                                  [&](const std::string& p) { return disk.stat(p); });
  std::map<int64_t, std::string> stamps;
  if (plan.ok && shell == Shell::bash) {
    for (const HookDep& d : plan.deps)
      if (!d.kind_only && d.seen.exists() && d.seen.kind != FileKind::symlink) stamps[d.seen.mtime_ns];
    if (!stamps.empty()) {
      std::string why;
      std::string dir;
      switch (cache::make_side_dir(disk, cache_dir, cache::kStampsDir, &dir)) {
        case cache::SideDirStatus::ready: break;
        case cache::SideDirStatus::no_cache_dir: why = "no cache directory for the stamp files"; break;
        case cache::SideDirStatus::untrusted: why = "the cache directory is not usable for stamp files"; break;
      }
      bool created = false;
      for (auto& [ns, path] : stamps) {
        if (!why.empty()) break;
        path = fmt::format("{}/{}", dir, ns);
        if (disk.lstat(path).mtime_ns != ns) created = true;
        if (!ensure_mtime_stamp(path, ns)) why = "cannot write the stamp file " + path;
      }
      // Stamps are named by their mtime and shared by every entry; drop the
      // ones this check does not use when there are too many. A shell whose
      // stamp is gone sees "newer than a missing file" and runs gostatus.
      if (why.empty() && created) {
        cache::prune_side_dir(disk, dir, kMaxStamps, [&](const std::string& p) {
          return std::any_of(stamps.begin(), stamps.end(), [&](const auto& kv) { return kv.second == p; });
        });
      }
      if (!why.empty()) {
        plan.ok = false;
        plan.why = why;
      }
    }
  }
  return render_hook_check(shell, plan, stamps);
}

}  // namespace gs
