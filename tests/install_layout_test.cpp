#include "segment/cli/install_layout.h"

#include <gtest/gtest.h>

#include "tests/fake_disk.h"

namespace gs {
namespace {

TEST(InstallLayout, PrefixShareFromBin) {
  FakeDisk disk(FakeDisk::Paths::posix);
  disk.add_exe("/usr/bin/gostatus");
  disk.add_dir("/usr/share/gostatus/themes/oh-my-posh");
  EXPECT_EQ(installed_themes_dir(disk, "/usr/bin/gostatus", PathStyle::posix), "/usr/share/gostatus/themes");
  const std::string help = installed_themes_help(disk, "/usr/bin/gostatus", PathStyle::posix);
  EXPECT_NE(help.find("/usr/share/gostatus/themes/oh-my-posh/gostatus.omp.json"), std::string::npos) << help;
}

TEST(InstallLayout, FlatWindowsZip) {
  FakeDisk disk(FakeDisk::Paths::windows);
  disk.add_exe("C:\\Users\\me\\scoop\\apps\\gostatus\\current\\gostatus.exe");
  disk.add_dir("C:\\Users\\me\\scoop\\apps\\gostatus\\current\\themes");
  EXPECT_EQ(installed_themes_dir(disk, "C:\\Users\\me\\scoop\\apps\\gostatus\\current\\gostatus.exe", PathStyle::windows),
            "C:\\Users\\me\\scoop\\apps\\gostatus\\current\\themes");
}

TEST(InstallLayout, NoneBesideABuildTree) {
  FakeDisk disk(FakeDisk::Paths::posix);
  disk.add_exe("/src/gostatus/build/gostatus");
  EXPECT_EQ(installed_themes_dir(disk, "/src/gostatus/build/gostatus", PathStyle::posix), "");
  EXPECT_NE(installed_themes_help(disk, "/src/gostatus/build/gostatus", PathStyle::posix).find("No themes are installed"),
            std::string::npos);
  EXPECT_EQ(installed_themes_dir(disk, "", PathStyle::posix), "");
}

}  // namespace
}  // namespace gs
