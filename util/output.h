// Output without iostreams: whole buffers to the standard handles, as UTF-8
// bytes on every platform (WriteFile on Windows, never a console codepage).
#pragma once

#include <string_view>

namespace gs {

enum class WriteStatus { ok, broken_pipe, failed };

// timeout_ms < 0 waits as long as a write blocks; otherwise a reader that
// takes no bytes for that long (a full pipe nobody drains) ends the write.
WriteStatus write_stdout(std::string_view s, int timeout_ms = -1);
void write_stderr(std::string_view s);
// True when stdout is a terminal (for choosing glyphs and colour).
bool stdout_is_terminal();

// Makes a process started with a standard handle closed safe, and a closed
// pipe an error instead of a signal. POSIX: fds 0-2 that are closed are
// opened on /dev/null (otherwise the first file gostatus opens would become
// its stdout), and SIGPIPE is ignored (write_stdout reports broken_pipe).
void prepare_standard_handles();

}  // namespace gs
