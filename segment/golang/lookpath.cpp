// os/exec.LookPath as the go command's toolchain.Exec calls it (os/exec
// lp_unix.go and lp_windows.go: LookPath, lookPathExts, findExecutable,
// pathExt; the ErrDot rule of go.dev/issue/43724, internal/execabs's
// ancestor), without running anything: every stat goes through the Disk seam.
#include "segment/golang/lookpath.h"

#include <cctype>

namespace gs {

std::vector<std::string> path_exts(std::string_view pathext) {
  // os/exec lp_windows.go pathExt.
  std::vector<std::string> exts;
  if (pathext.empty()) return {".com", ".exe", ".bat", ".cmd"};
  size_t i = 0;
  while (i <= pathext.size()) {
    size_t j = pathext.find(';', i);
    if (j == std::string_view::npos) j = pathext.size();
    std::string e(pathext.substr(i, j - i));
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!e.empty()) exts.push_back(e[0] == '.' ? e : "." + e);
    i = j + 1;
  }
  return exts;
}

// lp_windows.go findExecutable: the name itself if it has an extension,
// then name+ext for each PATHEXT entry; anything that stats as a non-directory.
std::string find_executable_windows(Disk& disk, const std::string& file, const std::vector<std::string>& exts,
                                    const std::string& cwd) {
  auto ok = [&](const std::string& f) {
    FileStat fs = disk.stat(fp::abs(f, cwd, PathStyle::windows));
    return fs.exists() && !fs.is_dir();
  };
  size_t dot = file.rfind('.');
  bool has_ext = dot != std::string::npos && (file.find_last_of(":\\/") == std::string::npos ||
                                              file.find_last_of(":\\/") < dot);
  if (has_ext && ok(file)) return file;
  for (const std::string& e : exts)
    if (ok(file + e)) return file + e;
  return "";
}

std::string look_path(Disk& disk, std::string_view name, const LookPathEnv& in) {
  const PathStyle st = in.style;
  std::string file(name);
  if (in.style != PathStyle::windows) {
    // lp_unix.go: the first PATH hit wins; a relative one is exec.ErrDot,
    // which Exec treats as not found (GODEBUG=execerrdot=0 is not modelled).
    for (const std::string& entry : fp::split_list(in.path, st)) {
      std::string p = fp::join({entry.empty() ? "." : entry, file}, st);
      std::string ap = fp::abs(p, in.cwd, st);  // the Disk seam takes absolute paths
      FileStat fs = disk.stat(ap);
      if (!fs.exists() || fs.is_dir() || !disk.is_executable(ap)) continue;
      return fp::is_abs(p, st) ? p : "";
    }
    return "";
  }
  // lp_windows.go: the current directory first (ErrDot unless the same file
  // is found on %path%), then %path% entries, empty ones skipped.
  std::vector<std::string> exts = path_exts(in.pathext);
  std::string dotf;
  if (!in.no_default_cwd_in_exe_path) dotf = find_executable_windows(disk, fp::join({".", file}, st), exts, in.cwd);
  for (const std::string& dir : fp::split_list(in.path, st)) {
    if (dir.empty()) continue;
    std::string f = find_executable_windows(disk, fp::join({dir, file}, st), exts, in.cwd);
    if (f.empty()) continue;
    if (!dotf.empty()) {
      FileStat a = disk.lstat(fp::abs(dotf, in.cwd, st)), b = disk.lstat(fp::abs(f, in.cwd, st));
      if (!a.exists() || !b.exists() || a.dev != b.dev || a.ino != b.ino) return "";
    }
    if (!fp::is_abs(f, st)) {
      if (dotf.empty()) dotf = f;
      continue;
    }
    return f;
  }
  return "";
}

}  // namespace gs
