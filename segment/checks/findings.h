// Health checks: the probe's facts turned into findings, each with a stable
// id, severity, area, evidence (values and where they came from) and a fix in
// the user's shell.
#pragma once

#include <string>
#include <vector>

#include "segment/probe/probe.h"
#include "segment/probe/registry.h"
#include "segment/shell/shell.h"

namespace gs {

enum class Severity : uint8_t { ok, info, warn, error };
enum class Area : uint8_t { goroot, gopath, path, module, config, session };
inline constexpr size_t kAreaCount = 6;
std::string_view severity_name(Severity s);
std::string_view area_name(Area a);

// The shell doctor writes fixes for when --shell does not say: pwsh on
// Windows, fish when $SHELL is fish, else bash (POSIX sh's commands).
Shell default_fix_shell(const ProbeInput& in);
// --shell: sh and posix (for bash), bash, zsh, fish, pwsh, powershell.
bool parse_fix_shell(std::string_view s, Shell* out);

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

struct CheckOptions {
  Shell shell = Shell::bash;
  // Windows: reads the persistent environment for stale-session (nullptr:
  // the check is skipped). The prompt and doctor pass read_registry_env.
  RegistryReader read_registry = nullptr;
};

// Runs the catalog. May look at a few more files than the probe did (other
// go binaries on PATH, GOROOT's compile tool): pass the same recording Disk
// so the cache depends on them too.
Report run_checks(const ProbeResult& r, Disk& disk, const ProbeInput& in, const CheckOptions& opt);

}  // namespace gs
