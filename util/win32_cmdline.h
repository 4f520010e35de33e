// Building a Windows command line from arguments (Windows only).
#pragma once

#include <string>

namespace gs {

// Appends one argument to cmd, preceded by a space unless cmd is empty,
// quoted the way CommandLineToArgvW and the MS C runtime parse it back
// (backslashes double only before a quote).
inline void append_windows_arg(std::wstring* cmd, const std::wstring& arg) {
  if (!cmd->empty()) cmd->push_back(L' ');
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    *cmd += arg;
    return;
  }
  cmd->push_back(L'"');
  size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    if (c == L'"') cmd->append(backslashes * 2 + 1, L'\\');
    else cmd->append(backslashes, L'\\');
    backslashes = 0;
    cmd->push_back(c);
  }
  cmd->append(backslashes * 2, L'\\');
  cmd->push_back(L'"');
}

}  // namespace gs
