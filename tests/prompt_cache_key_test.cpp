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
  return answer_key(in, RenderOptions{}, FixShell::posix);
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

}  // namespace
}  // namespace gs
