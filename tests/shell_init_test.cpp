#include "segment/shell/init.h"

#include <gtest/gtest.h>

#include "test_skip.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace gs {
namespace {

TEST(ShellInit, ParsesShellNames) {
  Shell s;
  ASSERT_TRUE(parse_shell("bash", &s));
  EXPECT_EQ(s, Shell::bash);
  ASSERT_TRUE(parse_shell("zsh", &s));
  EXPECT_EQ(s, Shell::zsh);
  ASSERT_TRUE(parse_shell("fish", &s));
  EXPECT_EQ(s, Shell::fish);
  ASSERT_TRUE(parse_shell("pwsh", &s));
  EXPECT_EQ(s, Shell::pwsh);
  ASSERT_TRUE(parse_shell("powershell", &s));
  EXPECT_EQ(s, Shell::pwsh);
  EXPECT_FALSE(parse_shell("sh", &s));
  EXPECT_FALSE(parse_shell("Bash", &s));
  EXPECT_FALSE(parse_shell("", &s));
  EXPECT_EQ(shell_name(Shell::pwsh), "pwsh");
}

TEST(ShellQuote, PosixKeepsEveryByteInsideSingleQuotes) {
  EXPECT_EQ(quote_posix(""), "''");
  EXPECT_EQ(quote_posix("go1.23 ✓"), "'go1.23 ✓'");
  EXPECT_EQ(quote_posix("a'b"), "'a'\\''b'");
  EXPECT_EQ(quote_posix("$(id) `id` \\ \"\n"), "'$(id) `id` \\ \"\n'");
  EXPECT_EQ(quote_posix(std::string("a\0b", 3)), "'ab'");
  EXPECT_EQ(quote_posix("\xff\x1b[31m"), "'\xff\x1b[31m'");
}

TEST(ShellQuote, FishEscapesBackslashQuoteAndRawBytes) {
  EXPECT_EQ(quote_fish(""), "''");
  EXPECT_EQ(quote_fish("go1.23 ✓"), "'go1.23 ✓'");
  EXPECT_EQ(quote_fish("a'b\\c"), "'a\\'b\\\\c'");
  EXPECT_EQ(quote_fish("$x (y) \"z\"\n"), "'$x (y) \"z\"\n'");
  EXPECT_EQ(quote_fish("a\xff"), "'a'\\XFF");
  EXPECT_EQ(quote_fish("\xc3(b"), "\\XC3'(b'");
  EXPECT_EQ(quote_fish("\xff\xfe"), "\\XFF\\XFE");
}

TEST(ShellQuote, PowerShellIsAsciiWithCharCodes) {
  EXPECT_EQ(quote_pwsh(""), "''");
  EXPECT_EQ(quote_pwsh("go1.23.4"), "'go1.23.4'");
  EXPECT_EQ(quote_pwsh("it's $env:X `n \"q\""), "'it''s $env:X `n \"q\"'");
  EXPECT_EQ(quote_pwsh("go ✓"), "('go ' + [char]0x2713)");
  // A leading [char] would make + add numbers: start from a string.
  EXPECT_EQ(quote_pwsh("✗"), "('' + [char]0x2717)");
  // Smart quotes are quote characters in PowerShell: never left raw.
  EXPECT_EQ(quote_pwsh("\xe2\x80\x98"), "('' + [char]0x2018)");
  EXPECT_EQ(quote_pwsh("\x1b[0m"), "('' + [char]0x001B + '[0m')");
  EXPECT_EQ(quote_pwsh("\xf3\xb0\x80\x81"), "[char]::ConvertFromUtf32(0xF0001)");
  EXPECT_EQ(quote_pwsh("a\xff"), "('a' + [char]0xFFFD)");
  std::string all;
  for (int c = 1; c < 256; c++) all += static_cast<char>(c);
  for (unsigned char c : quote_pwsh(all)) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << int(c);
}

TEST(ShellQuote, SplitsWordsLikeAShell) {
  std::vector<std::string> w;
  std::string err;
  ASSERT_TRUE(split_words("  --glyphs nerd\t--format '{version} {health}' \"a\\\"b\" c\\ d ", &w, &err));
  EXPECT_EQ(w, (std::vector<std::string>{"--glyphs", "nerd", "--format", "{version} {health}", "a\"b", "c d"}));
  ASSERT_TRUE(split_words("", &w, &err));
  EXPECT_TRUE(w.empty());
  ASSERT_TRUE(split_words("''", &w, &err));
  EXPECT_EQ(w, (std::vector<std::string>{""}));
  EXPECT_FALSE(split_words("--format 'x", &w, &err));
  EXPECT_NE(err.find("unterminated"), std::string::npos);
  EXPECT_FALSE(split_words("\"x", &w, &err));
}

TEST(ShellExport, WritesThreeExportedVariables) {
  EXPECT_EQ(render_export(Shell::bash, "go1.23 ✓", "ok", "go1.23.4"),
            "export POSH_GOSTATUS='go1.23 ✓'\n"
            "export POSH_GOSTATUS_HEALTH='ok'\n"
            "export POSH_GOSTATUS_VERSION='go1.23.4'\n");
  EXPECT_EQ(render_export(Shell::zsh, "", "warn", ""),
            "export POSH_GOSTATUS=''\n"
            "export POSH_GOSTATUS_HEALTH='warn'\n"
            "export POSH_GOSTATUS_VERSION=''\n");
  EXPECT_EQ(render_export(Shell::fish, "a'b", "error", "go1.21.0"),
            "set -gx POSH_GOSTATUS 'a\\'b'\n"
            "set -gx POSH_GOSTATUS_HEALTH 'error'\n"
            "set -gx POSH_GOSTATUS_VERSION 'go1.21.0'\n");
  EXPECT_EQ(render_export(Shell::pwsh, "go ✓", "ok", "go1.23.4"),
            "$env:POSH_GOSTATUS = ('go ' + [char]0x2713)\n"
            "$env:POSH_GOSTATUS_HEALTH = 'ok'\n"
            "$env:POSH_GOSTATUS_VERSION = 'go1.23.4'\n");
}

TEST(ShellInitScript, CallsTheBinaryByAbsolutePathWithFlags) {
  InitOptions o;
  o.self = "/opt/go status/bin/gostatus";
  o.extra_args = "--glyphs nerd --format '{version} x'";
  std::string bash = render_init(Shell::bash, o);
  EXPECT_NE(bash.find("command '/opt/go status/bin/gostatus' --export bash --with-deps '--glyphs' 'nerd' "
                      "'--format' '{version} x'"),
            std::string::npos)
      << bash;
  EXPECT_NE(render_init(Shell::zsh, o).find("command '/opt/go status/bin/gostatus' --export zsh"),
            std::string::npos);
  EXPECT_NE(render_init(Shell::fish, o).find("command '/opt/go status/bin/gostatus' --export fish"),
            std::string::npos);
  std::string pwsh = render_init(Shell::pwsh, o);
  EXPECT_NE(pwsh.find("& '/opt/go status/bin/gostatus' '--export' 'pwsh' '--with-deps' '--glyphs' 'nerd'"),
            std::string::npos)
      << pwsh;
  o.self.clear();
  EXPECT_NE(render_init(Shell::bash, o).find("command 'gostatus' --export bash"), std::string::npos);
  o.extra_argv = {"--style", "plain"};
  EXPECT_NE(render_init(Shell::bash, o).find("--export bash --with-deps '--style' 'plain' 2>"),
            std::string::npos);
  o.extra_argv.clear();
  o.extra_args = "--format 'open";
  std::string err;
  EXPECT_EQ(render_init(Shell::bash, o, &err), "");
  EXPECT_FALSE(err.empty());
}

TEST(ShellInitScript, PowerShellHookKeepsTheOhMyPoshContract) {
  InitOptions o;
  o.self = "C:\\Users\\Zo\xc3\xab\\bin\\gostatus.exe";
  std::string s = render_init(Shell::pwsh, o);
  for (unsigned char c : s) EXPECT_TRUE(c == '\n' || (c >= 0x20 && c < 0x7F)) << int(c);
  EXPECT_NE(s.find("& ('C:\\Users\\Zo' + [char]0x00EB + '\\bin\\gostatus.exe') '--export' 'pwsh'"),
            std::string::npos)
      << s;
  for (const char* needle :
       {"function global:Update-GostatusEnv", "function global:Set-GostatusPoshContext",
        "Set-Alias -Name Set-PoshContext -Value Set-GostatusPoshContext -Scope Global -Force",
        "Get-Alias -Name Set-PoshContext", "& $global:_gostatus_prev_context @args",
        "$global:LASTEXITCODE = $gostatusCode", "Write-Error '' -ErrorAction Ignore",
        "Get-Module -Name oh-my-posh-core", "$env:POSH_GOSTATUS = $null",
        "$env:POSH_GOSTATUS_HEALTH = $null", "$env:POSH_GOSTATUS_VERSION = $null"}) {
    EXPECT_NE(s.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(s.find("the Go environment has errors"), std::string::npos);
  o.notify = true;
  EXPECT_NE(render_init(Shell::pwsh, o).find("the Go environment has errors"), std::string::npos);
}

TEST(ShellInitScript, NotifyAndAlwaysChangeOnlyTheirParts) {
  InitOptions o;
  std::string plain = render_init(Shell::bash, o);
  EXPECT_NE(plain.find("case $- in *i*)"), std::string::npos);
  EXPECT_EQ(plain.find("gostatus doctor"), std::string::npos);
  o.notify = true;
  EXPECT_NE(render_init(Shell::bash, o).find("gostatus doctor"), std::string::npos);
  EXPECT_NE(render_init(Shell::zsh, o).find("gostatus doctor"), std::string::npos);
  EXPECT_NE(render_init(Shell::fish, o).find("status is-interactive"), std::string::npos);
  o.always = true;
  EXPECT_EQ(render_init(Shell::bash, o).find("case $- in *i*)"), std::string::npos);
  EXPECT_EQ(render_init(Shell::zsh, o).find("-o interactive"), std::string::npos);
  EXPECT_EQ(render_init(Shell::fish, o).find("status is-interactive"), std::string::npos);
}

TEST(ShellInitHelp, NamesEveryShellAndThemeFile) {
  std::string h = init_help();
  for (const char* needle :
       {"eval \"$(gostatus init bash)\"", "eval \"$(gostatus init zsh)\"",
        "gostatus init fish | source", "Invoke-Expression (& gostatus init pwsh | Out-String)",
        "themes/oh-my-posh/gostatus.omp.json", "themes/oh-my-posh/segment-env.omp.json",
        "themes/oh-my-posh/segment-cmd.omp.json", "themes/starship/env-var.toml",
        "themes/starship/custom.toml", "themes/windows-terminal/gostatus.json",
        "%LOCALAPPDATA%\\Microsoft\\Windows Terminal\\Fragments\\gostatus\\", "--notify"}) {
    EXPECT_NE(h.find(needle), std::string::npos) << needle;
  }
}

// ---------------------------------------------------------------------------
// The real shells evaluate what render_export and render_init print.

#if !defined(_WIN32)

bool have(const char* shell) {
  std::string cmd = std::string("command -v ") + shell + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content) {
    char tmpl[] = "/tmp/gostatus-shell-init-XXXXXX";
    int fd = mkstemp(tmpl);
    path = tmpl;
    if (fd >= 0) {
      size_t off = 0;
      while (off < content.size()) {
        ssize_t n = write(fd, content.data() + off, content.size() - off);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      close(fd);
    }
  }
  ~TempFile() { unlink(path.c_str()); }
};

// Runs cmd, returns its stdout; *status gets the exit status.
std::string run(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  return out;
}

std::vector<std::string> nasty_values() {
  std::string all;
  for (int c = 1; c < 256; c++) all += static_cast<char>(c);
  return {"",
          "go1.23.4 \xee\x98\xa7 \xe2\x9c\x93 GOROOT \xe2\x9c\x97",
          "'",
          "''\\''",
          "\\",
          "a\\'b\\\\",
          "$(touch /tmp/gostatus-pwned) `touch /tmp/gostatus-pwned` ${HOME} $HOME",
          "line1\nline2\n",
          "\r\t\x1b[31mred\x1b[0m",
          "\xff\xfe invalid \xc3( \xed\xa0\x80",
          "\xf3\xb0\x80\x81 nerd plane 15",
          "%s %n %% \"q\" ;| & < > * ? [a] {a,b} ~ # !",
          all};
}

std::string without_nul(std::string s) {
  std::string out;
  for (char c : s)
    if (c) out += c;
  return out;
}

void round_trip(Shell shell, const char* exe, const std::string& print_cmd) {
  if (!have(exe)) GS_SKIP_MISSING() << exe << " is not installed";
  for (const std::string& v : nasty_values()) {
    TempFile f(render_export(shell, v, "warn", v));
    int st = -1;
    std::string cmd = print_cmd;
    size_t at = cmd.find("@F@");
    cmd.replace(at, 3, f.path);
    std::string got = run(cmd, &st);
    EXPECT_EQ(st, 0) << cmd;
    EXPECT_EQ(got, without_nul(v) + "|warn|" + without_nul(v)) << "value: " << v;
  }
  EXPECT_NE(access("/tmp/gostatus-pwned", F_OK), 0) << "a value was executed";
}

TEST(ShellExportInRealShells, BashReadsBackEveryByte) {
  round_trip(Shell::bash, "bash",
             "bash --norc --noprofile -c '. \"$1\" && env | grep -q ^POSH_GOSTATUS_HEALTH= && "
             "printf %s \"$POSH_GOSTATUS|$POSH_GOSTATUS_HEALTH|$POSH_GOSTATUS_VERSION\"' _ @F@");
}

TEST(ShellExportInRealShells, ZshReadsBackEveryByte) {
  round_trip(Shell::zsh, "zsh",
             "zsh -f -c '. \"$1\" && env | grep -q ^POSH_GOSTATUS_HEALTH= && "
             "print -rn -- \"$POSH_GOSTATUS|$POSH_GOSTATUS_HEALTH|$POSH_GOSTATUS_VERSION\"' _ @F@");
}

TEST(ShellExportInRealShells, FishReadsBackEveryByte) {
  // Through the environment: what a child process (Oh My Posh, starship)
  // receives, byte for byte.
  round_trip(Shell::fish, "fish",
             "fish --no-config -c 'source $argv[1]; and sh -c \"printf %s \\\"\\$POSH_GOSTATUS|"
             "\\$POSH_GOSTATUS_HEALTH|\\$POSH_GOSTATUS_VERSION\\\"\"' @F@");
}

TEST(ShellInitInRealShells, ScriptsParse) {
  InitOptions o;
  o.self = "/opt/it's here/gostatus";
  o.extra_args = "--format '$x `y` \"z\"'";
  std::string missing;
  for (bool notify : {false, true}) {
    for (bool always : {false, true}) {
      o.notify = notify;
      o.always = always;
      o.no_skip = notify && !always;
      struct {
        Shell shell;
        const char* exe;
        const char* check;
      } cases[] = {{Shell::bash, "bash", "bash -n "},
                   {Shell::zsh, "zsh", "zsh -n "},
                   {Shell::fish, "fish", "fish --no-config -n "}};
      for (auto& c : cases) {
        if (!have(c.exe)) {
          if (missing.find(c.exe) == std::string::npos) missing += std::string(" ") + c.exe;
          continue;
        }
        TempFile f(render_init(c.shell, o));
        int st = -1;
        run(std::string(c.check) + f.path + " 2>&1", &st);
        EXPECT_EQ(st, 0) << c.exe << " notify=" << notify << " always=" << always;
      }
    }
  }
  if (!missing.empty()) GS_SKIP_MISSING() << "not installed, so not checked:" << missing;
}

#endif  // !_WIN32

}  // namespace
}  // namespace gs
