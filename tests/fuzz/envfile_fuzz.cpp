// The go env file parser (cfg.readEnvFile's rules). Invariants: every entry
// has a key starting with 'A'..'Z' and no '=' in it, and neither key nor
// value holds a newline; writing the entries back as KEY=VALUE lines parses
// to the same entries; find() returns the last duplicate.
#include "segment/golang/envfile.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  EnvFile f = parse_env_file(in);
  std::string out;
  for (const auto& [k, v] : f.entries) {
    FUZZ_CHECK(!k.empty() && k[0] >= 'A' && k[0] <= 'Z');
    FUZZ_CHECK(k.find('=') == std::string::npos && k.find('\n') == std::string::npos);
    FUZZ_CHECK(v.find('\n') == std::string::npos);
    FUZZ_CHECK(in.find(k + "=" + v) != std::string_view::npos);
    out += k + "=" + v + "\n";
  }
  EnvFile again = parse_env_file(out);
  FUZZ_CHECK(again.entries == f.entries);
  for (const auto& [k, v] : f.entries) {
    const std::string* last = f.find(k);
    FUZZ_CHECK(last != nullptr);
    for (auto it = f.entries.rbegin(); it != f.entries.rend(); ++it)
      if (it->first == k) {
        FUZZ_CHECK(*last == it->second);
        break;
      }
  }
  FUZZ_CHECK(f.crlf == (in.find("\r\n") != std::string_view::npos || (!in.empty() && in.back() == '\r')));
  return 0;
}
