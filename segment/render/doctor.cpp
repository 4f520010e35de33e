// doctor's text: the go binary, every go env value with where it came
// from, then every check with its evidence and fix.
#include "segment/render/render.h"

#include <fmt/format.h>

#include "segment/golang/strconv.h"

namespace gs {

namespace {

std::string_view mark(Severity s, bool ascii) {
  switch (s) {
    case Severity::ok: return ascii ? "[ok]   " : "\xe2\x9c\x93";
    case Severity::info: return ascii ? "[info] " : "i";
    case Severity::warn: return ascii ? "[warn] " : "\xe2\x9a\xa0";
    case Severity::error: return ascii ? "[error]" : "\xe2\x9c\x97";
  }
  return "";
}

std::string show(std::string_view v) {
  if (v.empty()) return "(empty)";
  bool plain = true;
  for (char c : v) plain &= static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  return plain ? std::string(v) : go_quote(v);
}

}  // namespace

std::string render_doctor(const ProbeResult& r, const Report& rep, const ProbeInput& in,
                          const DoctorOptions& opt) {
  std::string o;
  o += "Go binary\n";
  if (!r.go.found) {
    o += "  (no go on PATH)\n";
  } else {
    o += fmt::format("  path      {}\n", show(r.go.path));
    if (!r.go.resolved.empty() && r.go.resolved != r.go.path)
      o += fmt::format("  resolves  {}\n", show(r.go.resolved));
    o += fmt::format("  version   {}{}\n", r.go.version.empty() ? "unknown" : r.go.version,
                     r.go.version.empty() ? " (" + r.go.error + ")" : std::string(" (build info)"));
    if (!r.goroot_version_file.empty())
      o += fmt::format("  GOROOT/VERSION  {}\n", show(r.goroot_version_file));
    if (r.manager.found()) {
      const ManagerResult& m = r.manager;
      o += fmt::format("  manager   {} ({}){}{}\n", manager_name(m.manager), m.is_shim() ? "shim" : m.how,
                       m.version.empty() ? "" : ", version " + show(m.version),
                       m.selected_by.empty() ? "" : " selected by " + show(m.selected_by));
    }
    if (!r.shim.path.empty()) o += fmt::format("  via       {} (the go on PATH)\n", show(r.shim.path));
    if (r.spawned.used) {
      std::string cmd = r.spawned.program;
      for (const std::string& a : r.spawned.args) cmd += " " + a;
      o += fmt::format("  ran       {} ({}, {} ms{})\n", show(cmd), r.spawned.status, r.spawned.elapsed_ms,
                       r.spawned.error.empty() ? "" : ": " + r.spawned.error);
    }
    if (r.gos_on_path.size() > 1) {
      o += "  other go commands on PATH (shadowed):\n";
      for (size_t i = 1; i < r.gos_on_path.size(); ++i) o += fmt::format("    {}\n", show(r.gos_on_path[i].path));
    }
  }
  o += "\nEnvironment (what `go env` prints, and where it came from)\n";
  for (size_t i = 0; i < kKeyCount; ++i) {
    const Value& v = r.values[i];
    std::string src = std::string(source_name(v.source));
    if (!v.origin.empty()) src += " " + v.origin;
    o += fmt::format("  {:<12} {:<40} {}\n", key_name(static_cast<Key>(i)), show(v.value), src);
  }
  o += fmt::format("  user env file  {} ({})\n", r.user_env_path.empty() ? "none" : show(r.user_env_path),
                   r.user_env_path.empty() ? "GOENV=off or no config dir"
                                           : (r.user_env_exists ? "exists" : "absent"));
  o += "\nChecks\n";
  size_t errors = 0, warns = 0, infos = 0;
  for (const CheckOutcome& c : rep.checks) {
    bool any = false;
    for (const Finding& f : rep.findings) {
      if (f.id != c.id) continue;
      any = true;
      errors += f.severity == Severity::error;
      warns += f.severity == Severity::warn;
      infos += f.severity == Severity::info;
      o += fmt::format("  {} {}  [{}]\n", mark(f.severity, opt.ascii), f.title, f.id);
      for (const Evidence& e : f.evidence)
        o += fmt::format("      {} = {}   ({})\n", e.label, show(e.value), e.source);
      if (!f.fix.empty()) {
        o += "    fix:\n";
        for (const std::string& line : f.fix) o += "      " + line + "\n";
      }
    }
    if (!any && c.applicable) o += fmt::format("  {} {}\n", mark(Severity::ok, opt.ascii), c.pass_title);
  }
  o += fmt::format("\n{} error{}, {} warning{}, {} note{}\n", errors, errors == 1 ? "" : "s", warns,
                   warns == 1 ? "" : "s", infos, infos == 1 ? "" : "s");
  (void)in;
  return o;
}

}  // namespace gs
