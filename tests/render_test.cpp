#include <algorithm>
// Golden tests of what a user sees: the prompt line in every glyph set and
// style, the export for hooks, and doctor for a healthy and a broken
// environment.
#include "segment/render/render.h"

#include <gtest/gtest.h>

#include "segment/cli/app.h"
#include "tests/fake_disk.h"
#include "tests/fake_go.h"

namespace gs {
namespace {

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [root, v] : {std::pair{"/usr/local/go", "go1.23.5"}, std::pair{"/opt/go1.21", "go1.21.13"}}) {
      disk.add_exe(std::string(root) + "/bin/go", v);
      disk.add_exe(std::string(root) + "/pkg/tool/linux_amd64/compile", v);
      disk.add_dir(std::string(root) + "/src/runtime");
      disk.add_file(std::string(root) + "/VERSION", std::string(v) + "\n");
      disk.add_file(std::string(root) + "/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n");
    }
    env.set("HOME", "/home/u");
    env.set("PATH", "/usr/local/go/bin:/home/u/go/bin:/usr/bin");
  }
  void break_it() {
    env.set("GOROOT", "/opt/go1.21");        // goroot-version-mismatch (error)
    env.set("PATH", "/usr/local/go/bin");    // gobin-not-on-path (warn: it holds a program)
    disk.add_exe("/home/u/go/bin/gopls");
    disk.add_file("/home/u/.config/go/env", "GOFLAGS=-mod=mod\r\n");  // envfile-crlf (warn)
  }
  std::string line(const RenderOptions& ro) {
    ProbeInput in;
    in.env = &env;
    in.cwd = "/home/u";
    in.style = PathStyle::posix;
    in.host_goos = "linux";
    in.host_goarch = "amd64";
    in.inspect = fake_inspect;
    ProbeResult r = probe(disk, in);
    Report rep = run_checks(r, disk, in, CheckOptions{});
    return render_prompt(r, rep, ro);
  }
  RenderOptions opts(Glyphs g, Style s) {
    RenderOptions ro;
    ro.glyphs = g;
    ro.style = s;
    return ro;
  }
  FakeDisk disk;
  Environ env;
};

TEST_F(RenderTest, HealthyLineIsJustTheVersion) {
  EXPECT_EQ(line(opts(Glyphs::unicode, Style::plain)), "go1.23.5");
  EXPECT_EQ(line(opts(Glyphs::ascii, Style::plain)), "go1.23.5");
  EXPECT_EQ(line(opts(Glyphs::nerd, Style::plain)), "\xee\x98\xa7 1.23.5");
  EXPECT_EQ(line(opts(Glyphs::unicode, Style::omp)), "go<#00ADD8>1.23.5</>");
  EXPECT_EQ(line(opts(Glyphs::unicode, Style::ansi)), "go\x1b[36m1.23.5\x1b[0m");
}

TEST_F(RenderTest, BrokenLineShowsOneMarkPerArea) {
  break_it();
  EXPECT_EQ(line(opts(Glyphs::ascii, Style::plain)), "go1.23.5 R! X? C?");
  EXPECT_EQ(line(opts(Glyphs::unicode, Style::plain)), "go1.23.5 R\xe2\x9c\x97 X\xe2\x9a\xa0 C\xe2\x9a\xa0");
  EXPECT_EQ(line(opts(Glyphs::nerd, Style::plain)),
            "\xee\x98\xa7 1.23.5 \xef\x80\x95\xef\x80\x8d \xef\x84\xa0\xef\x81\xb1 \xef\x80\x93\xef\x81\xb1");
  EXPECT_EQ(line(opts(Glyphs::ascii, Style::omp)),
            "go<#00ADD8>1.23.5</> <#E06C75>R!</> <#E5C07B>X?</> <#E5C07B>C?</>");
  EXPECT_EQ(line(opts(Glyphs::ascii, Style::ansi)),
            "go\x1b[36m1.23.5\x1b[0m \x1b[31mR!\x1b[0m \x1b[33mX?\x1b[0m \x1b[33mC?\x1b[0m");
}

TEST_F(RenderTest, NoColorWins) {
  break_it();
  RenderOptions ro = opts(Glyphs::ascii, Style::ansi);
  ro.no_color = true;
  EXPECT_EQ(line(ro), "go1.23.5 R! X? C?");
  ro.style = Style::omp;
  EXPECT_EQ(line(ro), "go1.23.5 R! X? C?");
}

TEST_F(RenderTest, FormatPlaceholders) {
  break_it();
  RenderOptions ro = opts(Glyphs::ascii, Style::plain);
  ro.format = "[{version}|{health}|{goroot}|{gopath}|{path}|{{x}}|{unknown}]";
  EXPECT_EQ(line(ro), "[1.23.5|error|R!||X?|{x}|{unknown}]");
}

TEST_F(RenderTest, LineStaysOneLineWhateverTheFormatSays) {
  RenderOptions ro = opts(Glyphs::ascii, Style::plain);
  ro.format = "{version}\n\x1b]0;pwned\x07";
  std::string l = line(ro);
  EXPECT_EQ(l.find('\n'), std::string::npos);
  EXPECT_EQ(l.find('\x1b'), std::string::npos);
}

TEST_F(RenderTest, NoGoOnPath) {
  env.set("PATH", "/usr/bin");
  EXPECT_EQ(line(opts(Glyphs::ascii, Style::plain)), "no-go X!");
}

TEST_F(RenderTest, CliPromptNeverFailsOnBadFlags) {
  AppOutput o = run_app({"--glyphs", "bogus"}, env, disk, "/home/u");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.err, "");
  for (std::vector<std::string> args : {std::vector<std::string>{"--bogus"}, {"--glyphs"}, {"stray"}}) {
    o = run_app(args, env, disk, "/home/u");
    EXPECT_EQ(o.exit_code, 0) << args[0];
    EXPECT_EQ(o.err, "") << args[0];
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << args[0] << ": one line, not none: " << o.out;
  }
  // A global flag before the command word does not swallow the command.
  AppOutput plain = run_app({"env", "GOHOSTOS"}, env, disk, "/home/u");
  o = run_app({"--no-cache", "env", "GOHOSTOS"}, env, disk, "/home/u");
  EXPECT_EQ(o.out, plain.out);
  EXPECT_EQ(o.exit_code, plain.exit_code);
  EXPECT_FALSE(o.prompt_line);
  o = run_app({"doctor", "--glyphs", "bogus"}, env, disk, "/home/u");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err, "");
}

// run_app follows the host's rules (the CLI has no --goos), so the fix and
// the home variable doctor names are the host's: a shell line and HOME on
// POSIX, a PowerShell line and USERPROFILE on Windows.
TEST_F(RenderTest, DoctorExitCodes) {
  env.set("LANG", "C.UTF-8");
  env.set("GOSTATUS_CACHE_DIR", "/nonexistent-cache");
  // The fake binaries have no real build info: the CLI path uses the real
  // reader, so build a scenario whose findings do not need versions.
#ifdef _WIN32
  disk.add_exe("C:\\Program Files\\Go\\bin\\go.exe");
  env.set("USERPROFILE", "C:\\Users\\u");
  env.set("PATH", "C:\\Windows");
  const std::string cwd = "C:\\Users\\u";
  const std::string fix = "$env:Path = 'C:\\Program Files\\Go\\bin' + ';' + $env:Path";
  const std::string home_ok = "[ok]    USERPROFILE is set";
#else
  env.set("PATH", "/usr/bin");
  const std::string cwd = "/home/u";
  const std::string fix = "export PATH=/usr/local/go/bin:\"$PATH\"";
  const std::string home_ok = "[ok]    HOME is set";
#endif
  AppOutput o = run_app({"doctor"}, env, disk, cwd);
  EXPECT_EQ(o.exit_code, 1) << o.out;
  EXPECT_NE(o.out.find("\xe2\x9c\x97 no go command on PATH  [go-not-found]"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(fix), std::string::npos) << o.out;
  o = run_app({"doctor", "--ascii"}, env, disk, cwd);
  EXPECT_NE(o.out.find("[error] no go command on PATH"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(home_ok), std::string::npos) << o.out;
}

}  // namespace
}  // namespace gs
