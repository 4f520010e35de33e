// Go's string formatting that `go` output depends on: strconv.Quote (%q in
// error messages) and encoding/json's string encoder (go env -json).
#pragma once

#include <string>
#include <string_view>

#include "util/utf8.h"  // decode_rune, for files that include only this header

namespace gs {

// strconv.Quote. Non-ASCII runes count as printable except C1 controls and a
// few format characters (unicode.IsPrint's full tables are not reproduced).
std::string go_quote(std::string_view s);

// How encoding/json writes a string, per go version (segment/golang/rules.h).
struct JsonStyle {
  bool short_bf = true;          // go1.22+: \b and \f instead of \u0008, \u000c
  bool raw_replacement = false;  // go1.27+ (json/v2): invalid UTF-8 as raw U+FFFD, not \ufffd
};

// encoding/json's string encoder with HTML escaping on (json.Encoder's
// default): encode.go appendString, or from go1.27 jsontext's with the v1
// options (escape <, >, &, U+2028, U+2029).
void append_json_string(std::string* out, std::string_view s, JsonStyle style = {});

}  // namespace gs
