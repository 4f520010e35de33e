#include "segment/render/render.h"

#include <fmt/format.h>

#include "segment/golang/strconv.h"

namespace gs {

bool parse_glyphs(std::string_view s, Glyphs* out) {
  if (s == "nerd") *out = Glyphs::nerd;
  else if (s == "unicode") *out = Glyphs::unicode;
  else if (s == "ascii") *out = Glyphs::ascii;
  else return false;
  return true;
}

bool parse_style(std::string_view s, Style* out) {
  if (s == "plain") *out = Style::plain;
  else if (s == "omp") *out = Style::omp;
  else if (s == "ansi") *out = Style::ansi;
  else return false;
  return true;
}

namespace {

// Area letters (ascii, unicode) and Nerd Font icons, in Area order.
constexpr std::string_view kAreaLetter[kAreaCount] = {"R", "P", "X", "M", "C", "S"};
constexpr std::string_view kAreaNerd[kAreaCount] = {
    "\xef\x80\x95",  // U+F015 home: GOROOT
    "\xef\x81\xbb",  // U+F07B folder: GOPATH
    "\xef\x84\xa0",  // U+F120 terminal: PATH
    "\xef\x92\x87",  // U+F487 package: module
    "\xef\x80\x93",  // U+F013 cog: config
    "\xef\x8b\x90",  // U+F2D0 window: session
};

std::string_view severity_glyph(Glyphs g, Severity s) {
  bool err = s == Severity::error;
  switch (g) {
    case Glyphs::ascii: return err ? "!" : "?";
    case Glyphs::unicode: return err ? "\xe2\x9c\x97" : "\xe2\x9a\xa0";  // ✗ U+2717, ⚠ U+26A0
    case Glyphs::nerd: return err ? "\xef\x80\x8d" : "\xef\x81\xb1";     // U+F00D times, U+F071 warning
  }
  return "";
}

struct Colour {
  const char* hex;
  const char* sgr;
};
constexpr Colour kVersionColour{"#00ADD8", "36"};
constexpr Colour kWarnColour{"#E5C07B", "33"};
constexpr Colour kErrorColour{"#E06C75", "31"};

std::string paint(std::string_view text, Colour c, const RenderOptions& opt) {
  if (text.empty() || opt.no_color || opt.style == Style::plain) return std::string(text);
  if (opt.style == Style::omp) return fmt::format("<{}>{}</>", c.hex, text);
  return fmt::format("\x1b[{}m{}\x1b[0m", c.sgr, text);
}

// The line must stay one line and carry nothing a terminal would act on.
std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  return out;
}

}  // namespace

std::string prompt_version(const ProbeResult& r) {
  if (!r.go.found) return "no-go";
  std::string_view v = r.go.version;
  // go would download another toolchain: that is the version it would run.
  if (r.toolchain.outcome == ToolchainOutcome::download) v = r.toolchain.name;
  if (v.empty()) return "?";
  if (v.rfind("go", 0) == 0) v.remove_prefix(2);
  // "1.24rc1 X:boringcrypto", "devel go1.24-abc..." stay short.
  size_t sp = v.find(' ');
  if (sp != std::string_view::npos) v = v.substr(0, sp);
  if (v.size() > 12) v = v.substr(0, 12);
  return sanitize(v);
}

std::string render_prompt(const ProbeResult& r, const Report& rep, const RenderOptions& opt) {
  std::string area_text[kAreaCount];
  std::string issues;
  for (size_t a = 0; a < kAreaCount; ++a) {
    Severity s = rep.area_health(static_cast<Area>(a));
    if (s < Severity::warn) continue;
    std::string glyph = std::string(opt.glyphs == Glyphs::nerd ? kAreaNerd[a] : kAreaLetter[a]);
    glyph += severity_glyph(opt.glyphs, s);
    area_text[a] = paint(glyph, s == Severity::error ? kErrorColour : kWarnColour, opt);
    issues += " " + area_text[a];
  }
  Severity h = rep.health();
  // U+E627 is the Go logo in Nerd Fonts; elsewhere "go" prefixes the version.
  std::string icon = opt.glyphs == Glyphs::nerd ? "\xee\x98\xa7 " : (r.go.found ? "go" : "");
  std::string version = paint(prompt_version(r), kVersionColour, opt);
  // A module that makes go run another toolchain: the version shown is that
  // one's, marked; a pending download is marked differently.
  std::string mark;
  if (r.switched) mark = opt.glyphs == Glyphs::ascii ? "*" : opt.glyphs == Glyphs::unicode ? "\xe2\x86\xbb" : "\xef\x83\xac";
  else if (r.toolchain.outcome == ToolchainOutcome::download)
    mark = paint(opt.glyphs == Glyphs::ascii ? "v" : opt.glyphs == Glyphs::unicode ? "\xe2\x86\x93" : "\xef\x80\x99",
                 kWarnColour, opt);
  std::string_view fmt = opt.format.empty() ? kDefaultFormat : std::string_view(opt.format);
  std::string out;
  for (size_t i = 0; i < fmt.size();) {
    if (fmt.compare(i, 2, "{{") == 0) {
      out += '{';
      i += 2;
      continue;
    }
    if (fmt.compare(i, 2, "}}") == 0) {
      out += '}';
      i += 2;
      continue;
    }
    if (fmt[i] == '{') {
      size_t close = fmt.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = fmt.substr(i + 1, close - i - 1);
        bool known = true;
        if (name == "version") out += version;
        else if (name == "icon") out += icon;
        else if (name == "issues") out += issues;
        else if (name == "mark") out += mark;
        else if (name == "health") out += severity_name(h);
        else {
          known = false;
          for (size_t a = 0; a < kAreaCount; ++a) {
            if (name == area_name(static_cast<Area>(a))) {
              out += area_text[a];
              known = true;
            }
          }
        }
        if (known) {
          i = close + 1;
          continue;
        }
      }
    }
    out += fmt[i++];
  }
  // Escape codes from ansi style are ours; anything else is sanitized.
  if (opt.style == Style::ansi && !opt.no_color) {
    std::string clean;
    for (size_t i = 0; i < out.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(out[i]);
      if (c == 0x1b && i + 1 < out.size() && out[i + 1] == '[') clean += out[i];
      else clean += (c < 0x20 || c == 0x7f) ? '?' : out[i];
    }
    return clean;
  }
  return sanitize(out);
}

std::string glyph_legend() {
  return "Prompt legend: the Go version, then one mark per unhealthy area:\n"
         "  area      ascii unicode  nerd\n"
         "  GOROOT    R     R        \xef\x80\x95  (home)\n"
         "  GOPATH    P     P        \xef\x81\xbb  (folder)\n"
         "  PATH      X     X        \xef\x84\xa0  (terminal)\n"
         "  module    M     M        \xef\x92\x87  (package)\n"
         "  config    C     C        \xef\x80\x93  (cog)\n"
         "  session   S     S        \xef\x8b\x90  (window)\n"
         "  followed by  ! (ascii), \xe2\x9c\x97 (unicode), \xef\x80\x8d (nerd) for an error,\n"
         "               ? (ascii), \xe2\x9a\xa0 (unicode), \xef\x81\xb1 (nerd) for a warning.\n"
         "  Example: go1.23.5 R\xe2\x9c\x97 X\xe2\x9a\xa0 = GOROOT broken, PATH needs attention.\n"
         "  After the version, inside a module: * / \xe2\x86\xbb / \xef\x83\xac  go switches to the toolchain shown;\n"
         "  v / \xe2\x86\x93 / \xef\x80\x99  go would download it first (gostatus never does).\n"
         "  Run `gostatus doctor` for the details and the fix.\n";
}

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
