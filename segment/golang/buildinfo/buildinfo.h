// Reading a Go binary's embedded build information without running it: what
// `go version -m FILE` prints (debug/buildinfo + runtime/debug.ParseBuildInfo),
// and the binary's built-in default GOROOT (runtime.defaultGOROOT, set by
// cmd/link). Everything goes through gs::ReadableFile and reads only small
// bounded pieces of the file; malformed input yields false / unknown, never a
// crash or an allocation larger than the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/disk.h"

namespace gs {

// One `build KEY=VALUE` line of the module info.
struct BuildSetting {
  std::string key, value;
};

// A module line: `mod`/`dep` PATH VERSION [SUM], optionally followed by a
// `=>` replacement line (which itself is never replaced).
struct ModuleVersion {
  std::string path, version, sum;
  bool operator==(const ModuleVersion&) const = default;
};
struct Module {
  std::string path, version, sum;
  std::optional<ModuleVersion> replace;
  // Go's `bi.Main != (Module{})`: the main module line is printed unless empty.
  bool empty() const { return path.empty() && version.empty() && sum.empty() && !replace; }
};

enum class ExeFormat : uint8_t { unknown, elf, pe, macho, xcoff, plan9 };

struct BuildInfo {
  std::string go_version;    // runtime.buildVersion, e.g. "go1.23.5"
  std::string path;          // `path` line: the main package's import path
  Module main;               // `mod` line (empty when built without modules)
  std::vector<Module> deps;  // `dep` lines, in file order
  std::vector<BuildSetting> settings;  // `build` lines, in file order
  // The module info text between the linker's 16-byte sentinels, as stored
  // ("" for a binary built without modules).
  std::string raw_modinfo;

  // Where the information came from (diagnostics and tests).
  ExeFormat format = ExeFormat::unknown;
  uint8_t ptr_size = 0;          // from the blob header: 4 or 8
  bool big_endian = false;       // pointer format only
  bool inline_strings = false;   // Go 1.18+ format (flag bit 0x2)
};

// Reads the build info like debug/buildinfo.Read followed by
// runtime/debug.ParseBuildInfo. On failure returns false and sets *err to
// Go's error text ("unrecognized file format", "not a Go executable",
// "could not parse Go build info: line N: ...", "EOF"; "read error" when
// the file could not be read). *io_error (when given) tells a failed read
// apart from a malformed file.
bool read_buildinfo(ReadableFile& f, BuildInfo* out, std::string* err, bool* io_error = nullptr);

// runtime/debug.ParseBuildInfo on the framed-off module text. Fills path,
// main, deps, settings (and raw_modinfo); other fields are left alone.
bool parse_modinfo(std::string_view modinfo, BuildInfo* out, std::string* err);

// runtime/debug.BuildInfo.String() with GoVersion suppressed, i.e. the lines
// `go version -m` indents under the version line. "" when there is nothing.
std::string format_modinfo(const BuildInfo& bi);

// The value of the first build setting named key, or "" (Go's settings are
// looked up the same way by cmd/go).
std::string setting(const BuildInfo& bi, std::string_view key);

// The binary's built-in default GOROOT (runtime.defaultGOROOT).
enum class DefaultGoroot : uint8_t {
  unknown,  // could not be established from the file; do not guess
  none,     // the linker set no default: runtime.GOROOT() is "" when GOROOT is unset
  known,    // path holds it
};
struct DefaultGorootResult {
  DefaultGoroot kind = DefaultGoroot::unknown;
  // For known: filepath.Clean(runtime.GOROOT()) as the binary's own OS would
  // compute it with $GOROOT unset (what its `go env GOROOT` falls back to).
  std::string path;
  // For unknown (and for none): a short reason, for diagnostics.
  std::string why;
};
// Reads the build info too (the version gates the rule); pass info to get it
// without a second read_buildinfo (info->go_version stays "" when the file
// has none). Costs the build-info reads plus the pclntab header and file
// table (~25-40 KB for cmd/go); PE binaries also read their COFF symbols.
DefaultGorootResult read_default_goroot(ReadableFile& f, BuildInfo* info = nullptr);

}  // namespace gs
