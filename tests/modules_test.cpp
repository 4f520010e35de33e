// The module search and toolchain selection rules on the in-memory disk.
// Each test names the go source rule it pins (docs/toolchain-rules.md);
// tests/e2e/test_modules_diff.py checks the same rules against the real go.
#include "segment/probe/modules.h"

#include <gtest/gtest.h>

#include "tests/fake_disk.h"

namespace gs {
namespace {

ModuleInput input(const std::string& cwd, const std::string& version = "go1.23.5") {
  ModuleInput in;
  in.cwd = cwd;
  in.goroot = "/usr/lib/go";
  in.gopath = "/home/u/go";
  in.temp_dir = "/tmp";
  in.go_version = version;
  in.style = PathStyle::posix;
  return in;
}

SelectInput sel(const std::string& cwd, const std::string& gotoolchain, const std::string& version = "go1.23.5") {
  SelectInput s;
  s.module = input(cwd, version);
  s.gotoolchain = gotoolchain;
  s.path_env = "/usr/bin:/home/u/sdk/bin";
  s.gomodcache = "/home/u/go/pkg/mod";
  s.goos = "linux";
  s.goarch = "amd64";
  return s;
}

// ---- gover.GoModLookup ----

TEST(ModuleLookup, FirstLineWinsCommentsCut) {
  EXPECT_EQ(go_mod_lookup("module m\n\ngo 1.22 // note\ngo 1.30\n", "go"), "1.22");
  EXPECT_EQ(go_mod_lookup("  toolchain\tgo1.23.1  \r\n", "toolchain"), "go1.23.1");
  EXPECT_EQ(go_mod_lookup("module m\n", "go"), "");
}

TEST(ModuleLookup, KeyNeedsSpaceOrTab) {
  // parseKey: "go1.22" and "gopher x" are not go lines; "go" alone neither.
  EXPECT_EQ(go_mod_lookup("go1.22\ngopher 1\ngo\ngo 1.21.3\n", "go"), "1.21.3");
  // "go // x" is a go line with an empty value: the search stops there.
  EXPECT_EQ(go_mod_lookup("go  // x\ngo 1.22\n", "go"), "");
  // A commented-out line does not start with the key.
  EXPECT_EQ(go_mod_lookup("// go 1.99\ngo 1.20\n", "go"), "1.20");
  // No parsing: the first matching line anywhere counts, even in a block.
  EXPECT_EQ(go_mod_lookup("require (\n\tgo 1.5\n)\ngo 1.22\n", "go"), "1.5");
}

// ---- findModuleRoot / FindGoMod ----

TEST(ModuleFind, NearestGoModUpward) {
  FakeDisk d;
  d.add_file("/src/m/go.mod", "module m\n");
  d.add_file("/src/go.mod", "module outer\n");
  d.add_dir("/src/m/a/b");
  EXPECT_EQ(find_go_mod(d, "/src/m/a/b", "/tmp", PathStyle::posix), "/src/m/go.mod");
  EXPECT_EQ(find_go_mod(d, "/src/x/", "/tmp", PathStyle::posix), "/src/go.mod");
  EXPECT_EQ(find_go_mod(d, "/elsewhere", "/tmp", PathStyle::posix), "");
}

TEST(ModuleFind, DirectoryNamedGoModIsSkipped) {
  FakeDisk d;
  d.add_dir("/w/go.mod/x");
  d.add_file("/go.mod", "module root\n");
  EXPECT_EQ(find_go_mod(d, "/w/go.mod/x", "/tmp", PathStyle::posix), "/go.mod");
}

TEST(ModuleFind, SearchStatsEveryLevelNoListing) {
  FakeDisk d;
  d.add_dir("/a/b/c");
  d.clear_log();
  EXPECT_EQ(find_go_mod(d, "/a/b/c", "/tmp", PathStyle::posix), "");
  EXPECT_EQ(d.count("stat"), 4u);  // /a/b/c, /a/b, /a, /
  EXPECT_EQ(d.count("list"), 0u);
}

TEST(ModuleFind, TempRootGoModIgnored) {
  // golang.org/issue/26708: the search stops at the temp root's go.mod.
  FakeDisk d;
  d.add_file("/tmp/go.mod", "module t\n");
  d.add_file("/go.mod", "module r\n");
  d.add_dir("/tmp/x");
  bool in_tmp = false;
  EXPECT_EQ(find_go_mod(d, "/tmp/x", "/tmp", PathStyle::posix, &in_tmp), "");
  EXPECT_TRUE(in_tmp);
  // Below the temp root, a module is an ordinary module.
  d.add_file("/tmp/x/go.mod", "module x\n");
  EXPECT_EQ(find_go_mod(d, "/tmp/x", "/tmp", PathStyle::posix), "/tmp/x/go.mod");
}

TEST(ModuleFind, TempRootThroughSymlink) {
  // search.InDir evaluates symlinks: TMPDIR=/tmp/ (unclean) or a link.
  FakeDisk d;
  d.add_file("/private/tmp/go.mod", "module t\n");
  d.add_symlink("/tmp", "/private/tmp");
  d.add_dir("/private/tmp/x");
  EXPECT_EQ(find_go_mod(d, "/private/tmp/x", "/tmp", PathStyle::posix), "");
  EXPECT_EQ(find_go_mod(d, "/private/tmp/x", "/private/tmp/", PathStyle::posix), "");
}

// ---- findWorkspaceFile ----

TEST(ModuleFind, WorkspaceStopsBelowGoroot) {
  FakeDisk d;
  d.add_file("/usr/lib/go/go.work", "go 1.22\n");
  d.add_dir("/usr/lib/go/src/cmd");
  d.add_file("/usr/lib/go.work", "go 1.22\n");
  EXPECT_EQ(find_workspace_file(d, "/usr/lib/go/src/cmd", "/usr/lib/go", PathStyle::posix), "");
  // GOROOT itself as the working directory is still searched.
  EXPECT_EQ(find_workspace_file(d, "/usr/lib/go", "/usr/lib/go", PathStyle::posix), "/usr/lib/go/go.work");
  EXPECT_EQ(find_workspace_file(d, "/usr/lib/x", "/usr/lib/go", PathStyle::posix), "/usr/lib/go.work");
}

// ---- ExtraEnvVars: GOMOD / GOWORK ----

TEST(ModuleContext, InsideModule) {
  FakeDisk d;
  d.add_file("/src/m/go.mod", "module m\ngo 1.22\n");
  d.add_dir("/src/m/sub");
  ModuleContext c = module_context(d, input("/src/m/sub"));
  EXPECT_TRUE(c.modules_enabled);
  EXPECT_TRUE(c.will_be_enabled);
  EXPECT_EQ(c.gomod, "/src/m/go.mod");
  EXPECT_EQ(c.gowork, "");
  EXPECT_EQ(c.fatal, "");
}

TEST(ModuleContext, OutsideModuleDevNull) {
  FakeDisk d;
  d.add_dir("/x");
  ModuleInput in = input("/x");
  EXPECT_EQ(module_context(d, in).gomod, "/dev/null");
  in.windows = true;
  EXPECT_EQ(module_context(d, in).gomod, "NUL");
  in.go111module = "auto";
  ModuleContext c = module_context(d, in);
  EXPECT_EQ(c.gomod, "");
  EXPECT_FALSE(c.modules_enabled);
  EXPECT_FALSE(c.will_be_enabled);
}

TEST(ModuleContext, Go111ModuleOffAndAuto) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\n");
  ModuleInput in = input("/m");
  in.go111module = "off";
  ModuleContext c = module_context(d, in);
  EXPECT_EQ(c.gomod, "");
  EXPECT_FALSE(c.will_be_enabled);
  in.go111module = "auto";
  c = module_context(d, in);
  EXPECT_EQ(c.gomod, "/m/go.mod");
  EXPECT_TRUE(c.will_be_enabled);
  in.go111module = "bogus";
  c = module_context(d, in);
  EXPECT_EQ(c.fatal, "go: unknown environment setting GO111MODULE=bogus");
  EXPECT_FALSE(c.will_be_enabled);
}

TEST(ModuleContext, TempRootWarning) {
  FakeDisk d;
  d.add_file("/tmp/go.mod", "module t\n");
  d.add_dir("/tmp/t");
  ModuleInput in = input("/tmp/t");
  ModuleContext c = module_context(d, in);
  EXPECT_EQ(c.gomod, "/dev/null");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "go: warning: ignoring go.mod in system temp root /tmp");
  in.go111module = "auto";
  c = module_context(d, in);
  EXPECT_EQ(c.gomod, "");
  EXPECT_EQ(c.warnings.size(), 1u);
}

TEST(ModuleContext, GopathGoModFatalBefore122WarningAfter) {
  FakeDisk d;
  d.add_file("/home/u/go/go.mod", "module g\n");
  d.add_dir("/x");
  ModuleContext c = module_context(d, input("/x", "go1.21.13"));
  EXPECT_EQ(c.fatal, "$GOPATH/go.mod exists but should not");
  c = module_context(d, input("/x", "go1.22.12"));
  EXPECT_EQ(c.fatal, "");
  EXPECT_EQ(c.gomod, "/dev/null");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "go: warning: ignoring go.mod in $GOPATH /home/u/go");
  // GOPATH mode never gets that far.
  ModuleInput in = input("/x", "go1.21.13");
  in.go111module = "auto";
  EXPECT_EQ(module_context(d, in).fatal, "");
}

TEST(ModuleContext, WorkspaceAndGowork) {
  FakeDisk d;
  d.add_file("/w/go.work", "go 1.22\nuse ./m\n");
  d.add_file("/w/m/go.mod", "module m\n");
  d.add_dir("/w/a/b");
  ModuleContext c = module_context(d, input("/w/a/b"));
  EXPECT_EQ(c.gomod, "/dev/null");  // Init runs before InitWorkfile
  EXPECT_EQ(c.gowork, "/w/go.work");
  c = module_context(d, input("/w/m"));
  EXPECT_EQ(c.gomod, "/w/m/go.mod");
  EXPECT_EQ(c.gowork, "/w/go.work");

  ModuleInput in = input("/w/m");
  in.gowork = "off";
  c = module_context(d, in);
  EXPECT_EQ(c.gowork, "off");
  EXPECT_EQ(c.workfile, "");
  in.gowork = "/nonexistent/x.work";  // printed as written, not checked
  EXPECT_EQ(module_context(d, in).gowork, "/nonexistent/x.work");
  in.gowork = "rel/go.work";
  EXPECT_EQ(module_context(d, in).fatal, "go: invalid GOWORK: not an absolute path");
  in.go_version = "go1.19.8";
  EXPECT_EQ(module_context(d, in).fatal, "the path provided to GOWORK must be an absolute path");
  // GOWORK is reported in GOPATH mode too.
  in = input("/w/a/b");
  in.go111module = "off";
  c = module_context(d, in);
  EXPECT_EQ(c.gomod, "");
  EXPECT_EQ(c.gowork, "/w/go.work");
}

// ---- modGoToolchain ----

TEST(ModuleToolchainFile, GoWorkBeforeGoMod) {
  FakeDisk d;
  d.add_file("/w/go.work", "go 1.22\ntoolchain go1.22.3\n");
  d.add_file("/w/m/go.mod", "module m\ngo 1.21\n");
  ToolchainFile t = mod_go_toolchain(d, input("/w/m"));
  EXPECT_EQ(t.file, "/w/go.work");
  EXPECT_EQ(t.go, "1.22");
  EXPECT_EQ(t.toolchain, "go1.22.3");
  ModuleInput in = input("/w/m");
  in.gowork = "off";
  t = mod_go_toolchain(d, in);
  EXPECT_EQ(t.file, "/w/m/go.mod");
  EXPECT_EQ(t.go, "1.21");
  // A $GOWORK that does not exist falls back to go.mod.
  in.gowork = "/w/missing.work";
  EXPECT_EQ(mod_go_toolchain(d, in).file, "/w/m/go.mod");
  in.gowork = "x";
  EXPECT_EQ(mod_go_toolchain(d, in).fatal, "go: go: invalid GOWORK: not an absolute path");
  // $GOWORK naming a directory: stat succeeds, the read fails.
  in.gowork = "/w";
  EXPECT_EQ(mod_go_toolchain(d, in).fatal, "go: read /w: is a directory");
}

TEST(ModuleToolchainFile, UnreadableGoMod) {
  FakeDisk d;
  d.add_file("/m/go.mod", "go 1.22\n");
  d.node("/m/go.mod")->unreadable = true;
  EXPECT_EQ(mod_go_toolchain(d, input("/m")).fatal, "go: open /m/go.mod: permission denied");
}

// ---- Select ----

TEST(ToolchainSelect, Pre121NeverSwitches) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.99\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "", "go1.19.8"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::local);
  EXPECT_FALSE(c.selected);
  EXPECT_EQ(c.build_error, "");
}

TEST(ToolchainSelect, OlderOrEqualGoLineRunsLocal) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.23\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "auto"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::local);
  EXPECT_EQ(c.name, "go1.23.5");
  d.add_file("/m/go.mod", "module m\ngo 1.23.5\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).outcome, ToolchainOutcome::local);
}

TEST(ToolchainSelect, NewerLangVersionMeansDotZeroDownload) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.24\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "auto"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::download);
  EXPECT_EQ(c.name, "go1.24.0");
  EXPECT_EQ(c.reason, "go.mod: go 1.24");
  d.add_file("/m/go.mod", "module m\ngo 1.24rc1\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).name, "go1.24rc1");
}

TEST(ToolchainSelect, ToolchainLineAboveMinimum) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.21\ntoolchain go1.24.1\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).name, "go1.24.1");
  // Below the local version: ignored.
  d.add_file("/m/go.mod", "module m\ngo 1.21\ntoolchain go1.22.0\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).outcome, ToolchainOutcome::local);
  // The go line beats a lower toolchain line.
  d.add_file("/m/go.mod", "module m\ngo 1.25.1\ntoolchain go1.24.0\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).name, "go1.25.1");
}

TEST(ToolchainSelect, ToolchainLineEqualOnlyIn121) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.21\ntoolchain go1.21.13-custom\n");
  // go1.21 takes an equal toolchain (then switches to it); 1.22+ only a newer one.
  ToolchainChoice c = select_toolchain(d, sel("/m", "auto", "go1.21.13"));
  EXPECT_EQ(c.name, "go1.21.13-custom");
  EXPECT_EQ(c.outcome, ToolchainOutcome::download);
  d.add_file("/m/go.mod", "module m\ngo 1.22\ntoolchain go1.22.12-custom\n");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto", "go1.22.12")).outcome, ToolchainOutcome::local);
}

TEST(ToolchainSelect, InvalidToolchainLine) {
  FakeDisk d;
  d.add_file("/src/m/go.mod", "module m\ngo 1.21\ntoolchain 1.22\n");
  d.add_dir("/src/m/sub");
  ToolchainChoice c = select_toolchain(d, sel("/src/m/sub", "auto"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::invalid);
  // base.ShortPath: relative only when strictly shorter.
  EXPECT_EQ(c.fatal, "go: invalid toolchain \"1.22\" in ../go.mod");
  EXPECT_EQ(select_toolchain(d, sel("/src/m", "auto")).fatal, "go: invalid toolchain \"1.22\" in go.mod");
  d.add_file("/m/go.mod", "module m\ngo 1.21\ntoolchain 1.22\n");
  d.add_dir("/m/sub");
  EXPECT_EQ(select_toolchain(d, sel("/m/sub", "auto")).fatal, "go: invalid toolchain \"1.22\" in /m/go.mod");
}

TEST(ToolchainSelect, ToolchainDefaultKeepsMinimum) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.99\ntoolchain default\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "auto"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::unavailable);
  EXPECT_EQ(c.fatal, "");
  EXPECT_EQ(c.build_error, "go: go.mod requires go >= 1.99 (running go 1.23.5; go.mod sets toolchain default)");
}

TEST(ToolchainSelect, InvalidGotoolchain) {
  FakeDisk d;
  d.add_dir("/m");
  EXPECT_EQ(select_toolchain(d, sel("/m", "bash")).fatal, "go: invalid GOTOOLCHAIN \"bash\"");
  EXPECT_EQ(select_toolchain(d, sel("/m", "x+auto")).fatal,
            "go: invalid GOTOOLCHAIN \"x+auto\": invalid minimum toolchain \"x\"");
  EXPECT_EQ(select_toolchain(d, sel("/m", "go1.22.0+foo")).fatal,
            "go: invalid GOTOOLCHAIN \"go1.22.0+foo\": only version suffixes are +auto and +path");
  EXPECT_EQ(select_toolchain(d, sel("/m", "go2.0")).fatal, "go: invalid GOTOOLCHAIN \"go2.0\"");
  EXPECT_EQ(select_toolchain(d, sel("/m", "local+path")).outcome, ToolchainOutcome::local);
  // Modules off: Select never runs, so nothing is invalid.
  SelectInput s = sel("/m", "bash");
  s.module.go111module = "off";
  EXPECT_EQ(select_toolchain(d, s).outcome, ToolchainOutcome::local);
  EXPECT_FALSE(select_toolchain(d, s).selected);
}

TEST(ToolchainSelect, LocalModeRefusesNewerModule) {
  FakeDisk d;
  d.add_file("/src/m/go.mod", "module m\ngo 1.99\ntoolchain go1.99.1\n");
  d.add_dir("/src/m/sub");
  ToolchainChoice c = select_toolchain(d, sel("/src/m/sub", "local"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::unavailable);
  EXPECT_EQ(c.fatal, "");
  EXPECT_EQ(c.build_error, "go: ../go.mod requires go >= 1.99 (running go 1.23.5; GOTOOLCHAIN=local)");
}

TEST(ToolchainSelect, PathModeNotFound) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.99\ntoolchain go1.99.1\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "path"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::unavailable);
  EXPECT_EQ(c.fatal, "go: cannot find \"go1.99.1\" in PATH");
  c = select_toolchain(d, sel("/m", "go1.22.0+path"));
  EXPECT_EQ(c.fatal, "go: cannot find \"go1.99.1\" in PATH");
}

TEST(ToolchainSelect, FoundOnPath) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.24.2\n");
  d.add_exe("/home/u/sdk/bin/go1.24.2");
  ToolchainChoice c = select_toolchain(d, sel("/m", "path"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::path);
  EXPECT_EQ(c.binary, "/home/u/sdk/bin/go1.24.2");
  EXPECT_EQ(c.goroot, "");
  EXPECT_EQ(c.build_error, "");
}

TEST(ToolchainSelect, LookPathRules) {
  FakeDisk d;
  d.add_file("/usr/bin/go1.24.0", "x", 0644);  // not executable: skipped
  d.add_dir("/home/u/sdk/bin/go1.24.0");      // a directory: skipped
  SelectInput s = sel("/m", "auto");
  EXPECT_EQ(look_path(d, "go1.24.0", s), "");
  d.add_exe("/opt/go1.24.0");
  s.path_env = "/usr/bin:/opt";
  EXPECT_EQ(look_path(d, "go1.24.0", s), "/opt/go1.24.0");
  // A relative hit first: exec.ErrDot, and the search stops there.
  d.add_exe("/m/go1.24.0");
  s.path_env = ":/opt";
  EXPECT_EQ(look_path(d, "go1.24.0", s), "");
}

TEST(ToolchainSelect, ModuleCache) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.24.0\n");
  const std::string dir = "/home/u/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.24.0.linux-amd64";
  const std::string dl = "/home/u/go/pkg/mod/cache/download/golang.org/toolchain/@v/v0.0.1-go1.24.0.linux-amd64";
  d.add_exe(dir + "/bin/go");
  // No .ziphash: DownloadDir reports a partial directory, go downloads.
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).outcome, ToolchainOutcome::download);
  d.add_file(dl + ".ziphash", "h1:x\n");
  ToolchainChoice c = select_toolchain(d, sel("/m", "auto"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::modcache);
  EXPECT_EQ(c.binary, dir + "/bin/go");
  EXPECT_EQ(c.goroot, dir);
  d.add_file(dl + ".partial", "");
  EXPECT_EQ(select_toolchain(d, sel("/m", "auto")).outcome, ToolchainOutcome::download);
  // Path-only mode never looks in the module cache.
  d.erase(dl + ".partial");
  EXPECT_EQ(select_toolchain(d, sel("/m", "path")).outcome, ToolchainOutcome::unavailable);
}

TEST(ToolchainSelect, ExplicitVersion) {
  FakeDisk d;
  d.add_file("/m/go.mod", "module m\ngo 1.23.0\n");
  d.add_exe("/usr/bin/go1.22.12");
  // goX.Y.Z without +auto: go.mod is not read for selection; the older
  // toolchain runs and then refuses the module.
  ToolchainChoice c = select_toolchain(d, sel("/m", "go1.22.12"));
  EXPECT_EQ(c.outcome, ToolchainOutcome::path);
  EXPECT_EQ(c.name, "go1.22.12");
  EXPECT_EQ(c.build_error, "go: go.mod requires go >= 1.23.0 (running go 1.22.12; GOTOOLCHAIN=go1.22.12)");
  // +auto: the module raises the minimum.
  c = select_toolchain(d, sel("/m", "go1.22.12+auto"));
  EXPECT_EQ(c.name, "go1.23.0");
  EXPECT_EQ(c.outcome, ToolchainOutcome::download);
  // The local toolchain named explicitly is local.
  EXPECT_EQ(select_toolchain(d, sel("/m", "go1.23.5")).outcome, ToolchainOutcome::local);
  // A minimum above the module's needs is used as is.
  EXPECT_EQ(select_toolchain(d, sel("/m", "go1.25.0+auto")).name, "go1.25.0");
}

TEST(ToolchainSelect, AutoOutsideModuleSkipsSelect) {
  FakeDisk d;
  d.add_dir("/x");
  SelectInput s = sel("/x", "bash");
  s.module.go111module = "auto";
  EXPECT_FALSE(select_toolchain(d, s).selected);
}

// modload.WillBeEnabled (modload/init.go): from go1.27, GO111MODULE=auto in
// a workspace without a go.mod runs Select too, and a relative GOWORK then
// stops Select with its own fatal (under Select's "go: " log prefix).
// GO111MODULE=auto in /w/a, under /w/go.work asking for go1.99.
SelectInput auto_workspace(FakeDisk* d, const char* go_version) {
  d->add_file("/w/go.work", "go 1.99\n");
  d->add_dir("/w/a");
  SelectInput s = sel("/w/a", "auto", go_version);
  s.module.go111module = "auto";
  return s;
}

TEST(ToolchainSelect, AutoInWorkspaceSelectsFrom127) {
  FakeDisk d;
  SelectInput s = auto_workspace(&d, "go1.26.11");
  EXPECT_FALSE(select_toolchain(d, s).selected);
  EXPECT_FALSE(module_context(d, s.module).will_be_enabled);
  s = sel("/w/a", "auto", "go1.27.4");
  s.module.go111module = "auto";
  ToolchainChoice c = select_toolchain(d, s);
  EXPECT_TRUE(c.selected);
  EXPECT_EQ(c.outcome, ToolchainOutcome::download);
  EXPECT_EQ(c.name, "go1.99.0");
  EXPECT_TRUE(module_context(d, s.module).will_be_enabled);
  // Modules stay off for the command itself: Init runs before InitWorkfile.
  EXPECT_FALSE(module_context(d, s.module).modules_enabled);
  s.module.gowork = "rel.work";
  c = select_toolchain(d, s);
  EXPECT_EQ(c.outcome, ToolchainOutcome::invalid);
  EXPECT_EQ(c.fatal, "go: go: invalid GOWORK: not an absolute path");
  s.module.gowork = "off";
  EXPECT_FALSE(select_toolchain(d, s).selected);
}

// toolchain/select.go (go1.27): Select's WillBeEnabled gate runs before its
// special cases for `go env GOTOOLCHAIN` / `go env GOMOD` / `go env GOWORK`,
// so a relative GOWORK under GO111MODULE=auto stops those too; past the
// gate they stay with the local go.
TEST(ToolchainSelect, LocalCommandsStillPassTheGate) {
  FakeDisk d;
  SelectInput s = auto_workspace(&d, "go1.27.4");
  s.module.gowork = "go.work";
  s.local_command = true;
  ToolchainChoice c = select_toolchain(d, s);
  EXPECT_EQ(c.outcome, ToolchainOutcome::invalid);
  EXPECT_EQ(c.fatal, "go: go: invalid GOWORK: not an absolute path");
  s.module.go_version = "go1.26.11";  // no go.work in its gate
  EXPECT_FALSE(select_toolchain(d, s).selected);
  s.module.go_version = "go1.27.4";
  s.module.gowork = "";  // the go.work asks for go1.99: left to the local go
  c = select_toolchain(d, s);
  EXPECT_FALSE(c.selected);
  EXPECT_EQ(c.outcome, ToolchainOutcome::local);
  EXPECT_EQ(c.name, "go1.27.4");
  s.local_command = false;
  EXPECT_EQ(select_toolchain(d, s).outcome, ToolchainOutcome::download);
}

TEST(ToolchainSelect, DevelLocalVersion) {
  EXPECT_EQ(local_go_version("devel go1.24-abcdef Tue"), "1.24");
  EXPECT_EQ(local_toolchain_name("devel go1.24-abcdef Tue"), "go1.24");
  EXPECT_EQ(local_toolchain_name("go1.23.5"), "go1.23.5");
}

TEST(ModulePaths, RelAndShortPath) {
  std::string r;
  ASSERT_TRUE(rel_path("/a/b", "/a/go.mod", PathStyle::posix, &r));
  EXPECT_EQ(r, "../go.mod");
  ASSERT_TRUE(rel_path("/a", "/a/b/go.mod", PathStyle::posix, &r));
  EXPECT_EQ(r, "b/go.mod");
  EXPECT_EQ(short_path("/a/go.mod", "/a", PathStyle::posix), "go.mod");
  EXPECT_EQ(short_path("/go.mod", "/very/deep/dir/x", PathStyle::posix), "/go.mod");
  ASSERT_TRUE(rel_path("C:\\a\\b", "c:\\A\\go.mod", PathStyle::windows, &r));
  EXPECT_EQ(r, "..\\go.mod");
  EXPECT_FALSE(rel_path("C:\\a", "D:\\a", PathStyle::windows, &r));
}

TEST(ModulePaths, ModuleDirEscapesUpperCase) {
  EXPECT_EQ(toolchain_module_dir("/c", "go1.24.0", "linux", "amd64", PathStyle::posix),
            "/c/golang.org/toolchain@v0.0.1-go1.24.0.linux-amd64");
  EXPECT_EQ(toolchain_module_dir("/c", "go1.24.0-X", "linux", "amd64", PathStyle::posix),
            "/c/golang.org/toolchain@v0.0.1-go1.24.0-!x.linux-amd64");
}

}  // namespace
}  // namespace gs
