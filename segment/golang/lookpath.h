// os/exec.LookPath, POSIX and Windows (PATHEXT), as the go command runs it to
// find a toolchain on PATH (toolchain.Exec), transcribed from os/exec
// lp_unix.go and lp_windows.go. The probe's own search for `go` (the shell's
// rule, segment/probe/probe.cpp) shares the Windows PATHEXT helpers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "segment/golang/filepath.h"
#include "util/disk.h"

namespace gs {

// What LookPath reads from the environment and the process.
struct LookPathEnv {
  std::string path;     // $PATH (Windows: %path%)
  std::string pathext;  // Windows: %PATHEXT%
  bool no_default_cwd_in_exe_path = false;  // Windows: NoDefaultCurrentDirectoryInExePath is set
  std::string cwd;      // absolute; relative entries are resolved against it
  PathStyle style = kHostStyle;  // windows: lp_windows.go's rules
};

// lp_windows.go pathExt: %PATHEXT% as lower-case extensions with dots (the
// default list when it is empty), and findExecutable: file itself if it has
// an extension, else file+ext for each ext, the first that exists and is not
// a directory ("" when none).
std::vector<std::string> path_exts(std::string_view pathext);
std::string find_executable_windows(Disk& disk, const std::string& file, const std::vector<std::string>& exts,
                                    const std::string& cwd);

// exec.LookPath(name) as Exec uses it: the executable's path, or "" (also
// "" when the first hit is relative: exec.ErrDot makes go ignore it).
std::string look_path(Disk& disk, std::string_view name, const LookPathEnv& env);

}  // namespace gs
