#include "segment/golang/version.h"

#include <cstdlib>

namespace gs {
namespace {

bool cut_int(std::string_view& x, std::string* n) {
  size_t i = 0;
  while (i < x.size() && x[i] >= '0' && x[i] <= '9') ++i;
  if (i == 0 || (x[0] == '0' && i != 1)) return false;
  *n = std::string(x.substr(0, i));
  x.remove_prefix(i);
  return true;
}

int cmp_int(std::string_view x, std::string_view y) {
  if (x == y) return 0;
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  return x < y ? -1 : 1;
}

}  // namespace

GoVersion parse_go_version(std::string_view x) {
  GoVersion v;
  if (!cut_int(x, &v.major)) return {};
  if (x.empty()) {
    v.minor = "0";
    v.patch = "0";
    return v;
  }
  if (x[0] != '.') return {};
  x.remove_prefix(1);
  if (!cut_int(x, &v.minor)) return {};
  if (x.empty()) {
    if (cmp_int(v.minor, "21") < 0) v.patch = "0";
    return v;
  }
  if (x[0] == '.') {
    x.remove_prefix(1);
    if (!cut_int(x, &v.patch) || !x.empty()) return {};
    return v;
  }
  size_t i = 0;
  while (i < x.size() && (x[i] < '0' || x[i] > '9')) {
    if (x[i] < 'a' || x[i] > 'z') return {};
    ++i;
  }
  if (i == 0) return {};
  v.kind = std::string(x.substr(0, i));
  x.remove_prefix(i);
  if (x.empty()) return v;
  if (!cut_int(x, &v.pre) || !x.empty()) return {};
  return v;
}

int compare_go_versions(std::string_view x, std::string_view y) {
  GoVersion a = parse_go_version(x), b = parse_go_version(y);
  if (int c = cmp_int(a.major, b.major)) return c;
  if (int c = cmp_int(a.minor, b.minor)) return c;
  if (int c = cmp_int(a.patch, b.patch)) return c;
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  return cmp_int(a.pre, b.pre);
}

bool is_lang_version(std::string_view x) {
  GoVersion v = parse_go_version(x);
  return v.valid() && v.patch.empty() && v.kind.empty() && v.pre.empty();
}

std::string version_from_toolchain(std::string_view name) {
  if (name.find_first_of("\\/") != std::string_view::npos) return "";
  if (name.substr(0, 2) != "go") return "";
  std::string_view v = name.substr(2);
  size_t cut = v.find_first_of(" \t-");
  if (cut != std::string_view::npos) v = v.substr(0, cut);
  if (!parse_go_version(v).valid()) return "";
  return std::string(v);
}

bool toolchain_at_least(std::string_view go_version, int minor) {
  size_t at = go_version.find("go1.");
  if (at == std::string_view::npos) return false;
  std::string_view rest = go_version.substr(at + 4);
  int m = 0;
  size_t i = 0;
  // Saturate: a minor of any length must not overflow (found by fuzzing).
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
    if (m < 1000000) m = m * 10 + (rest[i] - '0');
    ++i;
  }
  return i > 0 && m >= minor;
}

}  // namespace gs
