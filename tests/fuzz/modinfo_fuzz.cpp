// runtime/debug.ParseBuildInfo's text form on its own (the module text a
// binary carries), and the strconv quoting its build lines use. Invariants:
// what parses re-prints to a text that parses to the same re-print (a
// fixpoint); a quoted string unquotes to what was quoted.
#include "segment/golang/buildinfo/buildinfo.h"
#include "segment/golang/strconv.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  BuildInfo bi;
  std::string err;
  if (parse_modinfo(in, &bi, &err)) {
    FUZZ_CHECK(bi.raw_modinfo == in);
    std::string text = format_modinfo(bi);
    BuildInfo again;
    FUZZ_CHECK(parse_modinfo(text, &again, &err));
    FUZZ_CHECK(format_modinfo(again) == text);
    FUZZ_CHECK(again.settings.size() == bi.settings.size() && again.deps.size() == bi.deps.size());
    for (size_t i = 0; i < bi.settings.size(); i++) {
      FUZZ_CHECK(again.settings[i].key == bi.settings[i].key);
      FUZZ_CHECK(again.settings[i].value == bi.settings[i].value);
    }
  } else {
    FUZZ_CHECK(err.rfind("could not parse Go build info: line ", 0) == 0);
  }
  std::string q = go_quote(in);
  std::string back;
  FUZZ_CHECK(go_unquote(q, &back));
  // Invalid UTF-8 is quoted byte for byte (\xNN), so it comes back too.
  FUZZ_CHECK(back == in);
  return 0;
}
