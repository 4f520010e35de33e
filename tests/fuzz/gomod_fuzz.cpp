// The go.mod and go.work readers (gover.GoModLookup and what
// toolchain.Select reads), through the Disk seam as the probe uses them.
// The first input byte chooses the file (go.mod or go.work) and GOTOOLCHAIN;
// the rest is the file. Invariants: a looked-up value is trimmed, one line,
// without a comment, and is what the file's own line says; Select reads the
// same values through the disk; nothing Select reports spans two lines (it
// ends up in the prompt or in doctor's one-line findings).
#include "segment/probe/modules.h"
#include "tests/fake_disk.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

namespace {

void check_lookup(std::string_view file, std::string_view key) {
  std::string v = go_mod_lookup(file, key);
  if (v.empty()) return;
  FUZZ_CHECK(v.find('\n') == std::string::npos && v.find("//") == std::string::npos);
  FUZZ_CHECK(v.front() != ' ' && v.front() != '\t' && v.back() != ' ' && v.back() != '\t' && v.back() != '\r');
  FUZZ_CHECK(file.find(v) != std::string_view::npos && file.find(key) != std::string_view::npos);
}

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  std::string_view file = fuzz::as_view(data + 1, size - 1);
  check_lookup(file, "go");
  check_lookup(file, "toolchain");

  FakeDisk disk(FakeDisk::Paths::posix);
  disk.add_dir("/w/proj/sub");
  const bool work = mode & 1;
  disk.add_file(work ? "/w/go.work" : "/w/proj/go.mod", std::string(file));
  if (work) disk.add_file("/w/proj/go.mod", "module m\n\ngo 1.21\n");
  disk.add_exe("/usr/bin/go1.99.0", "#!exe");

  static const char* const kToolchains[] = {"auto", "path", "local", "go1.22.0+auto", "go1.30.0+path", "local+auto"};
  SelectInput in;
  in.module.cwd = "/w/proj/sub";
  in.module.goroot = "/usr/lib/go";
  in.module.temp_dir = "/tmp";
  in.module.go_version = (mode & 2) ? "go1.21.0" : "go1.23.4";
  in.module.style = PathStyle::posix;
  in.gotoolchain = kToolchains[(mode >> 2) % 6];
  in.path_env = "/usr/bin";
  in.gomodcache = "/gomodcache";
  in.goos = "linux";
  in.goarch = "amd64";

  ToolchainFile t = mod_go_toolchain(disk, in.module);
  FUZZ_CHECK(t.file == (work ? "/w/go.work" : "/w/proj/go.mod"));
  FUZZ_CHECK(t.fatal.empty());
  FUZZ_CHECK(t.go == go_mod_lookup(file, "go") && t.toolchain == go_mod_lookup(file, "toolchain"));

  ToolchainChoice c = select_toolchain(disk, in);
  FUZZ_CHECK(one_line(c.name) && one_line(c.binary) && one_line(c.reason));
  FUZZ_CHECK(one_line(c.fatal) && one_line(c.build_error));
  FUZZ_CHECK(!outcome_name(c.outcome).empty());
  ModuleContext mc = module_context(disk, in.module);
  FUZZ_CHECK(mc.fatal.empty() && mc.gomod == "/w/proj/go.mod");
  return 0;
}
