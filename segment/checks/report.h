// The report the checks produce: each finding with its stable id, severity,
// area, evidence (values and where they came from) and fix; and every check
// of the catalog, whether or not it found anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

enum class Severity : uint8_t { ok, info, warn, error };
enum class Area : uint8_t { goroot, gopath, path, module, config, session };
inline constexpr size_t kAreaCount = 6;
std::string_view severity_name(Severity s);
std::string_view area_name(Area a);

struct Evidence {
  std::string label;   // "GOROOT"
  std::string value;   // "/usr/lib/go-1.21"
  std::string source;  // "env", "go-env-file /home/u/.config/go/env", ...
};

struct Finding {
  std::string id;
  Severity severity = Severity::info;
  Area area = Area::config;
  std::string title;
  std::vector<Evidence> evidence;
  std::vector<std::string> fix;  // commands or steps, one per line
};

// One check of the catalog, whether or not it found anything (doctor lists
// passing checks too).
struct CheckOutcome {
  std::string id;
  Area area;
  std::string pass_title;   // what a pass means, for doctor's ✓ lines
  bool applicable = true;   // false: could not be evaluated (e.g. no go)
};

struct Report {
  std::vector<Finding> findings;
  std::vector<CheckOutcome> checks;
  Severity health() const;  // the worst of warn/error; info does not count
  Severity area_health(Area a) const;
};

}  // namespace gs
