// The prompt line: glyphs and colours per area, the --format placeholders,
// and the legend that explains the marks.
#include "segment/render/render.h"

#include <fmt/format.h>

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

}  // namespace gs
