// The version managers' file readers (mise's TOML, .tool-versions, goenv's
// and asdf's version files, go.mod as a legacy file, .asdfrc, scoop's .shim,
// the shim scripts themselves), through the Disk seam: the first input byte
// picks the file, the rest is its content, on a home with each manager's
// shim and a few installed versions. Invariants: the manager is still
// recognised whatever the file says (when the file is not the shim
// itself), and nothing it reports spans two lines.
#include "segment/probe/managers/managers.h"
#include "tests/fake_disk.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

namespace {

const char kGoenvShim[] =
    "#!/usr/bin/env bash\nexport GOENV_ROOT=\"/home/u/.goenv\"\nexec \"/home/u/.goenv/libexec/goenv\" exec go \"$@\"\n";
const char kAsdfShim[] = "#!/usr/bin/env bash\n# asdf-plugin: golang 1.22.5\nexec asdf exec \"go\" \"$@\"\n";

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos; }

struct Scenario {
  const char* go_path;
  const char* file;     // where the input goes
  Manager manager;      // none: the file is the shim, anything may come out
};

const Scenario kScenarios[] = {
    {"/home/u/.local/share/mise/shims/go", "/home/u/work/mise.toml", Manager::mise},
    {"/home/u/.local/share/mise/shims/go", "/home/u/work/.tool-versions", Manager::mise},
    {"/home/u/.local/share/mise/shims/go", "/home/u/.config/mise/config.toml", Manager::mise},
    {"/home/u/.asdf/shims/go", "/home/u/work/.tool-versions", Manager::asdf},
    {"/home/u/.asdf/shims/go", "/home/u/work/.go-version", Manager::asdf},
    {"/home/u/.asdf/shims/go", "/home/u/work/go.mod", Manager::asdf},
    {"/home/u/.asdf/shims/go", "/home/u/.asdfrc", Manager::asdf},
    {"/home/u/.goenv/shims/go", "/home/u/work/.go-version", Manager::goenv},
    {"/home/u/.goenv/shims/go", "/home/u/work/go.mod", Manager::goenv},
    {"/home/u/.goenv/shims/go", "/home/u/.goenv/version", Manager::goenv},
    {"/scoop/shims/go", "/scoop/shims/go.shim", Manager::none},
    {"/home/u/.goenv/shims/go", "/home/u/.goenv/shims/go", Manager::none},
    {"/home/u/.asdf/shims/go", "/home/u/.asdf/shims/go", Manager::none},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Scenario& sc = kScenarios[data[0] % std::size(kScenarios)];
  std::string content(fuzz::as_view(data + 1, size - 1));

  FakeDisk disk(FakeDisk::Paths::posix);
  disk.add_dir("/home/u/work");
  disk.add_exe("/usr/bin/go", "go1.19.8");
  disk.add_exe("/home/u/.local/share/mise/shims/go", "#!mise");
  disk.add_exe("/home/u/.local/share/mise/installs/go/1.22.5/bin/go");
  disk.add_exe("/home/u/.asdf/shims/go", kAsdfShim);
  disk.add_exe("/home/u/.asdf/installs/golang/1.22.5/go/bin/go");
  disk.add_file("/home/u/.asdfrc", "legacy_version_file = yes\n");
  disk.add_exe("/home/u/.goenv/shims/go", kGoenvShim);
  disk.add_exe("/home/u/.goenv/versions/1.22.5/bin/go");
  disk.add_exe("/scoop/apps/go/1.22.5/bin/go");
  if (std::string(sc.file) == "/scoop/shims/go.shim") disk.add_exe("/scoop/shims/go", "MZ");
  disk.add_file(sc.file, content, sc.manager == Manager::none ? 0755 : 0644);

  Environ env;
  env.set("HOME", "/home/u");
  env.set("PATH", "/home/u/.goenv/shims:/usr/bin");
  if ((data[0] / std::size(kScenarios)) & 1) env.set("GOENV_GOMOD_VERSION_ENABLE", "1");
  ManagerInput in;
  in.env = &env;
  in.cwd = "/home/u/work";
  in.style = PathStyle::posix;
  in.go_path = sc.go_path;
  in.gos_on_path = {sc.go_path, "/usr/bin/go"};
  ManagerResult r = detect_manager(disk, in);
  if (sc.manager != Manager::none) FUZZ_CHECK(r.manager == sc.manager);
  FUZZ_CHECK(one_line(r.how) && one_line(r.root) && one_line(r.version) && one_line(r.selected_by));
  FUZZ_CHECK(one_line(r.go) && one_line(r.error) && one_line(r.install_fix));
  for (const auto& [k, v] : r.env) FUZZ_CHECK(one_line(k) && one_line(v));
  return 0;
}
