// Go's strconv, the parts `go` output depends on: Quote (%q in error
// messages and `go version -m` build lines), QuoteRune, IsPrint with Go's
// own tables (segment/golang/isprint_table.h), and Unquote.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>


namespace gs {

// strconv.IsPrint (strconv/quote.go): letters, marks, numbers, punctuation,
// symbols and U+0020 - not other spaces, not controls, not format characters.
bool is_print(uint32_t r);

// strconv.Quote: "..." with \a \b \f \n \r \t \v, \xNN for a control byte and
// for each byte of invalid UTF-8, \uXXXX / \UXXXXXXXX for a rune that is not
// printable (is_print).
std::string go_quote(std::string_view s);

// strconv.QuoteRune: '...' (fmt's %q of a byte or rune).
std::string go_quote_rune(uint32_t r);

// strconv.QuotedPrefix + Unquote for "..." and `...` strings (the forms build
// lines use): on success sets *len to the length of the quoted prefix of s and
// (if out) *out to its value.
bool go_unquote_prefix(std::string_view s, size_t* len, std::string* out);

// strconv.Unquote for "..." and `...`: all of s must be the quoted string.
bool go_unquote(std::string_view s, std::string* out);

}  // namespace gs
