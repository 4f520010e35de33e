// Go version strings (gover.parse / gover.Compare). The input is one or two
// versions separated by '\n'. Invariants: a parsed version re-prints as the
// input itself, or as the input's long form when the input left the minor
// or patch implicit ("1" -> "1.0.0", "1.20" -> "1.20.0"), and the re-print
// parses to the same version and compares equal; compare is antisymmetric
// and reflexive; a valid version named as a toolchain ("go" + v) gives v.
#include "segment/golang/version.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

namespace {

std::string print(const GoVersion& v) {
  std::string s = v.major;
  if (!v.minor.empty()) s += "." + v.minor;
  if (!v.kind.empty()) return s + v.kind + v.pre;
  if (!v.patch.empty()) s += "." + v.patch;
  return s;
}

int sign(int c) { return (c > 0) - (c < 0); }

void check_one(std::string_view x) {
  GoVersion v = parse_go_version(x);
  FUZZ_CHECK(compare_go_versions(x, x) == 0);
  if (!v.valid()) {
    FUZZ_CHECK(!is_lang_version(x));
    return;
  }
  std::string p = print(v);
  FUZZ_CHECK(p == x || x == v.major || x == v.major + "." + v.minor);
  FUZZ_CHECK(parse_go_version(p) == v);
  FUZZ_CHECK(compare_go_versions(x, p) == 0);
  if (x.find_first_of(" \t-/\\") == std::string_view::npos)
    FUZZ_CHECK(version_from_toolchain("go" + std::string(x)) == x);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  size_t nl = in.find('\n');
  std::string_view a = in.substr(0, nl);
  std::string_view b = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  check_one(a);
  check_one(b);
  FUZZ_CHECK(sign(compare_go_versions(a, b)) == -sign(compare_go_versions(b, a)));
  version_from_toolchain(in);
  toolchain_at_least(in, 21);
  return 0;
}
