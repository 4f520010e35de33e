// The go env files (the user's `go env -w` file and $GOROOT/go.env), parsed
// exactly as cmd/go/internal/cfg.readEnvFile does: lines split at '\n', the
// key is everything before the first '=', a line counts only if it starts
// with 'A'..'Z', nothing is trimmed or unquoted (a CRLF file leaves '\r' on
// every value), and a later duplicate overrides an earlier one.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs {

struct EnvFile {
  // In file order, duplicates kept; lookups use the last.
  std::vector<std::pair<std::string, std::string>> entries;
  bool crlf = false;  // some line ended in "\r\n"

  const std::string* find(std::string_view key) const;
};

EnvFile parse_env_file(std::string_view data);

}  // namespace gs
