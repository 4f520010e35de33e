// JSON strings: the one writer (encoding/json's string encoder, in the style
// of the go version being imitated) and the one reader (a JSON string, as in
// what `go env -json` prints; segment/probe/go_query.cpp reads that object).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gs {

// How encoding/json writes a string. The go version decides the first two
// (segment/golang/rules.h: json_short_bf, json_raw_replacement).
struct JsonStyle {
  bool short_bf = true;          // go1.22+: \b and \f instead of \u0008, \u000c
  bool raw_replacement = false;  // go1.27+ (json/v2): invalid UTF-8 as raw U+FFFD, not \ufffd
  bool escape_html = true;       // json.Encoder's default: <, >, & as \u003c, \u003e, \u0026
};

// encoding/json's string encoder (encode.go appendString; from go1.27
// jsontext's with the v1 options): ", \ and control characters escaped,
// U+2028 and U+2029 as \u2028 / \u2029, invalid UTF-8 replaced by U+FFFD,
// and with style.escape_html the HTML characters too.
void append_json_string(std::string* out, std::string_view s, JsonStyle style = {});

// Reads the JSON string starting at s[*i] (which must be '"') into *out and
// moves *i past its closing quote. Decodes like encoding/json (decode.go
// unquoteBytes): escapes \" \\ \/ \b \f \n \r \t \uXXXX, a \uD8xx\uDCxx pair
// as one rune, a lone surrogate and invalid UTF-8 as U+FFFD. False on a
// control character, an unknown escape or a missing closing quote.
bool read_json_string(std::string_view s, size_t* i, std::string* out);

}  // namespace gs
