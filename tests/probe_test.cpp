// The probe's rules on the in-memory filesystem. Each test names the go
// behaviour it pins down; the differential suite checks the same rules
// against the real go command.
#include "segment/probe/probe.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>

#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

class ProbeTest : public ::testing::Test {
 protected:
  void sdk(const std::string& root, const std::string& version, bool go_env = true,
           const std::string& extra = "") {
    disk.add_exe(root + "/bin/go", version + extra);
    disk.add_dir(root + "/pkg/tool/linux_amd64");
    disk.add_file(root + "/VERSION", version + "\ntime 2025-01-10T16:44:59Z\n");
    if (go_env)
      disk.add_file(root + "/go.env",
                    "# defaults\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n"
                    "GOTOOLCHAIN=auto\n");
  }
  ProbeResult run() {
    ProbeInput in;
    in.env = &env;
    in.cwd = cwd;
    in.style = PathStyle::posix;
    in.host_goos = "linux";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect;
    in.cwd_facts = facts;
    return probe(disk, in);
  }
  std::string get(const ProbeResult& r, Key k) { return r[k].value; }

  FakeDisk disk;
  Environ env;
  std::string cwd = "/home/u/work";
  CwdFacts facts;
};

TEST_F(ProbeTest, FirstGoOnPathAndItsGorootFromLocation) {
  sdk("/usr/lib/go-1.23", "go1.23.5");
  sdk("/usr/lib/go-1.21", "go1.21.13");
  env.set("PATH", "/usr/lib/go-1.21/bin:/usr/lib/go-1.23/bin");
  env.set("HOME", "/home/u");
  ProbeResult r = run();
  ASSERT_TRUE(r.go.found);
  EXPECT_EQ(r.go.path, "/usr/lib/go-1.21/bin/go");
  EXPECT_EQ(r.gos_on_path.size(), 2u);
  EXPECT_EQ(get(r, Key::GOROOT), "/usr/lib/go-1.21");
  EXPECT_EQ(r[Key::GOROOT].source, Source::executable);
  EXPECT_EQ(get(r, Key::GOVERSION), "go1.21.13");
  EXPECT_EQ(get(r, Key::GOTOOLDIR), "/usr/lib/go-1.21/pkg/tool/linux_amd64");
  EXPECT_EQ(get(r, Key::GOPATH), "/home/u/go");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "/home/u/go/pkg/mod");
  EXPECT_EQ(get(r, Key::GOCACHE), "/home/u/.cache/go-build");
  EXPECT_EQ(get(r, Key::GOENV), "/home/u/.config/go/env");
  EXPECT_EQ(get(r, Key::GOPROXY), "https://proxy.golang.org,direct");
  EXPECT_EQ(r[Key::GOPROXY].source, Source::goroot_env_file);
  EXPECT_EQ(get(r, Key::GOTOOLCHAIN), "auto");
  EXPECT_EQ(r.goroot_version_file, "go1.21.13");
  EXPECT_TRUE(r.fatal.empty());
}

TEST_F(ProbeTest, SkipsDirectoriesAndNonExecutablesNamedGo) {
  sdk("/sdk", "go1.23.5");
  disk.add_dir("/a/go");
  disk.add_file("/b/go", "not executable", 0644);
  disk.add_fifo("/c/go");
  env.set("PATH", "/a:/b:/c:/sdk/bin");
  ProbeResult r = run();
  EXPECT_EQ(r.go.path, "/sdk/bin/go");
}

TEST_F(ProbeTest, EmptyPathEntryMeansCurrentDirectory) {
  sdk("/home/u/work/sdk", "go1.23.5");
  disk.add_symlink("/home/u/work/go", "sdk/bin/go");
  env.set("PATH", "/nonexistent::/usr/bin");
  ProbeResult r = run();
  EXPECT_EQ(r.go.path, "/home/u/work/go");
  EXPECT_EQ(get(r, Key::GOROOT), "/home/u/work/sdk");
}

TEST_F(ProbeTest, DebianStyleSymlinkResolvesToSdk) {
  sdk("/usr/lib/go-1.23", "go1.23.5");
  disk.add_symlink("/usr/bin/go", "../lib/go-1.23/bin/go");
  env.set("PATH", "/usr/bin");
  ProbeResult r = run();
  EXPECT_EQ(r.go.resolved, "/usr/lib/go-1.23/bin/go");
  EXPECT_EQ(get(r, Key::GOROOT), "/usr/lib/go-1.23");
}

TEST_F(ProbeTest, GoosGoarchBinLayoutOnlyFrom121) {
  disk.add_exe("/sdk/bin/linux_amd64/go", "go1.23.5");
  disk.add_dir("/sdk/pkg/tool/linux_amd64");
  env.set("PATH", "/sdk/bin/linux_amd64");
  EXPECT_EQ(get(run(), Key::GOROOT), "/sdk");
  disk.add_exe("/old/bin/linux_amd64/go", "go1.19.8 default=/usr/lib/go-1.19");
  disk.add_dir("/old/pkg/tool/linux_amd64");
  env.set("PATH", "/old/bin/linux_amd64");
  EXPECT_EQ(get(run(), Key::GOROOT), "/usr/lib/go-1.19");  // falls back to the built-in default
}

TEST_F(ProbeTest, TrimmedBinaryOutsideGorootIsFatal) {
  disk.add_exe("/tmp/x/go", "go1.23.5");
  env.set("PATH", "/tmp/x");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOROOT), "");
  EXPECT_EQ(r.fatal, "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set");
  EXPECT_EQ(get(r, Key::GOTOOLDIR), "");
}

TEST_F(ProbeTest, GorootEnvEchoedAsWrittenFrom121CleanedBefore) {
  sdk("/usr/lib/go-1.23", "go1.23.5");
  sdk("/usr/lib/go-1.19", "go1.19.8", false, " default=/usr/lib/go-1.19");
  env.set("PATH", "/usr/lib/go-1.23/bin");
  env.set("GOROOT", "/usr/lib/go-1.23/");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOROOT), "/usr/lib/go-1.23/");
  EXPECT_EQ(get(r, Key::GOTOOLDIR), "/usr/lib/go-1.23/pkg/tool/linux_amd64");
  env.set("PATH", "/usr/lib/go-1.19/bin");
  env.set("GOROOT", "/usr/lib/go-1.19/");
  r = run();
  EXPECT_EQ(get(r, Key::GOROOT), "/usr/lib/go-1.19");
  EXPECT_EQ(get(r, Key::GOPROXY), "https://proxy.golang.org,direct");  // built in before go.env
  EXPECT_EQ(r[Key::GOPROXY].source, Source::default_value);
  EXPECT_EQ(get(r, Key::GOTOOLCHAIN), "");
}

TEST_F(ProbeTest, GorootNotADirectoryIsFatal) {
  sdk("/usr/lib/go-1.23", "go1.23.5");
  disk.add_file("/etc/notdir", "x");
  env.set("PATH", "/usr/lib/go-1.23/bin");
  env.set("GOROOT", "/etc/notdir");
  EXPECT_EQ(run().fatal, "go: cannot find GOROOT directory: /etc/notdir");
  env.set("GOROOT", "/missing");
  EXPECT_EQ(run().fatal, "go: cannot find GOROOT directory: /missing");
}

TEST_F(ProbeTest, UserEnvFileBeatsGorootGoEnvAndLosesToEnvironment) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  disk.add_file("/home/u/.config/go/env", "GOPROXY=direct\nGOFLAGS=-mod=mod\nGOPATH=/gp\n");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPROXY), "direct");
  EXPECT_EQ(r[Key::GOPROXY].source, Source::user_env_file);
  EXPECT_EQ(get(r, Key::GOFLAGS), "-mod=mod");
  EXPECT_EQ(get(r, Key::GOPATH), "/gp");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "/gp/pkg/mod");
  env.set("GOPROXY", "off");
  EXPECT_EQ(get(run(), Key::GOPROXY), "off");
  env.set("GOPROXY", "");  // empty means unset to go
  EXPECT_EQ(get(run(), Key::GOPROXY), "direct");
}

TEST_F(ProbeTest, EmptyUserValueHidesGorootGoEnv) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  disk.add_file("/home/u/.config/go/env", "GOPROXY=\n");
  EXPECT_EQ(get(run(), Key::GOPROXY), "");
}

TEST_F(ProbeTest, GorootFromUserEnvFileIsCleanedAndSelectsGoEnv) {
  sdk("/sdk", "go1.23.5");
  sdk("/other", "go1.22.12");
  disk.add_file("/other/go.env", "GOPROXY=https://other\n");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  disk.add_file("/home/u/.config/go/env", "GOROOT=/other/\n");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOROOT), "/other");
  EXPECT_EQ(r[Key::GOROOT].source, Source::user_env_file);
  EXPECT_EQ(get(r, Key::GOPROXY), "https://other");
  EXPECT_EQ(get(r, Key::GOVERSION), "go1.23.5");
}

TEST_F(ProbeTest, GoenvOffAndElsewhereAndXdg) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  disk.add_file("/home/u/.config/go/env", "GOFLAGS=-v\n");
  disk.add_file("/xdg/go/env", "GOFLAGS=-x\n");
  disk.add_file("/elsewhere", "GOFLAGS=-n\n");
  EXPECT_EQ(get(run(), Key::GOFLAGS), "-v");
  env.set("XDG_CONFIG_HOME", "/xdg");
  EXPECT_EQ(get(run(), Key::GOFLAGS), "-x");
  EXPECT_EQ(get(run(), Key::GOENV), "/xdg/go/env");
  env.set("GOENV", "/elsewhere");
  EXPECT_EQ(get(run(), Key::GOFLAGS), "-n");
  env.set("GOENV", "off");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOFLAGS), "");
  EXPECT_EQ(get(r, Key::GOENV), "");
}

TEST_F(ProbeTest, HomeUnsetEmptiesGopathAndCaches) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPATH), "");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "");
  EXPECT_EQ(get(r, Key::GOCACHE), "off");
  EXPECT_EQ(get(r, Key::GOENV), "");
  EXPECT_TRUE(r.fatal.empty());
}

TEST_F(ProbeTest, GopathChecksFollowMainGo) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  env.set("GOPATH", "~/go");
  EXPECT_EQ(run().fatal, "go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"");
  env.set("GOPATH", ":/a::rel");
  EXPECT_EQ(run().fatal,
            "go: GOPATH entry is relative; must be absolute path: \"rel\".\nFor more details see: 'go help gopath'");
  env.set("GOPATH", "/sdk/");
  ProbeResult r = run();
  EXPECT_TRUE(r.fatal.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "warning: GOPATH set to GOROOT (/sdk/) has no effect");
  // A relative HOME makes an inferred GOPATH, which go drops, not a fatal error.
  env.unset("GOPATH");
  env.set("HOME", "relhome");
  r = run();
  EXPECT_TRUE(r.fatal.empty());
  EXPECT_EQ(get(r, Key::GOPATH), "");
  EXPECT_EQ(get(r, Key::GOMODCACHE), "relhome/go/pkg/mod");
}

TEST_F(ProbeTest, DefaultGopathEqualToRuntimeGorootIsDropped) {
  sdk("/home/u/go", "go1.23.5");
  env.set("PATH", "/home/u/go/bin");
  env.set("HOME", "/home/u");
  env.set("GOROOT", "/home/u/go");
  EXPECT_EQ(get(run(), Key::GOPATH), "");
  // Without $GOROOT, runtime.GOROOT() of a trimmed binary is "", so the
  // default stays and main.go warns instead.
  env.unset("GOROOT");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOPATH), "/home/u/go");
  EXPECT_EQ(r.warnings.size(), 1u);
}

TEST_F(ProbeTest, GocacheRules) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  env.set("XDG_CACHE_HOME", "/xc");
  EXPECT_EQ(get(run(), Key::GOCACHE), "/xc/go-build");
  env.set("GOCACHE", "relative");
  EXPECT_EQ(get(run(), Key::GOCACHE), "off");
  env.set("GOCACHE", "off");
  EXPECT_EQ(get(run(), Key::GOCACHE), "off");
  env.set("GOCACHE", "/c");
  EXPECT_EQ(get(run(), Key::GOCACHE), "/c");
}

// os.UserConfigDir / os.UserCacheDir (os/file.go): go1.24+ fail for a
// relative XDG dir, so go reads no env file and turns the build cache off;
// older runtimes use the relative path as it is.
TEST_F(ProbeTest, RelativeXdgDirsAreErrorsFrom124) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  env.set("XDG_CONFIG_HOME", "relcfg");
  env.set("XDG_CACHE_HOME", "relcache");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOENV), "relcfg/go/env");
  EXPECT_EQ(r.user_env_path, "relcfg/go/env");
  EXPECT_EQ(get(r, Key::GOCACHE), "relcache/go-build");
  disk.add_exe("/sdk/bin/go", "go1.24.4");
  r = run();
  EXPECT_EQ(get(r, Key::GOENV), "");
  EXPECT_EQ(r.user_env_path, "");  // no env file is read
  EXPECT_EQ(get(r, Key::GOCACHE), "off");
  // An explicit GOCACHE still wins over the failed default.
  env.set("GOCACHE", "/c");
  EXPECT_EQ(get(run(), Key::GOCACHE), "/c");
}

// cmd/go/main.go: go1.24 reworded the GOPATH==GOROOT warning.
TEST_F(ProbeTest, GopathIsGorootWarningTextFollowsVersion) {
  sdk("/sdk", "go1.24.4");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  env.set("GOPATH", "/sdk/");
  ProbeResult r = run();
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "warning: both GOPATH and GOROOT are the same directory (/sdk/); see "
            "https://go.dev/wiki/InstallTroubleshooting");
  EXPECT_EQ(r.gopath_goroot_warning, r.warnings[0]);
}

// cmd/go/internal/envcmd/env.go (go1.27 ExtraEnvVars): an unset GOBIN
// prints where go install writes; go1.26 and older print "".
TEST_F(ProbeTest, GobinPrintsInstallDirFrom127) {
  sdk("/sdk", "go1.26.11");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  ProbeResult r = run();
  EXPECT_EQ(get(r, Key::GOBIN), "");
  EXPECT_EQ(r.install_dir, "/home/u/go/bin");
  disk.add_exe("/sdk/bin/go", "go1.27.4");
  // Module mode (GO111MODULE unset): modload.BinDir, $GOPATH[0]/bin.
  env.set("GOPATH", "/a:/home/u");
  r = run();
  EXPECT_EQ(get(r, Key::GOBIN), "/a/bin");
  EXPECT_EQ(r[Key::GOBIN].source, Source::default_value);
  // GOPATH mode: the first entry that is a string prefix of the cwd.
  env.set("GO111MODULE", "off");
  EXPECT_EQ(get(run(), Key::GOBIN), "/home/u/bin");
  env.set("GOPATH", "/a:/home/u/wor");  // a string prefix, not a path prefix
  EXPECT_EQ(get(run(), Key::GOBIN), "/home/u/wor/bin");
  env.set("GOPATH", "/a:/b");
  EXPECT_EQ(get(run(), Key::GOBIN), "/a/bin");
  // An empty first entry joins to a relative "bin".
  env.set("GOPATH", ":/b");
  EXPECT_EQ(get(run(), Key::GOBIN), "bin");
  // A GOBIN someone set is printed as it is.
  env.set("GOBIN", "/mine");
  r = run();
  EXPECT_EQ(get(r, Key::GOBIN), "/mine");
  EXPECT_EQ(r[Key::GOBIN].source, Source::process_env);
  env.unset("GOBIN");
  env.unset("GO111MODULE");
  // No GOPATH at all (HOME unset), or one main.go drops (inferred from a
  // relative HOME): modload has no gopath, GOBIN stays empty.
  env.unset("GOPATH");
  env.unset("HOME");
  EXPECT_EQ(get(run(), Key::GOBIN), "");
  env.set("HOME", "relhome");
  EXPECT_EQ(get(run(), Key::GOBIN), "");
}

TEST_F(ProbeTest, GoexeFollowsGoos) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  EXPECT_EQ(get(run(), Key::GOEXE), "");
  env.set("GOOS", "windows");
  EXPECT_EQ(get(run(), Key::GOEXE), ".exe");
}

TEST_F(ProbeTest, CrlfEnvFileCarriesCarriageReturns) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  disk.add_file("/home/u/.config/go/env", "GOTOOLCHAIN=local\r\nGOPROXY=direct\r\n");
  ProbeResult r = run();
  EXPECT_TRUE(r.user_env.crlf);
  EXPECT_EQ(get(r, Key::GOTOOLCHAIN), "local\r");
  EXPECT_EQ(gotoolchain_error(r), "go: invalid GOTOOLCHAIN \"local\\r\"");
}

TEST_F(ProbeTest, GotoolchainValidation) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  for (const char* ok : {"local", "auto", "path", "go1.23.5", "go1.22.0+auto", "local+path"}) {
    env.set("GOTOOLCHAIN", ok);
    EXPECT_EQ(gotoolchain_error(run()), "") << ok;
  }
  env.set("GOTOOLCHAIN", "go1.22+foo");
  EXPECT_EQ(gotoolchain_error(run()),
            "go: invalid GOTOOLCHAIN \"go1.22+foo\": only version suffixes are +auto and +path");
  env.set("GOTOOLCHAIN", "bogus+auto");
  EXPECT_EQ(gotoolchain_error(run()),
            "go: invalid GOTOOLCHAIN \"bogus+auto\": invalid minimum toolchain \"bogus\"");
  env.set("GO111MODULE", "off");  // Select is skipped without modules
  EXPECT_EQ(gotoolchain_error(run()), "");
}

TEST_F(ProbeTest, BadInputsDoNotHangOrCrash) {
  sdk("/sdk", "go1.23.5");
  env.set("HOME", "/home/u");
  disk.add_fifo("/home/u/.config/go/env");
  disk.add_symlink("/loop/go", "/loop/go");
  std::string huge_path;
  for (int i = 0; i < 4000; ++i) huge_path += "/p" + std::to_string(i) + ":";
  huge_path += "/loop:/sdk/bin";
  env.set("PATH", huge_path);
  ProbeResult r = run();
  EXPECT_EQ(r.go.path, "/sdk/bin/go");
  EXPECT_EQ(get(r, Key::GOFLAGS), "");
  disk.erase("/home/u/.config/go/env");
  disk.add_file("/home/u/.config/go/env", std::string(2 << 20, 'G'));  // over the cap
  EXPECT_EQ(get(run(), Key::GOFLAGS), "");
  disk.erase("/home/u/.config/go/env");
  disk.add_file("/home/u/.config/go/env", "GOFLAGS=\xff\xfe\n");
  EXPECT_EQ(get(run(), Key::GOFLAGS), "\xff\xfe");
}

// os.Getwd per version (os/getwd.go): go1.23 and older stat "." first and
// fail on any getcwd error; go1.24+ stat "." only with an absolute $PWD
// and walk up through ".." when getcwd's answer is too long.
TEST(GetwdError, PerGoVersion) {
  CwdFacts gone;
  gone.getcwd_errno = ENOENT;
  EXPECT_EQ(getwd_error(gone, "go1.19.8"), "getwd: no such file or directory");
  EXPECT_EQ(getwd_error(gone, "go1.27.0"), "getwd: no such file or directory");
  CwdFacts locked;  // getcwd answers, "." cannot be searched
  locked.dot_errno = EACCES;
  EXPECT_EQ(getwd_error(locked, "go1.23.5"), "stat .: permission denied");
  EXPECT_EQ(getwd_error(locked, "go1.24.0"), "");
  locked.pwd_abs = true;
  EXPECT_EQ(getwd_error(locked, "go1.24.0"), "stat .: permission denied");
  CwdFacts deep;
  deep.getcwd_errno = ENAMETOOLONG;
  EXPECT_EQ(getwd_error(deep, "go1.23.5"), "getwd: file name too long");
  EXPECT_EQ(getwd_error(deep, "go1.24.0"), "");
  deep.walk_error = "open ../..: permission denied";
  EXPECT_EQ(getwd_error(deep, "go1.24.0"), "open ../..: permission denied");
  CwdFacts matched = gone;  // $PWD names "." whatever getcwd says
  matched.pwd_matched = true;
  EXPECT_EQ(getwd_error(matched, "go1.23.5"), "");
}

TEST_F(ProbeTest, CwdUnknownFailsEveryCommand) {
  sdk("/sdk", "go1.23.5");
  env.set("PATH", "/sdk/bin");
  env.set("HOME", "/home/u");
  env.set("GOTOOLCHAIN", "local");
  facts.getcwd_errno = ENOENT;
  ProbeResult r = run();
  EXPECT_EQ(r.fatal, "cannot determine current directory: getwd: no such file or directory");
  EXPECT_EQ(r.fatal_exit_code, 1);
  // main.go's GOROOT check comes first, unless Select reads go.mod first.
  env.set("GOROOT", "/nonexistent");
  EXPECT_EQ(run().fatal_exit_code, 2);
  env.set("GOTOOLCHAIN", "auto");
  EXPECT_EQ(run().fatal_exit_code, 1);
}

TEST_F(ProbeTest, NoGoOnPath) {
  env.set("PATH", "/usr/bin:/bin");
  ProbeResult r = run();
  EXPECT_FALSE(r.go.found);
}

}  // namespace
}  // namespace gs
