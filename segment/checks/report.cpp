// The report's names and its health: the worst finding that counts.
#include "segment/checks/report.h"

#include <algorithm>

namespace gs {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::ok: return "ok";
    case Severity::info: return "info";
    case Severity::warn: return "warn";
    case Severity::error: return "error";
  }
  return "ok";
}

std::string_view area_name(Area a) {
  static constexpr std::string_view names[] = {"goroot", "gopath", "path", "module", "config", "session"};
  return names[static_cast<size_t>(a)];
}

Severity Report::health() const {
  Severity h = Severity::ok;
  for (const Finding& f : findings)
    if (f.severity > Severity::info) h = std::max(h, f.severity);
  return h;
}

Severity Report::area_health(Area a) const {
  Severity h = Severity::ok;
  for (const Finding& f : findings)
    if (f.area == a && f.severity > Severity::info) h = std::max(h, f.severity);
  return h;
}

}  // namespace gs
