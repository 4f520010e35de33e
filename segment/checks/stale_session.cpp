#include "segment/checks/stale_session.h"

#include <fmt/format.h>

namespace gs {
namespace {

constexpr std::string_view kNames[] = {"PATH", "GOROOT", "GOPATH", "GOBIN"};

std::string shown(std::string_view v) { return v.empty() ? "(unset)" : std::string(v); }

// The PowerShell line that gives this terminal what a new one would have.
std::string refresh_line(const std::vector<std::string_view>& changed) {
  std::string line;
  std::string others;
  for (std::string_view n : changed) {
    if (n == "PATH") {
      line = "$env:Path = [Environment]::GetEnvironmentVariable('Path', 'Machine') + ';' + "
             "[Environment]::GetEnvironmentVariable('Path', 'User')";
    } else {
      others += fmt::format("{}'{}'", others.empty() ? "" : ",", n);
    }
  }
  if (!others.empty()) {
    if (!line.empty()) line += "; ";
    line += fmt::format(
        "foreach ($n in {}) {{ $v = [Environment]::GetEnvironmentVariable($n, 'User'); "
        "if ($null -eq $v) {{ $v = [Environment]::GetEnvironmentVariable($n, 'Machine') }}; "
        "if ($null -eq $v) {{ Remove-Item \"Env:$n\" -ErrorAction SilentlyContinue }} else {{ Set-Item \"Env:$n\" $v }} }}",
        others);
  }
  return line;
}

}  // namespace

void check_stale_session(const ProbeResult& r, Disk& disk, const ProbeInput& in, const RegistryEnv& reg,
                         Report* rep) {
  rep->checks.push_back(CheckOutcome{"stale-session", Area::session,
                                     "this terminal has the PATH, GOROOT, GOPATH and GOBIN a new terminal would get",
                                     reg.available});
  if (!reg.available) return;
  Environ fresh = *in.env;
  std::vector<std::string_view> changed;
  std::vector<Evidence> evidence;
  for (std::string_view name : kNames) {
    std::string now = in.env->get(name), next = new_session_value(reg, *in.env, name);
    if (now == next) continue;
    changed.push_back(name);
    if (next.empty()) fresh.unset(name);
    else fresh.set(name, next);
    evidence.push_back(Evidence{fmt::format("{} here", name), shown(now), "env"});
    evidence.push_back(Evidence{fmt::format("{} in a new terminal", name), shown(next), "registry"});
  }
  if (changed.empty()) return;

  // Only what go would do differently counts: a PATH entry for another tool,
  // or the same directory spelled differently, is no reason to bother anyone.
  ProbeInput next_in = in;
  next_in.env = &fresh;
  next_in.query_go = nullptr;  // the one allowed spawn is for this terminal's go, not a hypothetical one
  ProbeResult next = probe(disk, next_in);
  std::vector<Evidence> effects;
  auto differs = [&](std::string label, const std::string& a, const std::string& b) {
    if (a != b) {
      effects.push_back(Evidence{label + " here", shown(a), "probe"});
      effects.push_back(Evidence{label + " in a new terminal", shown(b), "probe"});
    }
  };
  std::string go_now = r.local.found ? r.local.path : "", go_next = next.local.found ? next.local.path : "";
  if (!fp::same_path(go_now, go_next, in.style)) differs("go", go_now, go_next);
  differs("GOVERSION", r[Key::GOVERSION].value, next[Key::GOVERSION].value);
  for (Key k : {Key::GOROOT, Key::GOPATH, Key::GOBIN}) differs(std::string(key_name(k)), r[k].value, next[k].value);
  if (r.fatal != next.fatal) differs("go fails with", r.fatal, next.fatal);
  if (effects.empty()) return;

  Finding f{"stale-session", Severity::warn, Area::session,
            "this terminal's environment is older than the registry's: a new terminal would run go differently",
            {}, {}};
  f.evidence = std::move(evidence);
  f.evidence.insert(f.evidence.end(), effects.begin(), effects.end());
  f.fix.push_back("# open a new terminal (a new Windows Terminal tab), or refresh this PowerShell session:");
  f.fix.push_back(refresh_line(changed));
  rep->findings.push_back(std::move(f));
}

}  // namespace gs
