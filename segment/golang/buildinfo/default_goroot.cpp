// A Go binary's built-in default GOROOT (runtime.defaultGOROOT), read from
// the executable file.
//
// DEFAULT GOROOT. runtime.defaultGOROOT is a string variable with no fixed
// place in a stripped binary, so it is recovered from what the linker wrote
// next to it. The rule, from cmd/link (go1.19-1.22: gorootFinal() =
// $GOROOT_FINAL or buildcfg.GOROOT; go1.23+: buildcfg.GOROOT, GOROOT_FINAL
// gone):
//   main.go:  defaultGOROOT = F, unless F is "" (1.23+: cmd/go clears GOROOT
//             for -trimpath) or "$GOROOT" (1.19-1.22: cmd/go sets
//             GOROOT_FINAL=$GOROOT for -trimpath), in which case it is unset.
//   pcln.go:  expandGoroot() rewrites each pclntab file name "$GOROOT/..."
//             (objabi.AbsFile's spelling of a file under GOROOT) to
//             filepath.ToSlash(filepath.Join(F, ...)) - with the same F - and
//             leaves it alone when F is "" ("$GOROOT" joins to itself).
//   cmd/go:   with -trimpath, the compiler rewrites a std package's directory
//             to its import path, so runtime's files become "runtime/X.go".
// runtime.main lives in runtime/proc.go, so every Go binary's pclntab file
// table names that file exactly once, as one of:
//   "runtime/proc.go"               built with -trimpath: no default (none)
//   "$GOROOT/src/runtime/proc.go"   F was empty or "$GOROOT": none
//   "<P>/src/runtime/proc.go", P absolute: the default is P
//                                   (= ToSlash(Clean(F)); we return it the way
//                                   the binary's OS's filepath.Clean spells it)
// Anything else - no such name, two different absolute ones (a user file
// named .../src/runtime/proc.go), an older pclntab layout - is unknown.
// Relative "<P>/src/runtime/proc.go" names are -trimpath user files (module
// paths), never the runtime's, and are ignored. Guards, each returning
// unknown: the Go version must be go1.19+ or a devel build (before 1.19 a
// -trimpath link embedded a bogus "go"/"$GOROOT"; go.dev/issue/51461), and
// the recorded -ldflags must not mention defaultGOROOT (-X is applied after
// the linker's own value and would override it). One blind spot remains: a
// -trimpath build (which does not record -ldflags) that sets
// -X runtime.defaultGOROOT reads as none.
// Recent golang/go sources (past 1.25: main.go, pcln.go) still pair the
// two the same way, so the rule is applied to newer versions too.
// Verified (tests/e2e/test_buildinfo_real.py) against `go env GOROOT` of
// copies of Debian's go 1.19 (known: /usr/lib/go-1.19) and 1.21-1.23
// (-trimpath: none) binaries run outside any GOROOT with GOROOT unset, and
// against runtime.GOROOT() printed by programs built with and without
// -trimpath by each installed SDK (plus GOROOT_FINAL=/opt/final-goroot with
// go1.22, a PIE, and -X runtime.defaultGOROOT, which reads as unknown);
// cross-compiled windows/darwin builds agree with their linux twins.
// Cost: the container headers plus the pclntab header and file table (about
// 25-40 KB for cmd/go); PE has no pclntab section, so its COFF symbol table
// is read to find runtime.pclntab (unknown when stripped).

#include "segment/golang/buildinfo/buildinfo_internal.h"

namespace gs::buildinfo_detail {

namespace {

// ---------------------------------------------------------------- default GOROOT

DefaultGorootResult unknown_goroot(std::string why) {
  DefaultGorootResult r;
  r.kind = DefaultGoroot::unknown;
  r.why = std::move(why);
  return r;
}

// go1.19 or later, or a development build; see the comment at the top.
bool version_has_reliable_goroot(std::string_view v) {
  if (starts_with(v, "devel")) return true;
  if (!starts_with(v, "go1.")) return false;
  v.remove_prefix(4);
  unsigned minor = 0;
  size_t i = 0;
  while (i < v.size() && i < 6 && v[i] >= '0' && v[i] <= '9') minor = minor * 10 + (v[i++] - '0');
  return i > 0 && minor >= 19;
}

// The pclntab's file-name table (Go 1.18+ layout: magic 0xfffffff0/1).
bool read_filetab(Reader& r, uint64_t off, uint64_t size, std::string* tab, std::string* why) {
  // One read covers the largest header (8 bytes + 8 words of 8).
  uint8_t h[8 + 8 * 8] = {};
  if (size < 8 || !r.read(off, h, static_cast<size_t>(std::min<uint64_t>(size, sizeof h)))) {
    return *why = "bad pclntab", false;
  }
  const uint32_t le = u32(h, false), be_magic = u32(h, true);
  bool be;
  if (le == 0xfffffff0 || le == 0xfffffff1) {
    be = false;
  } else if (be_magic == 0xfffffff0 || be_magic == 0xfffffff1) {
    be = true;
  } else {
    return *why = "unsupported pclntab version", false;
  }
  const uint8_t quantum = h[6], ptr = h[7];
  if (h[4] != 0 || h[5] != 0 || (quantum != 1 && quantum != 2 && quantum != 4) || (ptr != 4 && ptr != 8)) {
    return *why = "bad pclntab header", false;
  }
  if (size < 8 + 8 * uint64_t{ptr}) return *why = "bad pclntab header", false;
  auto word = [&](int i) { return ptr == 4 ? uint64_t{u32(h + 8 + 4 * i, be)} : u64(h + 8 + 8 * i, be); };
  const uint64_t filetab = word(5), pctab = word(6);
  constexpr uint64_t kMaxFiletab = 16 << 20;
  if (filetab > pctab || pctab > size || pctab - filetab > kMaxFiletab) return *why = "bad pclntab offsets", false;
  if (!r.read(off + filetab, pctab - filetab, tab)) return *why = "short pclntab", false;
  return true;
}

// Applies the rule at the top of this file to the file-name table.
DefaultGorootResult classify_filetab(std::string_view tab, ExeFormat format) {
  constexpr std::string_view kTrimmed = "runtime/proc.go";
  constexpr std::string_view kSuffix = "/src/runtime/proc.go";
  std::vector<std::string_view> found;  // distinct runtime/proc.go spellings
  while (!tab.empty()) {
    size_t nul = tab.find('\0');
    std::string_view name = tab.substr(0, nul);
    tab.remove_prefix(nul == std::string_view::npos ? tab.size() : nul + 1);
    bool is_runtime = name == kTrimmed;
    if (!is_runtime && name.size() >= kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix) {
      std::string_view p = name.substr(0, name.size() - kSuffix.size());
      bool drive = p.size() >= 2 && p[1] == ':' && ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') &&
                   (p.size() == 2 || p[2] == '/');
      is_runtime = p == "$GOROOT" || p.empty() || p[0] == '/' || drive;
    }
    if (is_runtime && std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  }
  if (found.empty()) return unknown_goroot("no runtime source file name in pclntab");
  if (found.size() > 1) return unknown_goroot("ambiguous runtime source file names in pclntab");
  DefaultGorootResult res;
  std::string_view name = found[0];
  if (name == kTrimmed) {
    res.kind = DefaultGoroot::none;
    res.why = "built with -trimpath";
    return res;
  }
  std::string_view p = name.substr(0, name.size() - kSuffix.size());
  if (p == "$GOROOT") {
    res.kind = DefaultGoroot::none;
    res.why = "linked without a GOROOT";
    return res;
  }
  res.kind = DefaultGoroot::known;
  res.path = std::string(p);
  if (format == ExeFormat::pe) {
    // Windows' filepath.Clean turns slashes into backslashes and keeps a
    // drive's root.
    std::replace(res.path.begin(), res.path.end(), '/', '\\');
    if (res.path.empty() || (res.path.size() == 2 && res.path[1] == ':')) res.path += '\\';
  } else if (res.path.empty()) {
    res.path = "/";
  }
  return res;
}

}  // namespace


}  // namespace gs::buildinfo_detail

namespace gs {

using namespace buildinfo_detail;

DefaultGorootResult read_default_goroot(ReadableFile& f, BuildInfo* info) {
  Reader top(f);
  Failure fl;
  BuildInfo local;
  BuildInfo& bi = info ? *info : local;
  Exe x;
  std::unique_ptr<Reader> sub;
  if (!read_all(top, &bi, &fl, &x, &sub)) {
    bi = BuildInfo{};
    return unknown_goroot("no Go build info: " + fl.msg);
  }
  Reader& r = sub ? *sub : top;
  if (!version_has_reliable_goroot(bi.go_version)) {
    return unknown_goroot("built by " + bi.go_version + ", before go1.19");
  }
  if (setting(bi, "-ldflags").find("defaultGOROOT") != std::string::npos) {
    return unknown_goroot("-ldflags may set runtime.defaultGOROOT");
  }
  uint64_t off = x.pclntab_off, size = x.pclntab_size;
  std::string why;
  if (x.format == ExeFormat::pe) {
    if (!pe_pclntab(r, x, &off, &size, &why)) return unknown_goroot(why);
  } else if (!x.has_pclntab) {
    return unknown_goroot("no pclntab section");
  }
  std::string tab;
  if (!read_filetab(r, off, size, &tab, &why)) return unknown_goroot(why);
  return classify_filetab(tab, x.format);
}

}  // namespace gs
