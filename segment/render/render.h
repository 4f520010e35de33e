// The prompt line (prompt.cpp), the doctor report (doctor.cpp) and the --json
// document (json.cpp).
#pragma once

#include <string>

#include "segment/checks/findings.h"
#include "segment/probe/probe.h"

namespace gs {

enum class Glyphs : uint8_t { nerd, unicode, ascii };
enum class Style : uint8_t { plain, omp, ansi };
bool parse_glyphs(std::string_view s, Glyphs* out);
bool parse_style(std::string_view s, Style* out);

struct RenderOptions {
  Glyphs glyphs = Glyphs::unicode;
  Style style = Style::plain;
  std::string format;  // "" = kDefaultFormat
  bool no_color = false;  // NO_COLOR is set
};

inline constexpr std::string_view kDefaultFormat = "{icon}{version}{mark}{issues}";

// The short version shown in the prompt: "1.23.5", "no-go" without a go, "?"
// when the binary's version could not be read.
std::string prompt_version(const ProbeResult& r);

// One line, no newline, no control characters.
std::string render_prompt(const ProbeResult& r, const Report& rep, const RenderOptions& opt);

// The legend, for --help and the README.
std::string glyph_legend();

struct DoctorOptions {
  bool ascii = false;  // ✓/⚠/✗ or [ok]/[warn]/[error]
};
std::string render_doctor(const ProbeResult& r, const Report& rep, const ProbeInput& in, const DoctorOptions& opt);

std::string render_json(const ProbeResult& r, const Report& rep);

}  // namespace gs
