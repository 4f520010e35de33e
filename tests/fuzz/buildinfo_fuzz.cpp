// The build-info reader (ELF, PE, Mach-O, XCOFF, Plan 9) on any file.
// Invariants beyond "no crash": a read never fails with an I/O error on a
// file that always reads; what read_buildinfo accepts, read_default_goroot
// accepts with the same version and module text; the module text re-prints
// to itself (format_modinfo is a fixpoint of parse_modinfo); a known default
// GOROOT is a non-empty path. Agreement with `go version -m` is checked on
// the real seeds by scripts/fuzz.sh, outside fuzzing.
#include "segment/golang/buildinfo/buildinfo.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::FuzzFile file(fuzz::as_view(data, size));
  BuildInfo bi;
  std::string err;
  bool io_error = true;
  const bool ok = read_buildinfo(file, &bi, &err, &io_error);
  FUZZ_CHECK(!io_error);
  FUZZ_CHECK(ok || !err.empty());
  if (ok) {
    FUZZ_CHECK(!bi.go_version.empty());
    std::string text = format_modinfo(bi);
    BuildInfo again;
    std::string perr;
    FUZZ_CHECK(parse_modinfo(text, &again, &perr));
    FUZZ_CHECK(format_modinfo(again) == text);
  }
  BuildInfo info;
  DefaultGorootResult g = read_default_goroot(file, &info);
  FUZZ_CHECK(ok == !info.go_version.empty());
  if (ok) FUZZ_CHECK(info.go_version == bi.go_version && info.raw_modinfo == bi.raw_modinfo);
  if (g.kind == DefaultGoroot::known) FUZZ_CHECK(!g.path.empty());
  else FUZZ_CHECK(!g.why.empty());
  return 0;
}
