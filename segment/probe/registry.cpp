#include "segment/probe/registry.h"

namespace gs {
namespace {

const RegistryValue* find(const std::vector<RegistryValue>& vs, std::string_view name) {
  for (const RegistryValue& v : vs)
    if (windows_name_eq(v.name, name)) return &v;
  return nullptr;
}

std::string expand(const RegistryEnv& reg, const Environ& current, const RegistryValue& v, int depth);

// The composed, expanded value, or nullopt-like "" with *found = false.
std::string lookup(const RegistryEnv& reg, const Environ& current, std::string_view name, bool* found, int depth) {
  const RegistryValue* m = find(reg.machine, name);
  const RegistryValue* u = find(reg.user, name);
  *found = m || u;
  if (windows_name_eq(name, "PATH")) {
    std::string mp = m ? expand(reg, current, *m, depth) : "";
    std::string up = u ? expand(reg, current, *u, depth) : "";
    if (mp.empty()) return up;
    if (up.empty()) return mp;
    return mp.back() == ';' ? mp + up : mp + ";" + up;
  }
  if (u) return expand(reg, current, *u, depth);
  if (m) return expand(reg, current, *m, depth);
  return "";
}

std::string expand(const RegistryEnv& reg, const Environ& current, const RegistryValue& v, int depth) {
  if (!v.expand || depth > 8) return v.value;
  std::string out;
  const std::string& s = v.value;
  size_t i = 0;
  while (i < s.size()) {
    size_t a = s.find('%', i);
    size_t b = a == std::string::npos ? std::string::npos : s.find('%', a + 1);
    if (b == std::string::npos) {
      out.append(s, i, std::string::npos);
      break;
    }
    out.append(s, i, a - i);
    std::string name = s.substr(a + 1, b - a - 1);
    bool found = false;
    std::string val;
    if (!name.empty() && !windows_name_eq(name, v.name)) val = lookup(reg, current, name, &found, depth + 1);
    if (!found && !name.empty() && current.has(name)) {
      val = current.get(name);
      found = true;
    }
    if (found) {
      out += val;
      i = b + 1;
    } else {
      out.append(s, a, b - a);  // "%" + name, and the closing % may open the next
      i = b;
    }
  }
  return out;
}

}  // namespace

std::string new_session_value(const RegistryEnv& reg, const Environ& current, std::string_view name) {
  bool found;
  return lookup(reg, current, name, &found, 0);
}

}  // namespace gs
