// The module info text a Go binary carries: runtime/debug.ParseBuildInfo
// and BuildInfo.String (what `go version -m` prints under the version line).

#include "segment/golang/buildinfo/buildinfo_internal.h"

#include <fmt/format.h>

#include "segment/golang/strconv.h"

namespace gs::buildinfo_detail {

namespace {

// ---------------------------------------------------------------- modinfo

bool quote_key(std::string_view k) { return k.empty() || k.find_first_of("= \t\r\n\"`") != std::string_view::npos; }
bool quote_value(std::string_view v) { return v.find_first_of(" \t\r\n\"`") != std::string_view::npos; }

std::vector<std::string_view> split_tabs(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t t = s.find('\t', start);
    if (t == std::string_view::npos) break;
    out.push_back(s.substr(start, t - start));
    start = t + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

// A key or value as BuildInfo.String prints it (quoteKey/quoteValue, then
// strconv.Quote).
std::string format_token(const std::string& s, bool needs_quote) { return needs_quote ? go_quote(s) : s; }

void format_module(std::string* out, std::string_view word, const Module& m) {
  *out += word;
  *out += '\t';
  *out += m.path;
  *out += '\t';
  *out += m.version;
  if (!m.replace) {
    *out += '\t';
    *out += m.sum;
  } else {
    *out += "\n=>\t";
    *out += m.replace->path;
    *out += '\t';
    *out += m.replace->version;
    *out += '\t';
    *out += m.replace->sum;
  }
  *out += '\n';
}

}  // namespace


}  // namespace gs::buildinfo_detail

namespace gs {

using namespace buildinfo_detail;

bool parse_modinfo(std::string_view data, BuildInfo* bi, std::string* err) {
  int line_num = 1;
  auto bad = [&](const std::string& msg) {
    if (err) *err = fmt::format("could not parse Go build info: line {}: {}", line_num, msg);
    return false;
  };
  bi->raw_modinfo = std::string(data);
  bi->path.clear();
  bi->main = Module{};
  bi->deps.clear();
  bi->settings.clear();
  // The module a following "=>" line replaces: -1 none, 0 main, k dep k-1.
  long last = -1;
  auto module_line = [&](std::string_view rest, Module* m) {
    std::vector<std::string_view> elem = split_tabs(rest);
    if (elem.size() != 2 && elem.size() != 3) {
      return bad(fmt::format("expected 2 or 3 columns; got {}", elem.size()));
    }
    *m = Module{};
    m->path = std::string(elem[0]);
    m->version = std::string(elem[1]);
    if (elem.size() == 3) m->sum = std::string(elem[2]);
    return true;
  };
  while (!data.empty()) {
    size_t nl = data.find('\n');
    if (nl == std::string_view::npos) break;  // an unterminated last line is ignored
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl + 1);
    if (starts_with(line, "path\t")) {
      bi->path = std::string(line.substr(5));
    } else if (starts_with(line, "mod\t")) {
      last = 0;
      if (!module_line(line.substr(4), &bi->main)) return false;
    } else if (starts_with(line, "dep\t")) {
      bi->deps.emplace_back();
      last = static_cast<long>(bi->deps.size());
      if (!module_line(line.substr(4), &bi->deps.back())) return false;
    } else if (starts_with(line, "=>\t")) {
      std::vector<std::string_view> elem = split_tabs(line.substr(3));
      if (elem.size() != 3) return bad(fmt::format("expected 3 columns for replacement; got {}", elem.size()));
      if (last < 0) return bad("replacement with no module on previous line");
      Module& m = last == 0 ? bi->main : bi->deps[static_cast<size_t>(last - 1)];
      m.replace = ModuleVersion{std::string(elem[0]), std::string(elem[1]), std::string(elem[2])};
      last = -1;
    } else if (starts_with(line, "build\t")) {
      std::string_view kv = line.substr(6);
      if (kv.empty()) return bad("build line missing '='");
      BuildSetting s;
      std::string_view raw_value;
      if (kv[0] == '=') return bad("build line with missing key");
      if (kv[0] == '`' || kv[0] == '"') {
        size_t klen = 0;
        if (!go_unquote_prefix(kv, &klen, &s.key)) return bad("invalid quoted key in build line");
        if (klen == kv.size()) return bad("build line missing '=' after quoted key");
        if (kv[klen] != '=') {
          return bad("unexpected character after quoted key: " + go_quote_rune(static_cast<uint8_t>(kv[klen])));
        }
        raw_value = kv.substr(klen + 1);
      } else {
        size_t eq = kv.find('=');
        if (eq == std::string_view::npos) return bad("build line missing '=' after key");
        s.key = std::string(kv.substr(0, eq));
        if (quote_key(s.key)) return bad(fmt::format("unquoted key {} must be quoted", go_quote(s.key)));
        raw_value = kv.substr(eq + 1);
      }
      if (!raw_value.empty()) {
        if (raw_value[0] == '`' || raw_value[0] == '"') {
          if (!go_unquote(raw_value, &s.value)) return bad("invalid quoted value in build line");
        } else {
          s.value = std::string(raw_value);
          if (quote_value(s.value)) return bad(fmt::format("unquoted value {} must be quoted", go_quote(s.value)));
        }
      }
      bi->settings.push_back(std::move(s));
    }
    line_num++;
  }
  return true;
}

std::string format_modinfo(const BuildInfo& bi) {
  std::string out;
  if (!bi.path.empty()) out += "path\t" + bi.path + "\n";
  if (!bi.main.empty()) format_module(&out, "mod", bi.main);
  for (const Module& d : bi.deps) format_module(&out, "dep", d);
  for (const BuildSetting& s : bi.settings) {
    out += "build\t";
    out += format_token(s.key, quote_key(s.key));
    out += '=';
    out += format_token(s.value, quote_value(s.value));
    out += '\n';
  }
  return out;
}

std::string setting(const BuildInfo& bi, std::string_view key) {
  for (const BuildSetting& s : bi.settings) {
    if (s.key == key) return s.value;
  }
  return "";
}

}  // namespace gs
