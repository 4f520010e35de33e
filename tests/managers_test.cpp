// Version managers on the in-memory filesystem: each manager's layout, the
// go it resolves to, the file that selected the version, the not-installed
// case; and the fallback spawn's place in the probe (with a fake runner).
#include "segment/probe/managers/managers.h"

#include <gtest/gtest.h>

#include "segment/checks/findings.h"
#include "segment/probe/go_query.h"
#include "segment/probe/probe.h"
#include "segment/cli/prompt_answer.h"
#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

const char kGoenvShim[] =
    "#!/usr/bin/env bash\nset -e\n[ -n \"$GOENV_DEBUG\" ] && set -x\n\nprogram=\"${0##*/}\"\n\n"
    "export GOENV_ROOT=\"/home/u/.goenv\"\nexec \"/home/u/.goenv/libexec/goenv\" exec \"$program\" \"$@\"\n";
const char kAsdfShim[] =
    "#!/usr/bin/env bash\n# asdf-plugin: golang 1.21.5\n# asdf-plugin: golang 1.23.4\n"
    "exec asdf exec \"go\" \"$@\" # asdf_allow: ' asdf '\n";

class ManagersTest : public ::testing::Test {
 protected:
  void sdk(const std::string& root, const std::string& version) {
    disk.add_exe(root + "/bin/go", version);
    disk.add_dir(root + "/pkg/tool/linux_amd64");
    disk.add_dir(root + "/src/runtime");
    disk.add_file(root + "/go.env", "GOTOOLCHAIN=auto\n");
  }
  ProbeResult run() {
    env.set("HOME", "/home/u");
    ProbeInput in = input();
    return probe(disk, in);
  }
  ProbeInput input() {
    ProbeInput in;
    in.env = &env;
    in.cwd = cwd;
    in.style = PathStyle::posix;
    in.host_goos = "linux";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect;
    in.query_go = query;
    return in;
  }
  const Finding* finding(const ProbeResult& r, const std::string& id) {
    ProbeInput in = input();
    report = run_checks(r, disk, in, CheckOptions{});
    for (const Finding& f : report.findings)
      if (f.id == id) return &f;
    return nullptr;
  }

  FakeDisk disk;
  Environ env;
  std::string cwd = "/home/u/work/proj/sub";
  Report report;
  SpawnedGo (*query)(const std::string&, const std::string&, const Environ&) = nullptr;
};

// --- goenv -------------------------------------------------------------------

class GoenvTest : public ManagersTest {
 protected:
  void SetUp() override {
    disk.add_exe("/home/u/.goenv/shims/go", kGoenvShim);
    sdk("/home/u/.goenv/versions/1.23.4", "go1.23.4");
    sdk("/home/u/.goenv/versions/1.21.5", "go1.21.5");
    disk.add_dir(cwd);
    env.set("PATH", "/home/u/.goenv/shims:/usr/bin");
  }
};

TEST_F(GoenvTest, GoVersionFileInAParentDirectorySelects) {
  disk.add_file("/home/u/.goenv/version", "1.21.5\n");
  disk.add_file("/home/u/work/proj/.go-version", "1.23.4\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::goenv);
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/proj/.go-version");
  EXPECT_EQ(r.manager.version, "1.23.4");
  EXPECT_EQ(r.shim.path, "/home/u/.goenv/shims/go");
  EXPECT_EQ(r.go.path, "/home/u/.goenv/versions/1.23.4/bin/go");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
  // goenv exec exports GOROOT=$(goenv prefix) and GOPATH=$HOME/go/<version>.
  EXPECT_EQ(r[Key::GOROOT].value, "/home/u/.goenv/versions/1.23.4");
  EXPECT_EQ(r[Key::GOPATH].value, "/home/u/go/1.23.4");
  EXPECT_FALSE(r.spawned.used);
}

TEST_F(GoenvTest, GlobalVersionFileWhenNoLocalOne) {
  disk.add_file("/home/u/.goenv/version", "1.21.5\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "/home/u/.goenv/version");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.21.5");
  EXPECT_EQ(r[Key::GOROOT].value, "/home/u/.goenv/versions/1.21.5");
}

TEST_F(GoenvTest, GoenvVersionVariableWinsOverFiles) {
  disk.add_file("/home/u/work/proj/.go-version", "1.23.4\n");
  env.set("GOENV_VERSION", "1.21.5");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "GOENV_VERSION");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.21.5");
}

TEST_F(GoenvTest, GoModOnlyWithTheOptionAndAPrefixMatchesTheNewestInstalled) {
  disk.add_file("/home/u/.goenv/version", "1.21.5\n");
  disk.add_file("/home/u/work/proj/go.mod", "module x\n\ngo 1.23\n");
  EXPECT_EQ(run()[Key::GOVERSION].value, "go1.21.5");
  env.set("GOENV_GOMOD_VERSION_ENABLE", "1");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/proj/go.mod");
  EXPECT_EQ(r.manager.version, "1.23.4");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
}

TEST_F(GoenvTest, DisableGorootAndGopathLeaveThemAlone) {
  disk.add_file("/home/u/.goenv/version", "1.21.5\n");
  env.set("GOENV_DISABLE_GOROOT", "1");
  env.set("GOENV_DISABLE_GOPATH", "1");
  ProbeResult r = run();
  EXPECT_EQ(r[Key::GOROOT].source, Source::executable);
  EXPECT_EQ(r[Key::GOPATH].value, "/home/u/go");
}

TEST_F(GoenvTest, SelectedVersionNotInstalledIsAnErrorWithTheInstallCommand) {
  disk.add_file("/home/u/work/proj/.go-version", "1.22.0\n");
  ProbeResult r = run();
  EXPECT_TRUE(r.manager.not_installed);
  EXPECT_TRUE(r.go_unknown);
  EXPECT_EQ(r.manager.error, "goenv: version '1.22.0' is not installed (set by /home/u/work/proj/.go-version)");
  const Finding* f = finding(r, "version-not-installed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::error);
  ASSERT_FALSE(f->fix.empty());
  EXPECT_EQ(f->fix[0], "goenv install 1.22.0");
  // The shim is not a Go binary without a GOROOT: that is not the problem.
  EXPECT_EQ(finding(r, "goroot-trimmed-unset"), nullptr);
}

TEST_F(GoenvTest, SystemMeansTheNextGoOnPath) {
  sdk("/usr/lib/go-1.19", "go1.19.8");
  env.set("PATH", "/home/u/.goenv/shims:/usr/lib/go-1.19/bin");
  disk.add_file("/home/u/.goenv/version", "system\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.version, "system");
  EXPECT_EQ(r.go.path, "/usr/lib/go-1.19/bin/go");
  EXPECT_EQ(r[Key::GOROOT].value, "/usr/lib/go-1.19");
}

TEST_F(GoenvTest, TheVersionFilesSearchedAreCacheDependencies) {
  disk.add_file("/home/u/.goenv/version", "1.21.5\n");
  ProbeInput in = input();
  env.set("HOME", "/home/u");
  std::vector<cache::Dependency> deps;
  compute_answer(disk, in, RenderOptions{}, Shell::bash, &deps);
  auto has = [&](const std::string& p) {
    for (const cache::Dependency& d : deps)
      if (d.path == p) return true;
    return false;
  };
  // Absent now; creating any of them must invalidate the answer.
  EXPECT_TRUE(has("/home/u/work/proj/sub/.go-version"));
  EXPECT_TRUE(has("/home/u/work/.go-version"));
  EXPECT_TRUE(has("/.go-version"));
  EXPECT_TRUE(has("/home/u/.goenv/version"));
}

// --- asdf --------------------------------------------------------------------

class AsdfTest : public ManagersTest {
 protected:
  void SetUp() override {
    disk.add_exe("/home/u/.asdf/shims/go", kAsdfShim);
    sdk("/home/u/.asdf/installs/golang/1.23.4/go", "go1.23.4");
    sdk("/home/u/.asdf/installs/golang/1.21.5/go", "go1.21.5");
    disk.add_dir(cwd);
    env.set("PATH", "/home/u/.asdf/shims:/usr/bin");
  }
};

TEST_F(AsdfTest, ToolVersionsUpwardSelectsAndExecEnvExportsGorootGobinGopath) {
  disk.add_file("/home/u/.tool-versions", "golang 1.21.5\n");
  disk.add_file("/home/u/work/.tool-versions", "nodejs 20.0.0\ngolang 1.23.4 # pinned\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::asdf);
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/.tool-versions");
  EXPECT_EQ(r.go.path, "/home/u/.asdf/installs/golang/1.23.4/go/bin/go");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
  EXPECT_EQ(r[Key::GOROOT].value, "/home/u/.asdf/installs/golang/1.23.4/go");
  EXPECT_EQ(r[Key::GOBIN].value, "/home/u/.asdf/installs/golang/1.23.4/bin");
  EXPECT_EQ(r[Key::GOPATH].value, "/home/u/.asdf/installs/golang/1.23.4/packages");
}

TEST_F(AsdfTest, LegacyGoVersionOnlyWhenEnabledInAsdfrc) {
  disk.add_file("/home/u/.tool-versions", "golang 1.21.5\n");
  disk.add_file("/home/u/work/proj/.go-version", "1.23.4\n");
  EXPECT_EQ(run()[Key::GOVERSION].value, "go1.21.5");
  disk.add_file("/home/u/.asdfrc", "legacy_version_file = yes\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/proj/.go-version");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
}

// A legacy .go-version of several lines: its first word is the version, and
// no reported field spans lines (found by fuzzing).
TEST_F(AsdfTest, LegacyGoVersionFileOfSeveralLinesGivesItsFirstWord) {
  disk.add_file("/home/u/.asdfrc", "legacy_version_file = yes\n");
  disk.add_file("/home/u/work/proj/.go-version", "1.23.4\n# pinned\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.version, "1.23.4");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
}

TEST_F(AsdfTest, EnvironmentVariableWins) {
  disk.add_file("/home/u/.tool-versions", "golang 1.21.5\n");
  env.set("ASDF_GOLANG_VERSION", "1.23.4");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "ASDF_GOLANG_VERSION");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
}

TEST_F(AsdfTest, FirstInstalledOfSeveralVersionsAndNotInstalled) {
  disk.add_file("/home/u/work/.tool-versions", "golang 1.22.0 1.21.5\n");
  EXPECT_EQ(run()[Key::GOVERSION].value, "go1.21.5");
  disk.add_file("/home/u/work/.tool-versions", "golang 1.22.0\n");
  ProbeResult r = run();
  EXPECT_TRUE(r.manager.not_installed);
  const Finding* f = finding(r, "version-not-installed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fix[0], "asdf install golang 1.22.0");
}

// --- mise --------------------------------------------------------------------

class MiseTest : public ManagersTest {
 protected:
  void SetUp() override {
    disk.add_exe("/usr/bin/mise", "#!elf mise");
    disk.add_symlink("/home/u/.local/share/mise/shims/go", "/usr/bin/mise");
    sdk("/home/u/.local/share/mise/installs/go/1.23.4", "go1.23.4");
    sdk("/home/u/.local/share/mise/installs/go/1.23.1", "go1.23.1");
    sdk("/home/u/.local/share/mise/installs/go/1.21.5", "go1.21.5");
    disk.add_symlink("/home/u/.local/share/mise/installs/go/1.23", "./1.23.1");  // a stale alias
    disk.add_dir(cwd);
    env.set("PATH", "/home/u/.local/share/mise/shims:/usr/bin");
  }
};

TEST_F(MiseTest, MiseTomlPrefixResolvesToTheNewestInstalled) {
  disk.add_file("/home/u/.config/mise/config.toml", "[tools]\ngo = \"1.21.5\"\n");
  disk.add_file("/home/u/work/proj/mise.toml", "[env]\nX = \"1\"\n\n[tools]\nnode = \"20\"\ngo = \"1.23\"\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::mise);
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/proj/mise.toml");
  EXPECT_EQ(r.manager.version, "1.23.4");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
  EXPECT_EQ(r[Key::GOROOT].value, "/home/u/.local/share/mise/installs/go/1.23.4");
}

TEST_F(MiseTest, ToolVersionsAndGlobalConfig) {
  disk.add_file("/home/u/.config/mise/config.toml", "[tools]\ngo = [\"1.21.5\", \"1.23.4\"]\n");
  EXPECT_EQ(run()[Key::GOVERSION].value, "go1.21.5");
  disk.add_file("/home/u/work/.tool-versions", "go 1.23.1\n");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.selected_by, "/home/u/work/.tool-versions");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.1");
}

TEST_F(MiseTest, NotInstalledIsNeverRunAndSaysHowToInstall) {
  int calls = 0;
  static int* counter;
  counter = &calls;
  query = [](const std::string&, const std::string&, const Environ&) {
    ++*counter;
    return SpawnedGo{};
  };
  disk.add_file("/home/u/work/proj/mise.toml", "[tools.go]\nversion = \"1.24\"\n");
  ProbeResult r = run();
  EXPECT_TRUE(r.manager.not_installed);
  EXPECT_EQ(calls, 0);  // a mise shim may install on first use: never run it
  const Finding* f = finding(r, "version-not-installed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fix[0], "mise install go@1.24");
}

// --- scoop, g, gvm -------------------------------------------------------------

TEST_F(ManagersTest, ScoopShimFileNamesTheTargetAndCurrentNamesTheVersion) {
  disk.add_exe("/home/u/scoop/shims/go", "MZ not a go binary");
  disk.add_file("/home/u/scoop/shims/go.shim", "path = \"/home/u/scoop/apps/go/current/bin/go\"\r\n");
  sdk("/home/u/scoop/apps/go/1.23.4", "go1.23.4");
  disk.add_symlink("/home/u/scoop/apps/go/current", "/home/u/scoop/apps/go/1.23.4");
  disk.add_dir(cwd);
  env.set("PATH", "/home/u/scoop/shims");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::scoop);
  EXPECT_EQ(r.manager.version, "1.23.4");
  EXPECT_EQ(r.manager.selected_by, "/home/u/scoop/apps/go/current");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.23.4");
  EXPECT_EQ(r[Key::GOROOT].value, "/home/u/scoop/apps/go/1.23.4");
}

TEST_F(ManagersTest, GLinkNamesTheVersion) {
  sdk("/home/u/.g/versions/1.21.5", "go1.21.5");
  disk.add_symlink("/home/u/.g/go", "/home/u/.g/versions/1.21.5");
  disk.add_dir(cwd);
  env.set("PATH", "/home/u/.g/go/bin");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::g);
  EXPECT_EQ(r.manager.version, "1.21.5");
  EXPECT_EQ(r.manager.selected_by, "/home/u/.g/go");
  EXPECT_TRUE(r.shim.path.empty());  // a real binary: probed as it is
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.21.5");
}

TEST_F(ManagersTest, GvmInstallDir) {
  sdk("/home/u/.gvm/gos/go1.21.5", "go1.21.5");
  disk.add_dir(cwd);
  env.set("PATH", "/home/u/.gvm/gos/go1.21.5/bin");
  env.set("GOROOT", "/home/u/.gvm/gos/go1.21.5");
  env.set("gvm_go_name", "go1.21.5");
  ProbeResult r = run();
  EXPECT_EQ(r.manager.manager, Manager::gvm);
  EXPECT_EQ(r.manager.version, "go1.21.5");
  EXPECT_EQ(r.manager.selected_by, "gvm_go_name (gvm use)");
}

TEST_F(ManagersTest, APlainGoCostsNoManagerDiskWork) {
  sdk("/usr/lib/go-1.23", "go1.23.4");
  disk.add_dir(cwd);
  env.set("PATH", "/usr/lib/go-1.23/bin");
  run();
  for (const std::string& op : disk.log) {
    EXPECT_EQ(op.find(".g/go"), std::string::npos) << op;
    EXPECT_EQ(op.find("go.shim"), std::string::npos) << op;
    EXPECT_EQ(op.find(".go-version"), std::string::npos) << op;
  }
}

// --- the fallback spawn ------------------------------------------------------

TEST_F(ManagersTest, UnknownShimIsAskedOnceAndTheProbeContinuesWithItsGoroot) {
  static int calls;
  calls = 0;
  sdk("/opt/go", "go1.22.3");
  disk.add_exe("/home/u/bin/go", "#!/bin/sh\nexec /opt/go/bin/go \"$@\"\n");
  disk.add_dir(cwd);
  env.set("PATH", "/home/u/bin");
  query = [](const std::string& program, const std::string& cwd, const Environ& env) {
    ++calls;
    SpawnedGo s;
    s.used = true;
    s.program = program;
    s.status = "exited";
    s.exit_code = 0;
    s.goroot = "/opt/go";
    s.goversion = "go1.22.3";
    EXPECT_EQ(cwd, "/home/u/work/proj/sub");
    return s;
  };
  ProbeResult r = run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(r.spawned.used);
  EXPECT_EQ(r.shim.path, "/home/u/bin/go");
  EXPECT_EQ(r[Key::GOVERSION].value, "go1.22.3");
  EXPECT_EQ(r[Key::GOROOT].value, "/opt/go");
  EXPECT_NE(finding(r, "go-spawned"), nullptr);
  EXPECT_EQ(finding(r, "go-version-unknown"), nullptr);
}

TEST_F(ManagersTest, AFailedAskIsAWarningWithAFixNotAGorootError) {
  disk.add_exe("/home/u/bin/go", "#!/bin/sh\nsleep 1000\n");
  sdk("/usr/local/go", "go1.23.4");
  disk.add_dir(cwd);
  env.set("PATH", "/home/u/bin");
  query = [](const std::string& program, const std::string&, const Environ&) {
    SpawnedGo s;
    s.used = true;
    s.program = program;
    s.status = "timed-out";
    s.error = "no answer within 1000 ms: killed";
    return s;
  };
  ProbeResult r = run();
  EXPECT_TRUE(r.go_unknown);
  const Finding* f = finding(r, "go-version-unknown");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_EQ(f->fix[1], "export PATH=/usr/local/go/bin:\"$PATH\"");
  EXPECT_EQ(finding(r, "goroot-trimmed-unset"), nullptr);
}

TEST_F(ManagersTest, ARealGoIsNeverRun) {
  static int calls;
  calls = 0;
  sdk("/usr/lib/go-1.23", "go1.23.4");
  disk.add_dir(cwd);
  env.set("PATH", "/usr/lib/go-1.23/bin");
  query = [](const std::string&, const std::string&, const Environ&) {
    ++calls;
    return SpawnedGo{};
  };
  ProbeResult r = run();
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(r.spawned.used);
}

TEST(ManagerCacheKey, TheVariablesManagersReadAreInTheKey) {
  // A new ASDF_GOLANG_VERSION must not be answered from the old entry.
  for (const char* v : {"ASDF_GOLANG_VERSION", "ASDF_DATA_DIR", "MISE_GO_VERSION", "MISE_DATA_DIR", "GOENV_VERSION",
                        "GOENV_ROOT", "G_HOME", "GVM_ROOT", "gvm_go_name", "XDG_DATA_HOME"})
    EXPECT_TRUE(key_relevant_var(v)) << v;
  EXPECT_FALSE(key_relevant_var("EDITOR"));
}

TEST(GoEnvJson, ParsesGoOutputWithEscapes) {
  std::string root, version;
  ASSERT_TRUE(parse_go_env_json("{\n\t\"GOROOT\": \"C:\\\\Program Files\\\\Go\",\n\t\"GOVERSION\": \"go1.23.4\"\n}\n",
                                &root, &version));
  EXPECT_EQ(root, "C:\\Program Files\\Go");
  EXPECT_EQ(version, "go1.23.4");
  ASSERT_TRUE(parse_go_env_json("{\"GOROOT\":\"/a\\u0026b\\u00e9\"}", &root, &version));
  EXPECT_EQ(root, "/a&b\xc3\xa9");
  EXPECT_FALSE(parse_go_env_json("go version go1.23.4 linux/amd64\n", &root, &version));
  EXPECT_FALSE(parse_go_env_json("{\"GOROOT\": \"/unterminated", &root, &version));
}

}  // namespace
}  // namespace gs
