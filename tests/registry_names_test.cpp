// Environment names in the registry's Environment keys ignore case on every
// host gostatus is tested on: the registry reader once had its own
// case-insensitive name_eq while Environ compares exactly off Windows; both
// now use util/environ's windows_name_eq. These tests pin that a Linux run of
// the registry rules still folds case, as Windows does.
#include "segment/probe/registry.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

TEST(RegistryNames, LookupAndPathCompositionIgnoreCase) {
  RegistryEnv reg;
  reg.available = true;
  reg.machine = {RegistryValue{"Path", "C:\\Windows", false}, RegistryValue{"GoRoot", "C:\\Go", false}};
  reg.user = {RegistryValue{"PATH", "C:\\Users\\u\\go\\bin", false}};
  Environ current;
  EXPECT_EQ(new_session_value(reg, current, "GOROOT"), "C:\\Go");
  // Machine Path then user PATH, joined: the two spellings are one variable.
  EXPECT_EQ(new_session_value(reg, current, "path"), "C:\\Windows;C:\\Users\\u\\go\\bin");
}

TEST(RegistryNames, WindowsNameEqFoldsAsciiCaseOnly) {
  EXPECT_TRUE(windows_name_eq("NoDefaultCurrentDirectoryInExePath", "NODEFAULTCURRENTDIRECTORYINEXEPATH"));
  EXPECT_FALSE(windows_name_eq("PATH", "PATHEXT"));
  EXPECT_FALSE(windows_name_eq("GO\xc3\x89", "GO\xc3\xa9"));  // non-ASCII bytes compare as they are
}

}  // namespace
}  // namespace gs
