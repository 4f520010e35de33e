#include "segment/cli/app.h"

#include <fmt/format.h>

#include <algorithm>
#include <new>

#include "segment/cli/cmd_bench.h"
#include "segment/cli/cmd_buildinfo.h"
#include "segment/cli/cmd_env.h"
#include "segment/checks/findings.h"
#include "segment/shell/hook_check.h"
#include "segment/cli/install_layout.h"
#include "segment/probe/probe.h"
#include "segment/cli/prompt_answer.h"
#include "segment/render/render.h"
#include "segment/shell/init.h"
#include "util/self_path.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace gs {

#if !defined(_WIN32)
namespace {

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// os.Getwd's walk up through "..", "../..", ... (go1.24+, when getcwd's
// answer is longer than a page): the path, or *err in go's words.
std::string walk_up_getwd(std::string* err) {
  struct stat dot, root;
  if (::stat(".", &dot) != 0) {
    *err = "stat .: " + std::string(errno == EACCES ? "permission denied" : "no such file or directory");
    return "";
  }
  if (::stat("/", &root) != 0) {
    *err = "stat /: permission denied";
    return "";
  }
  if (same_file(root, dot)) return "/";
  std::string dir;
  for (std::string parent = ".."; ; parent = "../" + parent) {
    if (parent.size() >= 1024) {
      *err = "getwd: file name too long";
      return "";
    }
    DIR* d = ::opendir(parent.c_str());
    if (!d) {
      *err = "open " + parent + ": " + (errno == EACCES ? "permission denied" : "no such file or directory");
      return "";
    }
    bool found = false;
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      struct stat st;
      if (::lstat((parent + "/" + name).c_str(), &st) == 0 && same_file(st, dot)) {
        dir = "/" + name + dir;
        found = true;
        break;
      }
    }
    struct stat pd;
    bool pd_ok = ::fstat(::dirfd(d), &pd) == 0;
    ::closedir(d);
    if (!found) {
      *err = "getwd: file name too long";  // Readdirnames ran out: go's "most sensible error"
      return "";
    }
    if (!pd_ok) {
      *err = "getwd: file name too long";
      return "";
    }
    if (same_file(pd, root)) break;
    dot = pd;
  }
  return dir;
}

}  // namespace
#endif

std::string current_dir(const Environ& env, Disk& disk, CwdFacts* facts) {
#if defined(_WIN32)
  (void)disk;
  (void)env;
  (void)facts;
  wchar_t buf[32768];
  DWORD n = GetCurrentDirectoryW(32768, buf);
  if (n == 0 || n >= 32768) return "";
  int len = WideCharToMultiByte(CP_UTF8, 0, buf, static_cast<int>(n), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<size_t>(len), '\0');
  WideCharToMultiByte(CP_UTF8, 0, buf, static_cast<int>(n), out.data(), len, nullptr, nullptr);
  return out;
#else
  // os.Getwd: $PWD when it names the current directory (it keeps the
  // user's spelling through symlinks), else getcwd.
  CwdFacts local;
  CwdFacts& f = facts ? *facts : local;
  f = CwdFacts{};
  std::string pwd = env.get("PWD");
  f.pwd_abs = !pwd.empty() && pwd[0] == '/';
  // go stats "." first (go1.24+: only with an absolute $PWD): a directory
  // this user cannot search fails there.
  struct stat dot;
  if (::stat(".", &dot) != 0) f.dot_errno = errno;
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) {
    f.getcwd_errno = errno == ERANGE ? ENAMETOOLONG : errno;
    if (f.pwd_abs && f.dot_errno == 0) {
      struct stat p;
      if (::stat(pwd.c_str(), &p) == 0 && same_file(p, dot)) {
        f.pwd_matched = true;
        return pwd;
      }
    }
    if (f.getcwd_errno == ENAMETOOLONG && f.dot_errno == 0) return walk_up_getwd(&f.walk_error);
    return "";
  }
  // The usual case, $PWD spelled as getcwd spells it, needs no more stats:
  // either way the answer is that string.
  if (pwd == buf) {
    f.pwd_matched = f.dot_errno == 0;
    return pwd;
  }
  if (f.pwd_abs) {
    FileStat a = disk.stat(pwd), b = disk.stat(buf);
    if (a.exists() && a.dev == b.dev && a.ino == b.ino) {
      f.pwd_matched = f.dot_errno == 0;
      return pwd;
    }
  }
  return buf;
#endif
}

namespace {

enum class Command { prompt, doctor, json, env, help, version, exports, init, cache_info, cache_clear, debug_buildinfo };

struct Options {
  Command command = Command::prompt;
  RenderOptions render;
  bool shell_set = false;
  FixShell shell = FixShell::posix;
  bool strict = false;
  bool ascii = false;
  bool ascii_set = false;
  bool no_cache = false;
  bool with_deps = false;  // --export: also the hook's skip check
  Shell export_shell = Shell::bash;
  std::vector<std::string> rest;  // env's names; init's arguments
};

constexpr std::string_view kUsage =
    "usage: gostatus [flags]            print the prompt line\n"
    "       gostatus doctor [--strict]  explain every check, with evidence and fixes\n"
    "       gostatus --json             the full report as JSON (schema 1)\n"
    "       gostatus env [-json] NAME...  go env values, computed without running go\n"
    "       gostatus init bash|zsh|fish|pwsh [--notify] [--no-skip] [prompt flags]  the prompt hook\n"
    "       gostatus --export SHELL [prompt flags]  shell code setting POSH_GOSTATUS*\n"
    "       gostatus cache info|clear  the answer cache\n"
    "       gostatus --bench [--json] [-n N] [prompt flags]  what the prompt costs here\n"
    "\n"
    "Prompt flags:\n"
    "  --glyphs nerd|unicode|ascii   marks for unhealthy areas (default unicode)\n"
    "  --style plain|omp|ansi        colour: none, Oh-My-Posh markup, or ANSI (NO_COLOR wins)\n"
    "  --format STR                  placeholders {icon} {version} {mark} {issues} {health}\n"
    "                                {goroot} {gopath} {path} {module} {config} {session}\n"
    "  --no-cache                    compute from scratch; neither read nor write the cache\n"
    "Doctor flags:\n"
    "  --strict                      exit 1 on warnings too\n"
    "  --shell sh|fish|pwsh          the shell to write fixes for\n"
    "  --ascii                       [ok]/[warn]/[error] instead of \xe2\x9c\x93/\xe2\x9a\xa0/\xe2\x9c\x97\n"
    "\n";

// Flags that take their value as the next argument (or after '=').
bool takes_value(std::string_view a) {
  return a == "--glyphs" || a == "--style" || a == "--format" || a == "--shell" || a == "--export";
}

bool is_command_word(std::string_view a) {
  return a == "doctor" || a == "env" || a == "init" || a == "cache" || a == "debug" || a == "help";
}

// Parses the flags in args[from, to). Every flag is looked at; the first
// problem is reported in *err (the prompt line ignores it and still prints).
void parse_flags(const std::vector<std::string>& args, size_t from, size_t to, Options* o, std::string* err) {
  auto fail = [&](std::string e) {
    if (err->empty()) *err = std::move(e);
  };
  // A command named by its word is not changed by a mode flag before it.
  const bool by_word = o->command == Command::env || o->command == Command::init ||
                       o->command == Command::cache_info || o->command == Command::cache_clear ||
                       o->command == Command::debug_buildinfo;
  for (size_t i = from; i < to; ++i) {
    std::string a = args[i];
    std::string v;
    size_t eq = a.find('=');
    bool inline_value = a.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      v = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    if (takes_value(a) && !inline_value) {
      if (i + 1 >= to) {
        fail(fmt::format("gostatus: {} needs a value", a));
        continue;
      }
      v = args[++i];
    }
    if (a == "--glyphs") {
      if (!parse_glyphs(v, &o->render.glyphs)) fail("gostatus: --glyphs takes nerd, unicode or ascii");
    } else if (a == "--style") {
      if (!parse_style(v, &o->render.style)) fail("gostatus: --style takes plain, omp or ansi");
    } else if (a == "--format") {
      o->render.format = v;
    } else if (a == "--shell") {
      if (!parse_fix_shell(v, &o->shell)) fail("gostatus: --shell takes sh, fish or pwsh");
      else o->shell_set = true;
    } else if (a == "--strict") {
      o->strict = true;
    } else if (a == "--ascii") {
      o->ascii = o->ascii_set = true;
    } else if (a == "--no-cache") {
      o->no_cache = true;
    } else if (a == "--with-deps") {
      o->with_deps = true;
    } else if (a == "--export") {
      if (!parse_shell(v, &o->export_shell)) fail("gostatus: --export takes bash, zsh, fish or pwsh");
      else if (!by_word) o->command = Command::exports;
    } else if (a == "--json") {
      if (!by_word) o->command = Command::json;
    } else if (a == "-h" || a == "--help") {
      o->command = Command::help;
    } else if (a == "--version") {
      o->command = Command::version;
    } else {
      fail(fmt::format("gostatus: unknown argument {}", args[i]));
    }
  }
}

// Parses args; false with *err set on a usage error. Global flags may come
// before the command word too (`gostatus --no-cache env GOROOT`); what
// follows env, init and debug buildinfo belongs to them.
bool parse(const std::vector<std::string>& args, Options* o, std::string* err) {
  size_t cmd = args.size();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.empty() && a[0] == '-') {
      if (takes_value(a)) ++i;
      continue;
    }
    if (is_command_word(a)) cmd = i;
    break;
  }
  size_t flags_end = args.size();
  if (cmd < args.size()) {
    const std::string& c = args[cmd];
    auto rest_from = [&](size_t from) {
      o->rest.assign(args.begin() + static_cast<std::ptrdiff_t>(std::min(from, args.size())), args.end());
      flags_end = cmd;
    };
    if (c == "doctor") o->command = Command::doctor;
    else if (c == "help") o->command = Command::help;
    else if (c == "env") o->command = Command::env, rest_from(cmd + 1);
    else if (c == "init") o->command = Command::init, rest_from(cmd + 1);
    else if (c == "cache") {
      size_t n = args.size() - cmd;
      if (n == 2 && args[cmd + 1] == "info") o->command = Command::cache_info;
      else if (n == 2 && args[cmd + 1] == "clear") o->command = Command::cache_clear;
      else return *err = "usage: gostatus cache info|clear", false;
      flags_end = cmd;
    } else if (c == "debug") {
      if (cmd + 1 >= args.size() || args[cmd + 1] != "buildinfo") {
        *err = "gostatus: unknown argument debug";
        return false;
      }
      // `go version -m` for any file, from the same reader the probe uses.
      o->command = Command::debug_buildinfo;
      rest_from(cmd + 2);
    }
  }
  // The command word itself is skipped; doctor and help take flags after it.
  std::vector<std::string> flags;
  for (size_t i = 0; i < flags_end; ++i)
    if (i != cmd) flags.push_back(args[i]);
  parse_flags(flags, 0, flags.size(), o, err);
  return err->empty();
}

bool utf8_locale(const Environ& env) {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    std::string v = env.get(var);
    if (v.empty()) continue;
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

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

std::string cache_summary(const Environ& env, Disk& disk) {
  std::string source;
  std::string dir = cache_dir_for(env, &source);
  if (dir.empty()) return "\nCache: none (no GOSTATUS_CACHE_DIR, XDG_CACHE_HOME or HOME)\n";
  cache::Store store(disk, dir);
  const cache::DirTrust& t = store.trust();
  if (t.state == cache::DirTrust::State::untrusted)
    return fmt::format("\nCache: {} is NOT used: {}\n", dir, t.reason);
  return fmt::format("\nCache: {} ({}{})\n", dir, source, t.trusted() ? "" : ", not created yet");
}

AppOutput cmd_cache(bool clear, const Environ& env, Disk& disk, const ProbeInput& in, const Options& opt) {
  AppOutput out;
  std::string source;
  std::string dir = cache_dir_for(env, &source);
  if (dir.empty()) {
    out.out = "no cache directory: set GOSTATUS_CACHE_DIR, XDG_CACHE_HOME or HOME\n";
    return out;
  }
  cache::Store store(disk, dir);
  if (clear) {
    cache::ClearResult c = store.clear();
    out.out = fmt::format("removed {} entr{} from {}\n", c.removed, c.removed == 1 ? "y" : "ies", dir);
    if (!c.ok) {
      out.err = "gostatus cache clear: " + c.detail + "\n";
      out.exit_code = 1;
    }
    return out;
  }
  cache::CacheInfo info = store.info();
  out.out = fmt::format("directory  {}\nchosen by  {}\nstate      {}\nentries    {}\nbytes      {}\n", dir, source,
                        info.trust.trusted() ? "trusted"
                        : info.trust.state == cache::DirTrust::State::missing
                            ? "missing (created on the next miss)"
                            : "not used: " + info.trust.reason,
                        info.entries, info.bytes);
  // What the prompt would do here, right now (this may store an entry).
  AnswerResult a = cached_answer(disk, in, opt.render, opt.shell, dir);
  static constexpr std::string_view uses[] = {"off", "hit", "miss, stored", "miss, not stored"};
  out.out += fmt::format("this prompt {}{}{}\n", uses[static_cast<size_t>(a.use)], a.detail.empty() ? "" : ": ",
                         a.detail);
  return out;
}

}  // namespace

AppOutput run_app(const std::vector<std::string>& args, const Environ& env, Disk& disk,
                  const std::string& cwd_override, const CwdFacts* cwd_facts) {
  if (!args.empty() && args[0].rfind("-", 0) == 0 && std::find(args.begin(), args.end(), "--bench") != args.end())
    return run_bench_cmd(args, env, disk);
  AppOutput out;
  Options opt;
  std::string err;
  bool ok = parse(args, &opt, &err);
  CwdFacts facts;
  std::string cwd = cwd_override.empty() ? current_dir(env, disk, &facts) : cwd_override;
  if (cwd_facts) facts = *cwd_facts;
  ProbeInput in = ProbeInput::for_host(env, std::move(cwd), facts);
  out.prompt_line = opt.command == Command::prompt || opt.command == Command::exports;
  // The prompt line never fails: a bad flag in a theme must not spill
  // errors into every prompt, nor blank it; it prints with what it could
  // parse. Other commands report it.
  if (!ok && !out.prompt_line) {
    out.err = err + "\n";
    out.exit_code = 2;
    return out;
  }
  opt.render.no_color = !env.get("NO_COLOR").empty();
  if (!opt.shell_set) opt.shell = default_fix_shell(in);

  try {
    switch (opt.command) {
      case Command::help:
        out.out = std::string(kUsage) + glyph_legend();
        return out;
      case Command::version:
        out.out = "gostatus " GOSTATUS_VERSION " (commit " GOSTATUS_COMMIT ")\n";
        return out;
      case Command::env: {
        EnvCmdOutput e = run_env_cmd(opt.rest, disk, in);
        out.out = std::move(e.out);
        out.err = std::move(e.err);
        out.exit_code = e.exit_code;
        return out;
      }
      case Command::init:
        return cmd_init(opt.rest, disk);
      case Command::debug_buildinfo:
        out.exit_code = cmd_buildinfo(disk, opt.rest, &out.out, &out.err);
        return out;
      case Command::cache_info:
      case Command::cache_clear:
        return cmd_cache(opt.command == Command::cache_clear, env, disk, in, opt);
      case Command::prompt:
      case Command::exports: {
        // A working directory go cannot determine means nothing as a key.
        std::string dir = opt.no_cache || in.cwd_facts.unknown() ? "" : cache_dir_for(env);
        AnswerDeps deps;
        bool with_deps = opt.command == Command::exports && opt.with_deps;
        AnswerResult a = cached_answer(disk, in, opt.render, opt.shell, dir, with_deps ? &deps : nullptr);
        out.cache_hit = a.use == CacheUse::hit;
        if (opt.command == Command::prompt) {
          out.out = a.answer.line + "\n";
        } else {
          out.out = render_export(opt.export_shell, a.answer.line, severity_name(a.answer.health), a.answer.version);
          if (with_deps) out.out += hook_check_export(disk, opt.export_shell, deps, in.cwd, dir);
        }
        return out;
      }
      case Command::doctor:
      case Command::json: {
        ProbeResult r = probe(disk, in);
        Report rep = run_checks(r, disk, in, CheckOptions{opt.shell, read_registry_env});
        if (opt.command == Command::json) {
          out.out = render_json(r, rep);
        } else {
          DoctorOptions d;
          d.ascii = opt.ascii_set ? opt.ascii : (in.host_goos != "windows" && !utf8_locale(env));
          out.out = render_doctor(r, rep, in, d);
          out.out += cache_summary(env, disk);
          Severity h = rep.health();
          out.exit_code = (h == Severity::error || (opt.strict && h == Severity::warn)) ? 1 : 0;
        }
        return out;
      }
    }
  } catch (const std::bad_alloc&) {
    if (out.prompt_line) {
      AppOutput quiet;
      quiet.prompt_line = true;
      return quiet;
    }
    out.err = "gostatus: out of memory\n";
    out.exit_code = 1;
  }
  return out;
}

}  // namespace gs
