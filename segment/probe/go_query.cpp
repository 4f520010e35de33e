// The one allowed spawn, behind query_go_once: see go_query.h.
#include "segment/probe/go_query.h"

#include "util/spawn.h"

namespace gs {

namespace {

void append_utf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A JSON string starting at s[*i] == '"'; false on anything malformed.
bool json_string(std::string_view s, size_t* i, std::string* out) {
  if (*i >= s.size() || s[*i] != '"') return false;
  out->clear();
  for (size_t j = *i + 1; j < s.size(); ++j) {
    char c = s[j];
    if (c == '"') {
      *i = j + 1;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++j >= s.size()) return false;
    switch (s[j]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t* v) {
          if (at + 4 > s.size()) return false;
          *v = 0;
          for (size_t k = at; k < at + 4; ++k) {
            char h = s[k];
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) return false;
            *v = *v * 16 + static_cast<uint32_t>(d);
          }
          return true;
        };
        uint32_t cp;
        if (!hex4(j + 1, &cp)) return false;
        j += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && j + 6 < s.size() + 0 && s[j + 1] == '\\' && s[j + 2] == 'u') {
          uint32_t lo;
          if (hex4(j + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            j += 6;
          }
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        append_utf8(out, cp);
        break;
      }
      default: return false;
    }
  }
  return false;
}

}  // namespace

// cmd/go/internal/envcmd printEnvAsJSON: one object, string values.
bool parse_go_env_json(std::string_view json, std::string* goroot, std::string* goversion) {
  size_t i = json.find('{');
  if (i == std::string_view::npos) return false;
  ++i;
  bool any = false;
  for (;;) {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r' || json[i] == ','))
      ++i;
    if (i >= json.size()) return false;
    if (json[i] == '}') return any;
    std::string key, value;
    if (!json_string(json, &i, &key)) return false;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':' || json[i] == '\t')) ++i;
    if (!json_string(json, &i, &value)) return false;
    if (key == "GOROOT") *goroot = value, any = true;
    if (key == "GOVERSION") *goversion = value, any = true;
  }
}

SpawnedGo run_go_env(const std::string& program, const std::string& cwd, const Environ& env, int timeout_ms) {
  SpawnedGo g;
  g.used = true;
  g.program = program;
  g.args = {"env", "-json", "GOROOT", "GOVERSION"};
  SpawnRequest req;
  req.program = program;
  req.args = g.args;
  req.cwd = cwd;
  req.timeout_ms = timeout_ms;
  Environ child = env;
  child.set("GOTOOLCHAIN", "local");  // never switch, never download
  req.env = child.vars();
  SpawnResult res = spawn_capture(req);
  g.status = std::string(spawn_status_name(res.status));
  g.exit_code = res.exit_code;
  g.elapsed_ms = res.elapsed_ms;
  switch (res.status) {
    case SpawnStatus::failed_to_start: g.error = "could not run it: " + res.error; return g;
    case SpawnStatus::timed_out: g.error = "no answer within " + std::to_string(timeout_ms) + " ms: killed"; return g;
    case SpawnStatus::signaled: g.error = "killed by signal " + std::to_string(res.exit_code); return g;
    case SpawnStatus::exited: break;
  }
  if (res.exit_code != 0) {
    g.error = "exit status " + std::to_string(res.exit_code);
    return g;
  }
  if (!parse_go_env_json(res.out, &g.goroot, &g.goversion) || (g.goroot.empty() && g.goversion.empty()))
    g.error = "its output is not go env -json";
  return g;
}

SpawnedGo query_go_once(const std::string& program, const std::string& cwd, const Environ& env) {
  return run_go_env(program, cwd, env, kGoQueryTimeoutMs);
}

}  // namespace gs
