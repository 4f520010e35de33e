// Health checks: run_checks turns the probe's facts into a Report (report.h):
// findings, each with a stable id, severity, area, evidence (values and where
// they came from) and a fix in the user's shell (fix_text.h). The checks are
// in check_<name>.cpp, one file per area; stale-session in stale_session.cpp.
#pragma once

#include <string>
#include <vector>

#include "segment/checks/fix_text.h"
#include "segment/checks/report.h"
#include "segment/probe/probe.h"
#include "segment/probe/registry.h"
#include "segment/shell/shell.h"

namespace gs {

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
