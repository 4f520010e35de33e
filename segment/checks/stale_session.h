// stale-session (area session, Windows): this terminal's PATH, GOROOT,
// GOPATH and GOBIN against what a new terminal would get from the registry,
// reported only when the difference changes what go does (the go that runs,
// its version, GOROOT, GOPATH, GOBIN): the installer added
// C:\Program Files\Go\bin after the terminal started, setx changed GOPATH,
// GOROOT was removed.
#pragma once

#include "segment/checks/report.h"
#include "segment/probe/probe.h"
#include "segment/probe/registry.h"

namespace gs {

// A check of its own, called by run_checks (findings.cpp) after the
// catalog; it knows nothing of the runner. Appends the check (and the finding, if any) to *rep. May probe again with
// the new terminal's environment, through disk (pass the recording one).
void check_stale_session(const ProbeResult& r, Disk& disk, const ProbeInput& in, const RegistryEnv& reg,
                         Report* rep);

}  // namespace gs
