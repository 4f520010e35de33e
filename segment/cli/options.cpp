#include "segment/cli/options.h"

#include <fmt/format.h>

#include <algorithm>

namespace gs {

namespace {

constexpr std::string_view kFlagsHelp =
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

}  // namespace

bool parse_options(const std::vector<std::string>& args, Options* o, std::string* err) {
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

std::string_view flags_help() { return kFlagsHelp; }

}  // namespace gs
