// gostatus: the Go environment's health in one prompt line, computed from
// files (never by running go). Flags are parsed into a plain Options struct
// and each command is a function, as ninja does.
#include <cstring>
#include <string>
#include <vector>

#include "segment/app.h"
#include "util/output.h"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  args.reserve(static_cast<size_t>(argc));
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  gs::AppOutput out = gs::run_app(args, gs::Environ::current(), gs::real_disk());
  gs::write_stderr(out.err);
  gs::write_stdout(out.out);
  return out.exit_code;
}
