// gostatus: the Go environment's health in one prompt line, computed from
// files (never by running go). Flags are parsed into a plain Options struct
// and each subcommand is a function, as ninja does.
#include <cstring>
#include <string>
#include <vector>

#include "segment/envcmd.h"
#include "segment/environ.h"
#include "segment/probe.h"
#include "util/disk.h"
#include "util/output.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace gs {
namespace {

std::string current_dir(const Environ& env) {
#if defined(_WIN32)
  wchar_t buf[32768];
  DWORD n = GetCurrentDirectoryW(32768, buf);
  if (n == 0 || n >= 32768) return "";
  int len = WideCharToMultiByte(CP_UTF8, 0, buf, static_cast<int>(n), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<size_t>(len), '\0');
  WideCharToMultiByte(CP_UTF8, 0, buf, static_cast<int>(n), out.data(), len, nullptr, nullptr);
  return out;
#else
  // os.Getwd: $PWD when it names the current directory (keeps the user's
  // spelling through symlinks), else getcwd.
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return env.get("PWD");
  std::string pwd = env.get("PWD");
  if (!pwd.empty() && pwd[0] == '/') {
    FileStat a = real_disk().stat(pwd), b = real_disk().stat(buf);
    if (a.exists() && a.dev == b.dev && a.ino == b.ino) return pwd;
  }
  return buf;
#endif
}

int usage(bool error) {
  static const char text[] =
      "usage: gostatus [command] [flags]\n"
      "\n"
      "Commands:\n"
      "  env [-json] NAME...   print go env values, computed without running go\n"
      "  doctor                report the Go environment and where each value came from\n"
      "  help                  this text\n";
  (error ? write_stderr : write_stdout)(text);
  return error ? 2 : 0;
}

int cmd_env(const std::vector<std::string>& args, const ProbeInput& in) {
  EnvCmdOutput o = run_env_cmd(args, real_disk(), in);
  write_stderr(o.err);
  write_stdout(o.out);
  return o.exit_code;
}

}  // namespace

int main_impl(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Environ env = Environ::current();
  ProbeInput in;
  in.env = &env;
  in.cwd = current_dir(env);
  if (args.empty()) return usage(true);
  const std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "env") return cmd_env(rest, in);
  if (cmd == "help" || cmd == "-h" || cmd == "--help") return usage(false);
  return usage(true);
}

}  // namespace gs

int main(int argc, char** argv) { return gs::main_impl(argc, argv); }
