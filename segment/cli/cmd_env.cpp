#include "segment/cli/cmd_env.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <map>

#include "segment/golang/strconv.h"
#include "segment/probe/modules.h"
#include "segment/golang/version.h"
#include "util/json.h"

namespace gs {
namespace {

std::string supported_names() {
  std::string s;
  for (size_t i = 0; i < kKeyCount; ++i) {
    if (i) s += ' ';
    s += key_name(static_cast<Key>(i));
  }
  return s;
}

// cmd/internal/quoted.Split (go1.21+): fields, '' or "" around an element.
bool quoted_split(std::string_view s, std::vector<std::string>* out) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty()) {
    while (!s.empty() && space(s[0])) s.remove_prefix(1);
    if (s.empty()) break;
    if (s[0] == '"' || s[0] == '\'') {
      char q = s[0];
      size_t end = s.find(q, 1);
      if (end == std::string_view::npos) return false;
      out->emplace_back(s.substr(1, end - 1));
      s.remove_prefix(end + 1);
      continue;
    }
    size_t i = 0;
    while (i < s.size() && !space(s[i])) ++i;
    out->emplace_back(s.substr(0, i));
    s.remove_prefix(i);
  }
  return true;
}

// strconv.ParseBool
bool parse_bool(std::string_view v, bool* b) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (v == t) return *b = true, true;
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (v == f) return *b = false, true;
  return false;
}

struct EnvFlags {
  bool json = false, u = false, w = false, changed = false;
};

// base.SetFromGOFLAGS for `go env`: flags the command knows are applied,
// others ignored (go env hides GOFLAGS parse errors so people can debug them).
std::string apply_goflags(const ProbeResult& r, EnvFlags* f) {
  const std::string& goflags = r[Key::GOFLAGS].value;
  std::vector<std::string> words;
  if (r.rules_pre121) {
    std::string_view s = goflags;
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
      if (j > i) words.emplace_back(s.substr(i, j - i));
      i = j;
    }
  } else if (!quoted_split(goflags, &words)) {
    return "";
  }
  const bool has_changed = !r.go.version.empty() && toolchain_at_least(r.go.version, 23);
  const std::string usage = fmt::format("usage: go env [-json]{} [-u] [-w] [var ...]\nRun 'go help env' for details.\n",
                                        has_changed ? " [-changed]" : "");
  const char* where = r.go.goos == "windows" ? "%GOFLAGS%" : "$GOFLAGS";
  for (const std::string& w : words) {
    if (w.empty()) continue;
    std::string name = w, value;
    bool has_value = false;
    size_t eq = w.find('=');
    if (eq == 0) continue;
    if (eq != std::string::npos) {
      name = w.substr(0, eq);
      value = w.substr(eq + 1);
      has_value = true;
    }
    if (name.rfind("--", 0) == 0) name = name.substr(1);
    std::string_view n = std::string_view(name).substr(1);
    // From go1.21 `go env` also has -C (base.AddChdirFlag) and -n, -x
    // (base.AddBuildFlagsNX), which GOFLAGS can set or get wrong.
    const bool has_cnx = !r.rules_pre121;
    bool ignored = false;
    bool* target = n == "json" ? &f->json : n == "u" ? &f->u : n == "w" ? &f->w
                 : (n == "changed" && has_changed) ? &f->changed
                 : (has_cnx && (n == "n" || n == "x")) ? &ignored : nullptr;
    if (has_cnx && n == "C") {
      // base.ChdirFlag refuses any value outside the command line's first flag.
      if (!has_value) return fmt::format("go: flag needs an argument: {} (from {})\n", name, where) + usage;
      return fmt::format("go: invalid value {} for flag {} (from {}): -C flag must be first flag on command line\n",
                         go_quote(value), name, where) + usage;
    }
    if (!target) continue;
    if (has_value) {
      if (!parse_bool(value, target))
        return fmt::format("go: invalid boolean value {} for flag {} (from {}): parse error\n", go_quote(value), name,
                           where) + usage;
    } else {
      *target = true;
    }
  }
  return "";
}

}  // namespace

EnvCmdOutput run_env_cmd(const std::vector<std::string>& args, Disk& disk, const ProbeInput& in) {
  EnvCmdOutput o;
  bool json = false;
  std::vector<Key> keys;
  std::vector<std::string> dash_names;  // names after the first name that look like flags
  std::vector<int> order;               // per name: its index in keys, or -1 (a dash name)
  // As go's flag package parses `go env`'s flags (cmd/go/main.go, then
  // flag.FlagSet.Parse): flags only before the first name, "--" ends them,
  // -json and --json take an optional =bool. A later "-json" is a name.
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') break;
    if (a == "--") {
      ++i;
      break;
    }
    std::string_view f = std::string_view(a).substr(a[1] == '-' ? 2 : 1);
    std::string_view value;
    bool has_value = false;
    if (size_t eq = f.find('='); eq != std::string_view::npos) {
      value = f.substr(eq + 1);
      f = f.substr(0, eq);
      has_value = true;
    }
    if (f != "json" || (has_value && !parse_bool(value, &json))) {
      o.err = "gostatus env: unsupported flag " + a + " (only -json[=bool])\n";
      o.exit_code = 2;
      return o;
    }
    if (!has_value) json = true;
  }
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    Key k;
    // go prints an empty value for a name it does not know; a name that
    // starts with '-' is certainly not one of go's variables.
    if (!keys.empty() && !a.empty() && a[0] == '-') {
      dash_names.push_back(a);
      order.push_back(-1);
      continue;
    }
    if (!key_from_name(a, &k)) {
      o.err = "gostatus env: unsupported name " + a + "; supported: " + supported_names() + "\n";
      o.exit_code = 2;
      return o;
    }
    order.push_back(static_cast<int>(keys.size()));
    keys.push_back(k);
  }
  if (keys.empty()) {
    o.err = "gostatus env: name the variables to print; supported: " + supported_names() + "\n";
    o.exit_code = 2;
    return o;
  }

  // toolchain.Select leaves exactly `go env GOTOOLCHAIN` and, from go1.23,
  // exactly `go env GOMOD` / `go env GOWORK` to the local go, after its
  // WillBeEnabled gate (toolchain/select.go): from go1.27 that gate can
  // still fail them (a relative GOWORK under GO111MODULE=auto).
  ProbeInput pin = in;
  const bool lone = !json && keys.size() == 1 && dash_names.empty();
  if (lone && keys[0] == Key::GOTOOLCHAIN) pin.local_command = true;
  ProbeResult r = probe(disk, pin);
  if (lone && (keys[0] == Key::GOMOD || keys[0] == Key::GOWORK) && r.local.found &&
      go_rules(r.local.version).env_gomod_special) {
    pin.local_command = true;
    r = probe(disk, pin);
  }
  if (!r.go.found) {
    o.err = "gostatus env: no go on PATH\n";
    o.exit_code = 1;
    return o;
  }
  // A Go program named go that is not cmd/go, and did not answer as a go
  // would: what it prints for `go env` is its own business.
  if (const GoBinary& first = r.shim.found ? r.shim : r.go; first.not_cmd_go() && !r.spawned.ok()) {
    o.err = fmt::format("gostatus env: {} is not the go command (its build info's path is {}); gostatus cannot "
                        "tell what it prints\n",
                        first.path, first.main_path);
    o.exit_code = 1;
    return o;
  }
  // The go switched to runs its own Select, which from go1.23 skips lone
  // `go env GOMOD` / `go env GOWORK`, and with it the check that it is the
  // version it was run to provide.
  if (r.switched && lone && (keys[0] == Key::GOMOD || keys[0] == Key::GOWORK) &&
      go_rules(r.go.version).env_gomod_special)
    r.switch_version_error.clear();
  // toolchain.Select runs first.
  if (std::string e = gotoolchain_error(r); !e.empty()) {
    o.err = e + "\n";
    o.exit_code = 1;
    return o;
  }
  if (r.toolchain.outcome == ToolchainOutcome::download) {
    o.err = fmt::format("gostatus env: go would download {} to run here ({}); gostatus does not start downloads\n",
                        r.toolchain.name, r.toolchain.reason);
    o.exit_code = 1;
    return o;
  }
  for (const std::string& w : r.warnings) o.err += w + "\n";
  if (!r.fatal.empty()) {
    o.err += r.fatal + "\n";
    o.exit_code = r.fatal_exit_code;
    return o;
  }
  EnvFlags flags;
  if (std::string e = apply_goflags(r, &flags); !e.empty()) {
    o.err += e;
    o.exit_code = 2;
    return o;
  }
  if (flags.u || flags.w || flags.changed) {
    o.err += "gostatus env: GOFLAGS sets -u, -w or -changed, which gostatus does not reproduce\n";
    o.exit_code = 2;
    return o;
  }
  json = json || flags.json;
  // modload.Init and InitWorkfile, reached through ExtraEnvVars for every
  // `go env`: their warnings, or the error they stop on.
  for (const std::string& w : r.module.warnings) o.err += w + "\n";
  if (!r.module.fatal.empty()) {
    o.err += r.module.fatal + "\n";
    o.exit_code = 1;
    return o;
  }
  if (!json) {
    // Names in the order given; the dash names came after every key.
    for (int at : order) {
      if (at >= 0) o.out += r[keys[static_cast<size_t>(at)]].value;
      o.out += '\n';
    }
    return o;
  }
  // A JSON object with sorted keys, tab-indented, as json.Encoder writes a map.
  static const std::string kEmpty;
  std::map<std::string_view, const std::string*> m;
  for (Key k : keys) m[key_name(k)] = &r[k].value;
  for (const std::string& n : dash_names) m[n] = &kEmpty;
  const GoRules rules = go_rules(r.go.version);
  const JsonStyle style = rules.json_style();
  o.out = "{\n";
  size_t n = 0;
  for (const auto& [name, value] : m) {
    o.out += '\t';
    append_json_string(&o.out, name, style);
    o.out += ": ";
    append_json_string(&o.out, *value, style);
    o.out += ++n < m.size() ? ",\n" : "\n";
  }
  o.out += "}\n";
  return o;
}

}  // namespace gs
