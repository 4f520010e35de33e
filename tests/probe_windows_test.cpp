// The probe with Windows rules, on a FakeDisk that spells paths as Windows
// does (drive letters, either slash, names that ignore case). Runs on every
// host: the style and GOOS are inputs. tests/e2e/test_windows_diff.py checks
// the same rules against a real go.exe under Wine.
#include <gtest/gtest.h>

#include "segment/probe/probe.h"
#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

class ProbeWindowsTest : public ::testing::Test {
 protected:
  void sdk(const std::string& root, const std::string& version) {
    disk.add_exe(root + "\\bin\\go.exe", version);
    disk.add_dir(root + "\\pkg\\tool\\windows_amd64");
  }
  ProbeResult run() {
    ProbeInput in;
    in.env = &env;
    in.cwd = cwd;
    in.style = PathStyle::windows;
    in.host_goos = "windows";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect_windows;
    return probe(disk, in);
  }
  std::string get(const ProbeResult& r, Key k) { return r[k].value; }

  FakeDisk disk{FakeDisk::Paths::windows};
  Environ env;
  std::string cwd = "C:\\work";
};

TEST_F(ProbeWindowsTest, QuotedPathEntryWithSpacesFindsGoExeAndItsGoroot) {
  sdk("C:\\Program Files\\Go", "go1.19.8");
  env.set("PATH", "C:\\Windows;\"C:\\Program Files\\Go\\bin\"");
  ProbeResult r = run();
  ASSERT_TRUE(r.go.found);
  EXPECT_EQ(r.go.path, "C:\\Program Files\\Go\\bin\\go.exe");
  EXPECT_EQ(r.gos_on_path.at(0).dir, "C:\\Program Files\\Go\\bin");
  EXPECT_EQ(get(r, Key::GOROOT), "C:\\Program Files\\Go");
  EXPECT_EQ(get(r, Key::GOTOOLDIR), "C:\\Program Files\\Go\\pkg\\tool\\windows_amd64");
  EXPECT_EQ(get(r, Key::GOEXE), ".exe");
}

TEST_F(ProbeWindowsTest, QuotesProtectASemicolonInsideAnEntry) {
  sdk("C:\\a;b\\Go", "go1.19.8");
  env.set("PATH", "\"C:\\a;b\\Go\\bin\"");
  ProbeResult r = run();
  ASSERT_TRUE(r.go.found);
  EXPECT_EQ(r.go.path, "C:\\a;b\\Go\\bin\\go.exe");
}

TEST_F(ProbeWindowsTest, PathextDecidesWhichFilesCountAndInWhatOrder) {
  sdk("C:\\Go", "go1.19.8");
  disk.add_file("C:\\shims\\go.cmd", "@echo off\r\n");
  env.set("PATH", "C:\\shims;C:\\Go\\bin");
  // The default PATHEXT has .CMD: the shim comes first on PATH and wins.
  EXPECT_EQ(run().go.path, "C:\\shims\\go.cmd");
  // Extensions are matched ignoring case, and one not listed is not a command.
  env.set("PATHEXT", ".Exe");
  ProbeResult r = run();
  EXPECT_EQ(r.go.path, "C:\\Go\\bin\\go.exe");
  EXPECT_EQ(r.gos_on_path.size(), 1u);
  // Within one directory, PATHEXT's order decides.
  disk.add_file("C:\\Go\\bin\\go.bat", "@echo off\r\n");
  env.set("PATHEXT", ".BAT;.EXE");
  EXPECT_EQ(run().go.path, "C:\\Go\\bin\\go.bat");
  env.set("PATHEXT", ".EXE;.BAT");
  EXPECT_EQ(run().go.path, "C:\\Go\\bin\\go.exe");
}

TEST_F(ProbeWindowsTest, CurrentDirectoryIsNotSearchedAsInPowerShell) {
  sdk("C:\\work", "go1.19.8");   // C:\work\bin\go.exe; and one right in the cwd:
  disk.add_exe("C:\\work\\go.exe", "go1.19.8");
  env.set("PATH", ";C:\\Windows;");
  ProbeResult r = run();
  EXPECT_FALSE(r.go.found);
  EXPECT_EQ(r.fatal, "go: command not found");
}

TEST_F(ProbeWindowsTest, PathEntriesDifferingOnlyInCaseAreOneGo) {
  sdk("C:\\Go", "go1.19.8");
  env.set("PATH", "C:\\Go\\bin;c:\\go\\BIN\\;C:/Go/bin");
  ProbeResult r = run();
  ASSERT_TRUE(r.go.found);
  EXPECT_EQ(r.gos_on_path.size(), 1u);
  EXPECT_EQ(get(r, Key::GOROOT), "C:\\Go");
}

TEST_F(ProbeWindowsTest, UserDirectoriesComeFromUserProfileAppDataAndLocalAppData) {
  sdk("C:\\Go", "go1.19.8");
  env.set("PATH", "C:\\Go\\bin");
  env.set("USERPROFILE", "C:\\Users\\Zo\xc3\xab");
  env.set("AppData", "C:\\Users\\Zo\xc3\xab\\AppData\\Roaming");
  env.set("LocalAppData", "C:\\Users\\Zo\xc3\xab\\AppData\\Local");
  disk.add_file("C:\\Users\\Zo\xc3\xab\\AppData\\Roaming\\go\\env", "GOBIN=C:\\bin\n");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPATH), "C:\\Users\\Zo\xc3\xab\\go");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "C:\\Users\\Zo\xc3\xab\\go\\pkg\\mod");
  EXPECT_EQ(get(r, Key::GOENV), "C:\\Users\\Zo\xc3\xab\\AppData\\Roaming\\go\\env");
  EXPECT_EQ(get(r, Key::GOBIN), "C:\\bin");
  EXPECT_EQ(r[Key::GOBIN].source, Source::user_env_file);
  EXPECT_EQ(get(r, Key::GOCACHE), "C:\\Users\\Zo\xc3\xab\\AppData\\Local\\go-build");
}

TEST_F(ProbeWindowsTest, WithoutUserProfileOrAppDataGoHasNoDefaults) {
  sdk("C:\\Go", "go1.19.8");
  env.set("PATH", "C:\\Go\\bin");
  env.set("HOME", "C:\\home");   // not what go looks at on Windows
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPATH), "");
  EXPECT_EQ(get(r, Key::GOENV), "");
  EXPECT_EQ(get(r, Key::GOCACHE), "off");
}

TEST_F(ProbeWindowsTest, GopathListSplitsOnSemicolons) {
  sdk("C:\\Go", "go1.19.8");
  env.set("PATH", "C:\\Go\\bin");
  env.set("GOPATH", "D:\\one;\"D:\\two;three\"");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPATH), "D:\\one;\"D:\\two;three\"");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "D:\\one\\pkg\\mod");
}

}  // namespace
}  // namespace gs
