// Which environment variables can change what the probe finds, so that
// the prompt's cache key and the shell hooks' skip check both cover them.
#pragma once

#include <span>
#include <string_view>

namespace gs {

// The environment variables whose values can change the answer (everything the probe reads): every GO*,
// PATH, the home and config/cache directories, NO_COLOR, SHELL, PATHEXT,
// and what version managers read (ASDF_*, MISE_*, G_HOME, GVM_ROOT, ...).
// The shell hooks mirror this rule: any name starting with GO in any case,
// or with one of key_var_prefixes(), and the names key_var_names() lists.
bool key_relevant_var(std::string_view name);
std::span<const std::string_view> key_var_names();
std::span<const std::string_view> key_var_prefixes();

}  // namespace gs
