// The --json document (schema 1): the probe's values and the report.
#include "segment/render/render.h"

#include <fmt/format.h>

#include "util/json.h"

namespace gs {

std::string render_json(const ProbeResult& r, const Report& rep) {
  std::string o;
  auto str = [&](std::string_view s) { append_json_string(&o, s); };
  auto field = [&](std::string_view k, std::string_view v, bool comma = true) {
    str(k);
    o += ":";
    str(v);
    if (comma) o += ",";
  };
  o += "{\"schema\":1,\"go\":{";
  o += fmt::format("\"found\":{},", r.go.found ? "true" : "false");
  field("path", r.go.path);
  field("resolved", r.go.resolved);
  field("version", r.go.version);
  field("goroot_version_file", r.goroot_version_file);
  field("hostos", r.go.goos);
  field("hostarch", r.go.goarch);
  o += "\"on_path\":[";
  for (size_t i = 0; i < r.gos_on_path.size(); ++i) {
    if (i) o += ",";
    str(r.gos_on_path[i].path);
  }
  o += "]},\"manager\":{";
  {
    const ManagerResult& m = r.manager;
    field("name", manager_name(m.manager));
    field("how", m.is_shim() ? "shim" : m.how);
    field("root", m.root);
    field("version", m.version);
    field("selected_by", m.selected_by);
    field("shim", r.shim.path);
    field("go", m.go);
    o += fmt::format("\"not_installed\":{},", m.not_installed ? "true" : "false");
    field("error", m.error);
    field("install_fix", m.install_fix);
    o += "\"env\":{";
    for (size_t i = 0; i < m.env.size(); ++i) {
      if (i) o += ",";
      field(m.env[i].first, m.env[i].second, false);
    }
    o += "}},\"spawned\":{";
    const SpawnedGo& sp = r.spawned;
    o += fmt::format("\"used\":{},", sp.used ? "true" : "false");
    field("program", sp.program);
    o += "\"args\":[";
    for (size_t i = 0; i < sp.args.size(); ++i) {
      if (i) o += ",";
      str(sp.args[i]);
    }
    o += "],";
    field("status", sp.status);
    o += fmt::format("\"exit_code\":{},\"elapsed_ms\":{},", sp.exit_code, sp.elapsed_ms);
    field("goroot", sp.goroot);
    field("goversion", sp.goversion);
    field("error", sp.error, false);
  }
  o += "},\"env\":{";
  for (size_t i = 0; i < kKeyCount; ++i) {
    if (i) o += ",";
    str(key_name(static_cast<Key>(i)));
    o += ":{";
    field("value", r.values[i].value);
    field("source", source_name(r.values[i].source));
    field("origin", r.values[i].origin, false);
    o += "}";
  }
  o += "},\"findings\":[";
  for (size_t i = 0; i < rep.findings.size(); ++i) {
    const Finding& f = rep.findings[i];
    if (i) o += ",";
    o += "{";
    field("id", f.id);
    field("severity", severity_name(f.severity));
    field("area", area_name(f.area));
    field("title", f.title);
    o += "\"evidence\":[";
    for (size_t j = 0; j < f.evidence.size(); ++j) {
      if (j) o += ",";
      o += "{";
      field("label", f.evidence[j].label);
      field("value", f.evidence[j].value);
      field("source", f.evidence[j].source, false);
      o += "}";
    }
    o += "],\"fix\":[";
    for (size_t j = 0; j < f.fix.size(); ++j) {
      if (j) o += ",";
      str(f.fix[j]);
    }
    o += "]}";
  }
  o += "],";
  field("health", severity_name(rep.health()), false);
  o += "}\n";
  return o;
}

}  // namespace gs
