// What a shell hook checks, in the shell itself, to skip running gostatus
// when nothing the answer depends on has changed.
//
// gostatus hands the hook its answer's dependencies (every file it observed,
// as the cache entry records them) as a function in the shell's language:
// _gostatus_unchanged (bash, zsh, fish) or Test-GostatusUnchanged (pwsh)
// succeeds only while every file still looks as it did. The environment is
// the hook's part: it saves the exported variables the cache key reads (and
// the directory) before each run and compares them before the next.
//
// What each shell can verify without starting a process:
//   bash  existence and kind ([[ -e -f -d -L ]]) and mtime to the
//         nanosecond: [[ f -nt S ]] and [[ f -ot S ]] both false against a
//         stamp file S whose mtime is exactly the recorded one (bash 5
//         compares st_mtim). A symlink's own mtime is out of reach, so a
//         symlink observed with lstat is checked through its directory,
//         whose mtime moves whenever an entry is replaced.
//   zsh   kind, mode, inode, size, mtime and ctime (zstat from zsh/stat),
//         times in whole seconds. With the racy margin below that is exact:
//         a file's ctime moves on every change and cannot be set back, and
//         a recorded ctime over 2 s old cannot share its second with a
//         change made after it was recorded.
//   fish  existence and kind (path filter) and mtime in whole seconds
//         (path mtime, fish 3.5+); symlinks through their directory.
//   pwsh  existence (File/Directory.Exists) and mtime in 100 ns ticks
//         (GetLastWriteTimeUtc); any symlink dependency means no skip.
// A file replaced by one with the same mtime (to the shell's precision)
// goes unseen in bash, fish and pwsh (not in zsh, which compares ctime):
// mtime is what make and ninja trust.
//
// Racy timestamps: a file modified within the timestamp granularity (plus
// the shell's precision) of the moment it was observed could change again
// without its timestamp moving. Then no check is handed out and the next
// prompt runs gostatus again. So does an observation the shell cannot
// repeat (a permission error, a FIFO, a relative path).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cache/store.h"
#include "segment/probe/inputs.h"
#include "segment/shell/init.h"
#include "util/disk.h"

namespace gs {

// What the answer depends on, for a shell hook that re-checks it without
// running gostatus: every observation, as made by this run (a miss) or as
// recorded in the entry and just verified unchanged (a hit), and the time
// taken just before they were made.
struct AnswerDeps {
  bool known = false;
  std::vector<cache::Dependency> deps;
  int64_t observed_ns = 0;
};

struct HookDep {
  std::string path;
  bool follow = true;      // stat (true) or lstat (false)
  bool kind_only = false;  // only the kind must hold (the working directory)
  FileStat seen;
};

struct HookPlan {
  bool ok = false;
  std::string why;  // when !ok: why the next prompt must run gostatus
  std::vector<HookDep> deps;
};

// The finest timestamp difference the shell can see.
int64_t shell_time_precision_ns(Shell shell);

// Turns the answer's dependencies into what the shell checks: duplicates
// merged, the racy-timestamp rule applied, a symlink's directory added for
// shells that cannot read a symlink's own mtime (stat_now observes it, at
// now_ns), and the working directory added as "must still be a directory".
HookPlan plan_hook_check(Shell shell, const AnswerDeps& deps, const std::string& cwd, int64_t now_ns,
                         const std::function<FileStat(const std::string&)>& stat_now);

// The shell code that defines the check and sets _gostatus_skip (empty when
// !plan.ok). bash needs a stamp per distinct mtime: stamps maps mtime_ns to
// a file with exactly that mtime.
std::string render_hook_check(Shell shell, const HookPlan& plan,
                              const std::map<int64_t, std::string>& stamps);

// All of it for `gostatus --export SHELL --with-deps`: plans, creates the
// bash stamps in the cache's "stamps" side directory (cache/side_dir.h), renders.
std::string hook_check_export(Disk& disk, Shell shell, const AnswerDeps& deps, const std::string& cwd,
                              const std::string& cache_dir);

// Makes path an empty regular file whose mtime is exactly mtime_ns; true
// when it is one afterwards (false on Windows, where bash gets no stamps).
bool ensure_mtime_stamp(const std::string& path, int64_t mtime_ns);

}  // namespace gs
