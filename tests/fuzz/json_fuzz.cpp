// The JSON reader for `go env -json` output (the fallback spawn's answer)
// against the JSON string writer (encoding/json's rules, go env -json).
// Invariants: the values read, written back as go would write them, read
// back the same (after one trip, invalid UTF-8 has become U+FFFD as Go's
// encoder makes it; from then on the trip is exact); valid UTF-8 values
// come back unchanged at once.
#include "segment/probe/go_query.h"
#include "tests/fuzz/fuzz_check.h"
#include "util/json.h"
#include "util/utf8.h"

using namespace gs;

namespace {

std::string encode(const std::string& goroot, const std::string& goversion) {
  std::string out = "{\n\t\"GOROOT\": ";
  append_json_string(&out, goroot, JsonStyle{});
  out += ",\n\t\"GOVERSION\": ";
  append_json_string(&out, goversion, JsonStyle{});
  out += "\n}\n";
  return out;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    size_t n = decode_rune(s, i, &r);
    if (r == 0xFFFD && n == 1) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  std::string goroot, goversion;
  if (!parse_go_env_json(in, &goroot, &goversion)) return 0;
  std::string r1, v1, r2, v2;
  FUZZ_CHECK(parse_go_env_json(encode(goroot, goversion), &r1, &v1));
  if (valid_utf8(goroot)) FUZZ_CHECK(r1 == goroot);
  if (valid_utf8(goversion)) FUZZ_CHECK(v1 == goversion);
  FUZZ_CHECK(parse_go_env_json(encode(r1, v1), &r2, &v2));
  FUZZ_CHECK(r2 == r1 && v2 == v1);
  return 0;
}
