#include "segment/golang/envfile.h"

namespace gs {

EnvFile parse_env_file(std::string_view data) {
  EnvFile f;
  while (!data.empty()) {
    std::string_view line = data;
    size_t nl = data.find('\n');
    if (nl != std::string_view::npos) {
      line = data.substr(0, nl);
      data.remove_prefix(nl + 1);
    } else {
      data = {};
    }
    if (!line.empty() && line.back() == '\r') f.crlf = true;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || line[0] < 'A' || line[0] > 'Z') continue;
    f.entries.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
  }
  return f;
}

const std::string* EnvFile::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

}  // namespace gs
