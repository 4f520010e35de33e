// stale-session and the new terminal's environment composed from the
// registry, with a fake registry. tests/e2e/test_windows_session.py writes
// the real (Wine) registry with `wine reg add` and runs gostatus.exe doctor.
#include "segment/checks/findings.h"
#include "segment/checks/stale_session.h"

#include <gtest/gtest.h>

#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

RegistryEnv g_reg;
RegistryEnv fake_registry(Disk&) { return g_reg; }

TEST(NewSessionValue, MachinePathThenUserPathAndUserOverridesMachine) {
  RegistryEnv reg;
  reg.available = true;
  reg.machine = {{"Path", "C:\\Windows;%SystemRoot%\\System32", true}, {"GOPATH", "D:\\machine", false},
                 {"SystemRoot", "C:\\Windows", false}};
  reg.user = {{"PATH", "%USERPROFILE%\\go\\bin", true}, {"GOPATH", "D:\\user", false}};
  Environ cur;
  cur.set("USERPROFILE", "C:\\Users\\Zo\xc3\xab");
  EXPECT_EQ(new_session_value(reg, cur, "Path"), "C:\\Windows;C:\\Windows\\System32;C:\\Users\\Zo\xc3\xab\\go\\bin");
  EXPECT_EQ(new_session_value(reg, cur, "GOPATH"), "D:\\user");
  EXPECT_EQ(new_session_value(reg, cur, "GOROOT"), "");
}

TEST(NewSessionValue, OnlyExpandSzIsExpandedAndUnknownNamesStay) {
  RegistryEnv reg;
  reg.available = true;
  reg.user = {{"GOBIN", "%NOPE%\\bin", true}, {"GOPATH", "%USERPROFILE%\\go", false}};
  Environ cur;
  cur.set("USERPROFILE", "C:\\Users\\u");
  EXPECT_EQ(new_session_value(reg, cur, "GOBIN"), "%NOPE%\\bin");
  EXPECT_EQ(new_session_value(reg, cur, "GOPATH"), "%USERPROFILE%\\go");
}

class StaleSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk.add_exe("C:\\Program Files\\Go\\bin\\go.exe", "go1.23.4");
    disk.add_dir("C:\\Program Files\\Go\\pkg\\tool\\windows_amd64");
    disk.add_dir("C:\\Windows");
    env.set("USERPROFILE", "C:\\Users\\u");
    env.set("PATH", "C:\\Windows");
    g_reg = RegistryEnv{};
    g_reg.available = true;
    g_reg.machine = {{"Path", "C:\\Windows", true}};
  }
  std::vector<std::string> findings() {
    ProbeInput in;
    in.env = &env;
    in.cwd = "C:\\Users\\u";
    in.style = PathStyle::windows;
    in.host_goos = "windows";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect_windows;
    ProbeResult r = probe(disk, in);
    Report rep = run_checks(r, disk, in, CheckOptions{Shell::pwsh, fake_registry});
    std::vector<std::string> ids;
    for (const Finding& f : rep.findings)
      if (f.id == "stale-session") {
        ids.push_back(f.id);
        last = f;
      }
    return ids;
  }
  FakeDisk disk{FakeDisk::Paths::windows};
  Environ env;
  Finding last;
};

TEST_F(StaleSessionTest, InstallerAddedGoToPathAfterTheTerminalStarted) {
  g_reg.machine = {{"Path", "C:\\Windows;C:\\Program Files\\Go\\bin", true}};
  EXPECT_EQ(findings().size(), 1u);
  EXPECT_EQ(last.severity, Severity::warn);
  EXPECT_EQ(last.area, Area::session);
  bool saw_go = false;
  for (const Evidence& e : last.evidence)
    saw_go |= e.label == "go in a new terminal" && e.value == "C:\\Program Files\\Go\\bin\\go.exe";
  EXPECT_TRUE(saw_go);
  ASSERT_EQ(last.fix.size(), 2u);
  EXPECT_EQ(last.fix[1],
            "$env:Path = [Environment]::GetEnvironmentVariable('Path', 'Machine') + ';' + "
            "[Environment]::GetEnvironmentVariable('Path', 'User')");
}

TEST_F(StaleSessionTest, EqualValuesAreNotReported) {
  env.set("PATH", "C:\\Windows;C:\\Program Files\\Go\\bin");
  env.set("GOPATH", "D:\\go");
  g_reg.machine = {{"Path", "C:\\Windows", true}};
  g_reg.user = {{"Path", "C:\\Program Files\\Go\\bin", false}, {"GOPATH", "D:\\go", false}};
  EXPECT_TRUE(findings().empty());
}

TEST_F(StaleSessionTest, APathChangeThatDoesNotChangeGoIsNotReported) {
  env.set("PATH", "C:\\Program Files\\Go\\bin");
  g_reg.machine = {{"Path", "C:\\Program Files\\Go\\bin;C:\\Tools", false}};
  EXPECT_TRUE(findings().empty());
}

TEST_F(StaleSessionTest, GopathChangedWithSetx) {
  env.set("PATH", "C:\\Program Files\\Go\\bin");
  env.set("GOPATH", "D:\\old");
  g_reg.machine = {{"Path", "C:\\Program Files\\Go\\bin", false}};
  g_reg.user = {{"GOPATH", "D:\\new", false}};
  EXPECT_EQ(findings().size(), 1u);
  ASSERT_EQ(last.fix.size(), 2u);
  EXPECT_NE(last.fix[1].find("foreach ($n in 'GOPATH')"), std::string::npos) << last.fix[1];
}

TEST_F(StaleSessionTest, GorootRemovedFromTheRegistry) {
  env.set("PATH", "C:\\Program Files\\Go\\bin");
  env.set("GOROOT", "C:\\Go-old");
  g_reg.machine = {{"Path", "C:\\Program Files\\Go\\bin", false}};
  EXPECT_EQ(findings().size(), 1u);
  bool saw = false;
  for (const Evidence& e : last.evidence) saw |= e.label == "GOROOT in a new terminal" && e.value == "C:\\Program Files\\Go";
  EXPECT_TRUE(saw);
}

TEST_F(StaleSessionTest, NoRegistryNoCheck) {
  g_reg.available = false;
  g_reg.machine = {{"Path", "C:\\Windows;C:\\Program Files\\Go\\bin", true}};
  EXPECT_TRUE(findings().empty());
}

}  // namespace
}  // namespace gs
