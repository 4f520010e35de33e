// Go's string formatting that `go` output depends on: strconv.Quote (%q in
// error messages) and encoding/json's string encoder (go env -json).
#pragma once

#include <string>
#include <string_view>

namespace gs {

// strconv.Quote. Non-ASCII runes count as printable except C1 controls and a
// few format characters (unicode.IsPrint's full tables are not reproduced).
std::string go_quote(std::string_view s);

// encoding/json's encodeState.string with HTML escaping on (json.Encoder's
// default). short_bf: go1.22+ write \b and \f instead of \u0008, \u000c.
void append_json_string(std::string* out, std::string_view s, bool short_bf);

// Decodes one UTF-8 rune at s[i]; returns its length and sets *r (0xFFFD
// and length 1 for an invalid byte, as Go's utf8.DecodeRuneInString).
size_t decode_rune(std::string_view s, size_t i, uint32_t* r);

}  // namespace gs
