// gostatus: the Go environment's health in one prompt line, computed from
// files (never by running go). Flags are parsed into a plain Options struct
// and each command is a function, as ninja does.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "segment/cli/app.h"
#include "util/output.h"

#if defined(GOSTATUS_STATIC_LINK) && defined(__GLIBCXX__) && defined(__linux__)
// libstdc++'s default terminate handler is __gnu_cxx::__verbose_terminate_handler,
// which prints the demangled type of an uncaught exception: it links the
// whole C++ demangler (about 40 KiB, with stdio) into the static binary that
// every prompt maps. Defining the variable libstdc++ keeps the handler in
// (eh_term_handler.o holds nothing else) keeps that object, and the
// demangler, out of the link. gostatus catches what it throws; an exception
// that escapes anyway still ends the process with abort(), as before, only
// without the message. Should a libstdc++ ever define this variable next to
// something we need, the link fails with a duplicate definition: loudly.
// Only in the static link (CMakeLists.txt): a dynamically linked build (the
// sanitizers') keeps libstdc++'s handler and its message.
namespace __cxxabiv1 {
std::terminate_handler __terminate_handler = std::abort;
}  // namespace __cxxabiv1
#endif

namespace {
// The prompt line waits this long for room in a full pipe, then gives up
// quietly: a prompt must never hang on its reader.
constexpr int kPromptWriteTimeoutMs = 1000;
}  // namespace

int main(int argc, char** argv) {
  gs::prepare_standard_handles();
  std::vector<std::string> args;
  args.reserve(static_cast<size_t>(argc));
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  gs::AppOutput out = gs::run_app(args, gs::Environ::current(), gs::real_disk());
  gs::write_stderr(out.err);
  gs::WriteStatus w = gs::write_stdout(out.out, out.prompt_line ? kPromptWriteTimeoutMs : -1);
  if (out.prompt_line) return 0;   // `gostatus | true` is not an error a prompt reports
#ifdef SIGPIPE
  // Any other command dies of a closed pipe as go does (a write to a broken
  // stdout raises SIGPIPE in a Go program), so `gostatus env X | true`
  // exits as `go env X | true` does.
  if (w == gs::WriteStatus::broken_pipe) {
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
  }
#else
  (void)w;
#endif
  return out.exit_code;
}
