// doctor's --shell and the fix text's language, since the fix text shares
// the one Shell enum (issue 16): sh and posix still mean bash's commands, and
// zsh writes exactly what bash writes.
#include <gtest/gtest.h>

#include "segment/checks/fix_text.h"

namespace gs {
namespace {

TEST(FixText, ShellFlagTakesShAndPosixForBash) {
  Shell s = Shell::pwsh;
  for (std::string_view name : {"sh", "posix", "bash"}) {
    ASSERT_TRUE(parse_fix_shell(name, &s)) << name;
    EXPECT_EQ(s, Shell::bash) << name;
  }
  ASSERT_TRUE(parse_fix_shell("powershell", &s));
  EXPECT_EQ(s, Shell::pwsh);
  EXPECT_FALSE(parse_fix_shell("cmd", &s));
  EXPECT_FALSE(parse_fix_shell("", &s));
}

TEST(FixText, ZshWritesBashsCommands) {
  const Fixes bash{Shell::bash}, zsh{Shell::zsh};
  EXPECT_EQ(zsh.set_env("GOPATH", "/home/u/my go"), "export GOPATH='/home/u/my go'");
  EXPECT_EQ(zsh.set_env("GOPATH", "/home/u/my go"), bash.set_env("GOPATH", "/home/u/my go"));
  EXPECT_EQ(zsh.prepend_path("/usr/lib/go/bin"), "export PATH=/usr/lib/go/bin:\"$PATH\"");
  EXPECT_EQ(zsh.unset_env("GOROOT"), bash.unset_env("GOROOT"));
  EXPECT_EQ(zsh.profile_note("GOROOT"), bash.profile_note("GOROOT"));
}

}  // namespace
}  // namespace gs
