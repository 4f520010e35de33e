#include "segment/cli/cmd_init.h"

#include "segment/cli/install_layout.h"
#include "util/self_path.h"

namespace gs {

AppOutput cmd_init(const std::vector<std::string>& args, Disk& disk) {
  AppOutput out;
  InitOptions io;
  Shell shell{};
  bool have_shell = false;
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      out.out = init_help() + installed_themes_help(disk, self_exe_path());
      return out;
    }
    if (a == "--notify") io.notify = true;
    else if (a == "--always") io.always = true;
    else if (a == "--no-skip") io.no_skip = true;
    else if (!have_shell && a.size() && a[0] != '-') {
      if (!parse_shell(a, &shell)) {
        out.err = "gostatus init: unknown shell " + a + " (bash, zsh, fish or pwsh)\n";
        out.exit_code = 2;
        return out;
      }
      have_shell = true;
    } else {
      io.extra_argv.push_back(a);
    }
  }
  if (!have_shell) {
    out.err = init_help();
    out.exit_code = 2;
    return out;
  }
  io.self = self_exe_path();
  std::string err;
  out.out = render_init(shell, io, &err);
  if (!err.empty()) {
    out.err = "gostatus init: " + err + "\n";
    out.exit_code = 2;
  }
  return out;
}

}  // namespace gs
