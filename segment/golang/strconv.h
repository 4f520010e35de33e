// Go's strconv.Quote, as `go` uses it (%q in error messages).
#pragma once

#include <string>
#include <string_view>

// Moved to util/ (issue 16); included here so files that reach them through
// this header keep building until their includes are switched.
#include "util/json.h"  // append_json_string, JsonStyle
#include "util/utf8.h"  // decode_rune

namespace gs {

// strconv.Quote. Non-ASCII runes count as printable except C1 controls and a
// few format characters (unicode.IsPrint's full tables are not reproduced).
std::string go_quote(std::string_view s);

}  // namespace gs
