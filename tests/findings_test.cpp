// Each finding: a scenario that triggers it, and healthy scenarios in which
// it must stay absent.
#include "segment/checks/findings.h"

#include <gtest/gtest.h>

#include "segment/render/render.h"
#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

class FindingsTest : public ::testing::Test {
 protected:
  void sdk(const std::string& root, const std::string& version) {
    disk.add_exe(root + "/bin/go", version);
    disk.add_exe(root + "/pkg/tool/linux_amd64/compile", version);
    disk.add_dir(root + "/src/runtime");
    disk.add_file(root + "/VERSION", version + "\n");
    disk.add_file(root + "/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n");
  }
  void SetUp() override {
    sdk("/usr/local/go", "go1.23.5");
    sdk("/opt/go1.21", "go1.21.13");
    disk.add_dir("/home/u/go/bin");
    env.set("HOME", "/home/u");
    env.set("PATH", "/usr/local/go/bin:/home/u/go/bin:/usr/bin");
  }
  Report run() {
    ProbeInput in;
    in.env = &env;
    in.cwd = "/home/u";
    in.style = PathStyle::posix;
    in.host_goos = "linux";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect;
    last = probe(disk, in);
    return run_checks(last, disk, in, CheckOptions{});
  }
  static const Finding* find(const Report& r, std::string_view id) {
    for (const Finding& f : r.findings)
      if (f.id == id) return &f;
    return nullptr;
  }
  static std::vector<std::string> ids(const Report& r) {
    std::vector<std::string> v;
    for (const Finding& f : r.findings) v.push_back(f.id);
    return v;
  }

  FakeDisk disk;
  Environ env;
  ProbeResult last;
};

TEST_F(FindingsTest, HealthyEnvironmentHasNoFindings) {
  Report r = run();
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(ids(r));
  EXPECT_EQ(r.health(), Severity::ok);
  EXPECT_FALSE(r.checks.empty());
}

TEST_F(FindingsTest, GoNotFoundNamesAnSdkItCanSee) {
  env.set("PATH", "/usr/bin");
  Report r = run();
  const Finding* f = find(r, "go-not-found");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::error);
  ASSERT_FALSE(f->fix.empty());
  EXPECT_NE(f->fix.back().find("/usr/local/go/bin"), std::string::npos);
}

TEST_F(FindingsTest, GorootNotFoundAndNotADirectory) {
  env.set("GOROOT", "/nope");
  EXPECT_NE(find(run(), "goroot-not-found"), nullptr);
  disk.add_file("/etc/file", "x");
  env.set("GOROOT", "/etc/file");
  const Report r = run();
  ASSERT_NE(find(r, "goroot-not-found"), nullptr);
  EXPECT_EQ(find(r, "goroot-not-found")->fix[0], "unset GOROOT");
}

TEST_F(FindingsTest, GorootFromEnvFileIsFixedWithGoEnvU) {
  disk.add_file("/home/u/.config/go/env", "GOROOT=/nope\n");
  const Report r = run();
  ASSERT_NE(find(r, "goroot-not-found"), nullptr);
  EXPECT_EQ(find(r, "goroot-not-found")->fix[0], "go env -u GOROOT");
}

TEST_F(FindingsTest, GorootNotSdk) {
  disk.add_dir("/tmp/empty");
  env.set("GOROOT", "/tmp/empty");
  EXPECT_NE(find(run(), "goroot-not-sdk"), nullptr);
}

TEST_F(FindingsTest, GorootVersionMismatchIsAnErrorNotForeign) {
  env.set("GOROOT", "/opt/go1.21");
  Report r = run();
  const Finding* f = find(r, "goroot-version-mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::error);
  EXPECT_EQ(find(r, "goroot-foreign"), nullptr);
  EXPECT_EQ(r.area_health(Area::goroot), Severity::error);
}

TEST_F(FindingsTest, HalfUpgradedSdkIsAMismatchEvenWithoutGoroot) {
  disk.add_exe("/usr/local/go/pkg/tool/linux_amd64/compile", "go1.22.0");
  EXPECT_NE(find(run(), "goroot-version-mismatch"), nullptr);
}

TEST_F(FindingsTest, GorootForeignSameVersion) {
  sdk("/opt/other", "go1.23.5");
  env.set("GOROOT", "/opt/other");
  Report r = run();
  EXPECT_NE(find(r, "goroot-foreign"), nullptr);
  EXPECT_EQ(find(r, "goroot-version-mismatch"), nullptr);
}

TEST_F(FindingsTest, GorootRedundantIsInfoAndNotShownInHealth) {
  env.set("GOROOT", "/usr/local/go/");
  Report r = run();
  ASSERT_NE(find(r, "goroot-redundant"), nullptr);
  EXPECT_EQ(find(r, "goroot-redundant")->severity, Severity::info);
  EXPECT_EQ(r.health(), Severity::ok);
}

TEST_F(FindingsTest, TrimmedBinaryWithoutGoroot) {
  disk.add_exe("/tmp/bin/go", "go1.23.5");
  env.set("PATH", "/tmp/bin:/usr/bin");
  EXPECT_NE(find(run(), "goroot-trimmed-unset"), nullptr);
}

TEST_F(FindingsTest, GopathTildeRelativeAndIsGoroot) {
  env.set("GOPATH", "~/go");
  EXPECT_NE(find(run(), "gopath-tilde"), nullptr);
  env.set("GOPATH", "rel/go");
  EXPECT_NE(find(run(), "gopath-relative"), nullptr);
  env.set("GOPATH", "/usr/local/go");
  Report r = run();
  EXPECT_NE(find(r, "gopath-is-goroot"), nullptr);
  EXPECT_EQ(find(r, "gobin-in-goroot"), nullptr);  // go ignores that GOPATH
}

TEST_F(FindingsTest, GopathIsGorootByDefaultSuggestsAnotherDirectory) {
  // The SDK lives at $HOME/go, so the default GOPATH is GOROOT.
  sdk("/home/u/go", "go1.23.5");
  env.set("PATH", "/home/u/go/bin:/home/u/go/bin");
  Report r = run();
  const Finding* f = find(r, "gopath-is-goroot");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fix[0], "go env -w GOPATH=/home/u/gopath");
}

TEST_F(FindingsTest, GopathMissingOnlyForExplicitEntries) {
  EXPECT_EQ(find(run(), "gopath-missing"), nullptr);  // the default may not exist yet: fine
  env.set("GOPATH", "/srv/gopath");
  env.set("PATH", "/usr/local/go/bin:/srv/gopath/bin");
  Report r = run();
  ASSERT_NE(find(r, "gopath-missing"), nullptr);
  EXPECT_EQ(find(r, "gopath-missing")->severity, Severity::info);
}

TEST_F(FindingsTest, GobinRules) {
  env.set("GOBIN", "bin");
  EXPECT_NE(find(run(), "gobin-relative"), nullptr);
  env.set("GOBIN", "/usr/local/go/bin");
  Report r = run();
  EXPECT_NE(find(r, "gobin-in-goroot"), nullptr);
  env.set("GOBIN", "/home/u/bin");
  r = run();
  EXPECT_NE(find(r, "gobin-not-on-path"), nullptr);
  EXPECT_EQ(find(r, "gobin-not-on-path")->fix[0], "export PATH=/home/u/bin:\"$PATH\"");
  env.unset("GOBIN");
  env.set("PATH", "/usr/local/go/bin:/usr/bin");
  EXPECT_NE(find(run(), "gobin-not-on-path"), nullptr);  // $HOME/go/bin
}

// go1.27 prints the derived install dir as GOBIN (envcmd/env.go): the GOBIN
// findings must tell it from a GOBIN someone set, and still find go install's
// directory.
TEST_F(FindingsTest, Go127DerivedGobinIsNotAConfiguredGobin) {
  sdk("/usr/local/go", "go1.27.4");
  // GOPATH mode with an empty first GOPATH entry: go prints the relative
  // "bin" as GOBIN, which nobody set; gobin-relative would be a false alarm.
  env.set("GO111MODULE", "off");
  env.set("GOPATH", ":/srv/gp");
  Report r = run();
  EXPECT_EQ(last[Key::GOBIN].value, "bin");
  EXPECT_EQ(find(r, "gobin-relative"), nullptr);
  env.unset("GO111MODULE");
  env.unset("GOPATH");
  env.set("PATH", "/usr/local/go/bin:/usr/bin");
  r = run();
  EXPECT_EQ(last[Key::GOBIN].value, "/home/u/go/bin");
  const Finding* f = find(r, "gobin-not-on-path");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence[0].value, "/home/u/go/bin");
  EXPECT_EQ(f->evidence[0].source, "GOPATH[0]/bin");
  // The reworded go1.24+ GOPATH==GOROOT warning is still recognised.
  env.set("GOPATH", "/usr/local/go");
  r = run();
  f = find(r, "gopath-is-goroot");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence[2].value,
            "warning: both GOPATH and GOROOT are the same directory (/usr/local/go); see "
            "https://go.dev/wiki/InstallTroubleshooting");
}

// A fresh Go install: nothing installed yet, so nothing is "command not
// found". The prompt stays quiet; doctor still tells, as a note.
TEST_F(FindingsTest, GobinNotOnPathWarnsOnlyOnceItHoldsAProgram) {
  env.set("PATH", "/usr/local/go/bin:/usr/bin");
  Report r = run();  // /home/u/go/bin exists, empty
  ASSERT_NE(find(r, "gobin-not-on-path"), nullptr);
  EXPECT_EQ(find(r, "gobin-not-on-path")->severity, Severity::info);
  EXPECT_EQ(r.health(), Severity::ok);
  env.set("GOBIN", "/home/u/bin");  // does not exist at all
  r = run();
  ASSERT_NE(find(r, "gobin-not-on-path"), nullptr);
  EXPECT_EQ(find(r, "gobin-not-on-path")->severity, Severity::info);
  env.unset("GOBIN");
  disk.add_dir("/home/u/go/bin/.cache");  // neither a program nor visible
  EXPECT_EQ(find(run(), "gobin-not-on-path")->severity, Severity::info);
  disk.add_exe("/home/u/go/bin/gopls");
  r = run();
  ASSERT_NE(find(r, "gobin-not-on-path"), nullptr);
  EXPECT_EQ(find(r, "gobin-not-on-path")->severity, Severity::warn);
  EXPECT_EQ(r.health(), Severity::warn);
}

TEST_F(FindingsTest, GoShadowedByOlderAndAgainstGoroot) {
  env.set("PATH", "/opt/go1.21/bin:/usr/local/go/bin:/home/u/go/bin");
  Report r = run();
  ASSERT_NE(find(r, "go-shadowed"), nullptr);
  EXPECT_EQ(find(r, "go-shadowed")->fix[0], "export PATH=/usr/local/go/bin:\"$PATH\"");
  // The newer one first: nothing to report.
  env.set("PATH", "/usr/local/go/bin:/opt/go1.21/bin:/home/u/go/bin");
  EXPECT_EQ(find(run(), "go-shadowed"), nullptr);
  // GOROOT names the later SDK: shadowed even though it is older.
  env.set("GOROOT", "/opt/go1.21");
  EXPECT_NE(find(run(), "go-shadowed"), nullptr);
}

TEST_F(FindingsTest, CrlfEnvFileGivesTwoFindings) {
  disk.add_file("/home/u/.config/go/env", "GOTOOLCHAIN=local\r\n");
  Report r = run();
  EXPECT_NE(find(r, "envfile-crlf"), nullptr);
  const Finding* f = find(r, "gotoolchain-invalid");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fix[0], "go env -w GOTOOLCHAIN=local");
}

TEST_F(FindingsTest, Go111moduleOffAndEnvOverridesFile) {
  disk.add_file("/home/u/.config/go/env", "GOPROXY=direct\nGOFLAGS=-mod=mod\n");
  env.set("GOPROXY", "off");
  env.set("GOFLAGS", "-mod=mod");  // same value: nothing to say
  env.set("GO111MODULE", "off");
  Report r = run();
  EXPECT_NE(find(r, "go111module-off"), nullptr);
  int overrides = 0;
  for (const Finding& f : r.findings) overrides += f.id == "env-overrides-envfile";
  EXPECT_EQ(overrides, 1);
}

TEST_F(FindingsTest, HomeUnset) {
  env.unset("HOME");
  EXPECT_NE(find(run(), "home-unset"), nullptr);
}

TEST_F(FindingsTest, FixesInPowerShellAndFish) {
  env.set("GOROOT", "/nope");
  ProbeInput in;
  in.env = &env;
  in.cwd = "/";
  in.style = PathStyle::posix;
  in.host_goos = "linux";
  in.host_goarch = "amd64";
  in.inspect = fake_inspect;
  ProbeResult p = probe(disk, in);
  Report pw = run_checks(p, disk, in, CheckOptions{Shell::pwsh});
  EXPECT_EQ(find(pw, "goroot-not-found")->fix[0],
            "Remove-Item Env:GOROOT; [Environment]::SetEnvironmentVariable('GOROOT', $null, 'User')");
  Report fi = run_checks(p, disk, in, CheckOptions{Shell::fish});
  EXPECT_EQ(find(fi, "goroot-not-found")->fix[0], "set -e GOROOT");
}

}  // namespace
}  // namespace gs
