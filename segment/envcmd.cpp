#include "segment/envcmd.h"

#include <algorithm>
#include <map>

#include "segment/goquote.h"
#include "segment/goversion.h"

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

}  // namespace

EnvCmdOutput run_env_cmd(const std::vector<std::string>& args, Disk& disk, const ProbeInput& in) {
  EnvCmdOutput o;
  bool json = false;
  std::vector<Key> keys;
  for (const std::string& a : args) {
    if (a == "-json" || a == "--json") {
      json = true;
      continue;
    }
    Key k;
    if (!a.empty() && a[0] == '-') {
      o.err = "gostatus env: unsupported flag " + a + " (only -json)\n";
      o.exit_code = 2;
      return o;
    }
    if (!key_from_name(a, &k)) {
      o.err = "gostatus env: unsupported name " + a + "; supported: " + supported_names() + "\n";
      o.exit_code = 2;
      return o;
    }
    keys.push_back(k);
  }
  if (keys.empty()) {
    o.err = "gostatus env: name the variables to print; supported: " + supported_names() + "\n";
    o.exit_code = 2;
    return o;
  }

  ProbeResult r = probe(disk, in);
  if (!r.go.found) {
    o.err = "gostatus env: no go on PATH\n";
    o.exit_code = 1;
    return o;
  }
  // toolchain.Select runs first, except for exactly `go env GOTOOLCHAIN`.
  bool only_gotoolchain = !json && keys.size() == 1 && keys[0] == Key::GOTOOLCHAIN;
  if (std::string e = gotoolchain_error(r); !e.empty() && !only_gotoolchain) {
    o.err = e + "\n";
    o.exit_code = 1;
    return o;
  }
  for (const std::string& w : r.warnings) o.err += w + "\n";
  if (!r.fatal.empty()) {
    o.err += r.fatal + "\n";
    o.exit_code = r.fatal_exit_code;
    return o;
  }
  if (!json) {
    for (Key k : keys) {
      o.out += r[k].value;
      o.out += '\n';
    }
    return o;
  }
  // A JSON object with sorted keys, tab-indented, as json.Encoder writes a map.
  std::map<std::string_view, const std::string*> m;
  for (Key k : keys) m[key_name(k)] = &r[k].value;
  const bool short_bf = r.go.version.empty() || toolchain_at_least(r.go.version, 22);
  o.out = "{\n";
  size_t i = 0;
  for (const auto& [name, value] : m) {
    o.out += '\t';
    append_json_string(&o.out, name, short_bf);
    o.out += ": ";
    append_json_string(&o.out, *value, short_bf);
    o.out += ++i < m.size() ? ",\n" : "\n";
  }
  o.out += "}\n";
  return o;
}

}  // namespace gs
