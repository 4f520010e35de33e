// How a unit test that cannot run here says so.
//
//   GS_SKIP_MISSING() << "zsh is not installed";
//
// skips the test with that reason, except under CI (CI=true), where a tool
// the test needs is installed by scripts/deps.sh test, so its absence is a
// failure: a skip in CI would hide a test that never ran.
//
//   GS_SKIP_AS_ROOT() << "root reads files whatever their mode";
//
// skips a permission test when the process runs as root; ctest's
// unit.unprivileged (tests/unprivileged.sh) runs the same binary as nobody,
// where these tests do run. It is a skip in CI too, not a failure.
//
// Platform limitations (Wine cannot do X) keep using GTEST_SKIP().
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace gs::test {

inline bool in_ci() {
  const char* v = std::getenv("CI");
  if (v == nullptr) return false;
  const std::string s(v);
  return s == "true" || s == "TRUE" || s == "True" || s == "1";
}

inline ::testing::TestPartResult::Type missing_tool_result() {
  return in_ci() ? ::testing::TestPartResult::kFatalFailure : ::testing::TestPartResult::kSkip;
}

inline const char* missing_tool_prefix() {
  return in_ci() ? "CI=true, so a missing tool fails the test: " : "";
}

}  // namespace gs::test

// GTEST_SKIP() is `return GTEST_MESSAGE_(msg, kSkip)`; this picks the kind.
#define GS_SKIP_MISSING() \
  return GTEST_MESSAGE_(::gs::test::missing_tool_prefix(), ::gs::test::missing_tool_result())

#define GS_SKIP_AS_ROOT() \
  GTEST_SKIP() << "runs as nobody in ctest's unit.unprivileged, not as root: "
