// The one quoting module: a string as one word of a shell's language, and
// the reverse (a flag string split into words the way a POSIX shell does).
//
// Two uses, two forms:
// - code a shell evaluates (the hook, the export lines): quote_posix,
//   quote_fish, quote_pwsh. Any bytes come through exactly.
// - commands a person reads and pastes (doctor's fixes): quote_readable
//   leaves a plain word bare, and for PowerShell writes the text as it is
//   (the person's console shows it); its result is a POSIX word for bash,
//   zsh and fish alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "segment/shell/shell.h"

namespace gs {

// Each returns one word of the shell's language that evaluates to exactly s
// (NUL bytes, which no environment variable can hold, are dropped).
std::string quote_posix(std::string_view s);  // bash and zsh
std::string quote_fish(std::string_view s);
std::string quote_pwsh(std::string_view s);   // an ASCII expression of type string

// For fix text. POSIX (bash, zsh, fish): a word of letters, digits and
// /._-+:,=@% as it is, else quote_posix. PowerShell: '...' with ' doubled,
// the bytes as they are.
std::string quote_readable(Shell shell, std::string_view s);

// Splits a flag string the way a POSIX shell splits words (no expansion).
bool split_words(std::string_view s, std::vector<std::string>* out, std::string* err);

}  // namespace gs
