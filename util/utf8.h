// UTF-8, as Go's unicode/utf8 package reads and writes it: the one decoder
// and the one encoder every other file uses.
//
// Decoding follows utf8.DecodeRuneInString (unicode/utf8/utf8.go): an invalid
// byte - a stray continuation byte, a truncated sequence, an overlong form, a
// surrogate (U+D800..U+DFFF) or a value past U+10FFFF - decodes as U+FFFD
// with length 1, so the caller steps one byte and the next byte is tried on
// its own. Encoding follows utf8.AppendRune: a rune that is not a valid
// Unicode scalar value is written as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gs {

inline constexpr uint32_t kRuneError = 0xFFFD;  // utf8.RuneError

// utf8.ValidRune: a Unicode scalar value (no surrogates, at most U+10FFFF).
constexpr bool valid_rune(uint32_t r) { return r < 0xD800 || (r > 0xDFFF && r <= 0x10FFFF); }

// utf8.DecodeRuneInString(s[i:]): sets *r and returns the length (1-4).
// i must be < s.size(). An invalid byte gives *r = U+FFFD and length 1; a
// real U+FFFD in the input gives length 3.
size_t decode_rune(std::string_view s, size_t i, uint32_t* r);

// utf8.AppendRune: appends r's encoding (U+FFFD's for an invalid rune).
void append_rune(std::string* out, uint32_t r);

}  // namespace gs
