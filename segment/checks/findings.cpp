// The catalog's runner: every check, in order, then stale-session. Each check
// says what go itself does in that situation (the message it prints, the
// command that fails), so a finding is never a matter of taste: see the
// comment above each in check_<name>.cpp.
#include "segment/checks/findings.h"

#include "segment/checks/checker.h"
#include "segment/checks/stale_session.h"

namespace gs {

Report run_checks(const ProbeResult& r, Disk& disk, const ProbeInput& in, const CheckOptions& opt) {
  Report rep = catalog::Checker(r, disk, in, opt.shell).run();
  if (opt.read_registry && in.host_goos == "windows") check_stale_session(r, disk, in, opt.read_registry(disk), &rep);
  return rep;
}

}  // namespace gs
