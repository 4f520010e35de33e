// Output without iostreams: whole buffers to the standard handles, as UTF-8
// bytes on every platform (WriteFile on Windows, never a console codepage).
#pragma once

#include <string_view>

namespace gs {

void write_stdout(std::string_view s);
void write_stderr(std::string_view s);
// True when stdout is a terminal (for choosing glyphs and colour).
bool stdout_is_terminal();

}  // namespace gs
