// exec.LookPath (segment/golang/lookpath.h) on the in-memory filesystem:
// Windows' PATHEXT order and the current directory's ErrDot rule
// (os/exec lp_windows.go lookPathExts), which the POSIX cases in
// modules_test's ToolchainSelect.LookPathRules do not reach.
#include "segment/golang/lookpath.h"

#include <gtest/gtest.h>

#include "tests/fake_disk.h"

namespace gs {
namespace {

LookPathEnv windows_env(std::string path) {
  LookPathEnv e;
  e.path = std::move(path);
  e.cwd = "C:\\work";
  e.style = PathStyle::windows;
  return e;
}

TEST(LookPathWindows, PathextOrderAndCaseDecideTheHit) {
  FakeDisk d{FakeDisk::Paths::windows};
  d.add_file("C:\\sdk\\go1.24.0.bat", "x");
  d.add_file("C:\\sdk\\go1.24.0.exe", "x");
  LookPathEnv e = windows_env("C:\\sdk");
  EXPECT_EQ(look_path(d, "go1.24.0", e), "C:\\sdk\\go1.24.0.exe");  // default: .com .exe .bat .cmd
  e.pathext = ".BAT;.EXE";
  EXPECT_EQ(look_path(d, "go1.24.0", e), "C:\\sdk\\go1.24.0.bat");
  EXPECT_EQ(path_exts(";.Cmd;;exe"), (std::vector<std::string>{".cmd", ".exe"}));
}

TEST(LookPathWindows, CurrentDirectoryHitIsErrDotUnlessPathHasTheSameFile) {
  FakeDisk d{FakeDisk::Paths::windows};
  d.add_file("C:\\work\\go1.24.0.exe", "x");
  d.add_file("C:\\sdk\\go1.24.0.exe", "x");
  LookPathEnv e = windows_env("C:\\sdk");
  // Another file of that name in the current directory: go gets ErrDot and
  // does not run either.
  EXPECT_EQ(look_path(d, "go1.24.0", e), "");
  // The same file reached through %path%: the explicit name wins.
  e.path = "C:\\work";
  EXPECT_EQ(look_path(d, "go1.24.0", e), "C:\\work\\go1.24.0.exe");
  // NoDefaultCurrentDirectoryInExePath: the current directory is not searched.
  e.path = "C:\\sdk";
  e.no_default_cwd_in_exe_path = true;
  EXPECT_EQ(look_path(d, "go1.24.0", e), "C:\\sdk\\go1.24.0.exe");
}

}  // namespace
}  // namespace gs
