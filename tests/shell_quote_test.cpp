// The one quoting module's two forms, where they differ: code a shell
// evaluates (quote_posix, quote_pwsh) against fix text a person pastes
// (quote_readable). doctor's fixes were quoted by a second copy of these
// rules until issue 16; these pin its output.
#include <gtest/gtest.h>

#include "segment/shell/quote.h"

namespace gs {
namespace {

TEST(QuoteReadable, PlainWordsStayBareForPosixShells) {
  for (Shell sh : {Shell::bash, Shell::zsh, Shell::fish}) {
    EXPECT_EQ(quote_readable(sh, "/usr/lib/go-1.21/bin"), "/usr/lib/go-1.21/bin") << shell_name(sh);
    EXPECT_EQ(quote_readable(sh, "GOPATH=/home/u/go"), "GOPATH=/home/u/go") << shell_name(sh);
    EXPECT_EQ(quote_readable(sh, "a+b,c:d@e%f"), "a+b,c:d@e%f") << shell_name(sh);
  }
  // quote_posix quotes every word, for code that is evaluated.
  EXPECT_EQ(quote_posix("/usr/lib/go"), "'/usr/lib/go'");
}

// Anything else is quoted like quote_posix. PowerShell quotes even a plain
// word and keeps non-ASCII as it is, where quote_pwsh (for the hook) writes
// an ASCII expression.
TEST(QuoteReadable, QuotedForms) {
  const struct {
    Shell shell;
    std::string_view in, want;
  } cases[] = {
      {Shell::bash, "", "''"},
      {Shell::bash, "/home/u/my go", "'/home/u/my go'"},
      {Shell::bash, "it's", "'it'\\''s'"},
      {Shell::bash, "~/go", "'~/go'"},
      {Shell::bash, "C:\\Go", "'C:\\Go'"},
      {Shell::bash, "/home/\xc3\xa9/go", "'/home/\xc3\xa9/go'"},
      {Shell::fish, "$HOME/go", "'$HOME/go'"},
      {Shell::pwsh, "C:\\Program Files\\Go\\bin", "'C:\\Program Files\\Go\\bin'"},
      {Shell::pwsh, "C:\\Users\\O'Neil\\go", "'C:\\Users\\O''Neil\\go'"},
      {Shell::pwsh, "", "''"},
      {Shell::pwsh, "go", "'go'"},
      {Shell::pwsh, "C:\\Users\\\xc3\xa9", "'C:\\Users\\\xc3\xa9'"},
  };
  for (const auto& c : cases) EXPECT_EQ(quote_readable(c.shell, c.in), c.want) << shell_name(c.shell) << " " << c.in;
  EXPECT_EQ(quote_pwsh("C:\\Users\\\xc3\xa9"), "('C:\\Users\\' + [char]0x00E9)");
}

TEST(CommandLanguage, ZshWritesCommandsLikeBash) {
  EXPECT_EQ(command_language(Shell::zsh), Shell::bash);
  EXPECT_EQ(command_language(Shell::bash), Shell::bash);
  EXPECT_EQ(command_language(Shell::fish), Shell::fish);
  EXPECT_EQ(command_language(Shell::pwsh), Shell::pwsh);
}

}  // namespace
}  // namespace gs
