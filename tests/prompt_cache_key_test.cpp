// The prompt cache's key: every input go's answer depends on must be in it,
// or a cached line outlives the input that changed it.
#include <gtest/gtest.h>

#include "segment/cli/prompt_answer.h"

namespace gs {
namespace {

cache::Key key_with(std::vector<std::pair<std::string, std::string>> vars) {
  Environ env(std::move(vars));
  ProbeInput in;
  in.env = &env;
  in.cwd = "/tmp/m";
  in.host_goos = "linux";
  in.host_goarch = "amd64";
  return answer_key(in, RenderOptions{}, Shell::bash);
}

// go ignores a go.mod in os.TempDir() (TMPDIR; Windows TMP, TEMP), so the
// same directory can be a module or not depending on these.
TEST(PromptCacheKey, TempDirVariablesChangeTheKey) {
  const cache::Key plain = key_with({{"PATH", "/usr/bin"}});
  for (const char* var : {"TMPDIR", "TMP", "TEMP"}) {
    EXPECT_NE(key_with({{"PATH", "/usr/bin"}, {var, "/tmp/m"}}), plain) << var;
    EXPECT_TRUE(key_relevant_var(var)) << var;
  }
}

TEST(PromptCacheKey, UnrelatedVariablesDoNotChangeTheKey) {
  EXPECT_EQ(key_with({{"PATH", "/usr/bin"}, {"EDITOR", "vi"}}), key_with({{"PATH", "/usr/bin"}}));
}

// The key holds the language fixes are written in: bash and zsh share one
// (POSIX sh), so they share an entry; fish and pwsh do not.
TEST(PromptCacheKey, FixShellJoinsTheKeyByItsLanguage) {
  Environ env(std::vector<std::pair<std::string, std::string>>{{"PATH", "/usr/bin"}});
  ProbeInput in;
  in.env = &env;
  in.cwd = "/tmp/m";
  in.host_goos = "linux";
  in.host_goarch = "amd64";
  const cache::Key bash = answer_key(in, RenderOptions{}, Shell::bash);
  EXPECT_EQ(answer_key(in, RenderOptions{}, Shell::zsh), bash);
  EXPECT_NE(answer_key(in, RenderOptions{}, Shell::fish), bash);
  EXPECT_NE(answer_key(in, RenderOptions{}, Shell::pwsh), bash);
  EXPECT_NE(answer_key(in, RenderOptions{}, Shell::pwsh), answer_key(in, RenderOptions{}, Shell::fish));
}

}  // namespace
}  // namespace gs
