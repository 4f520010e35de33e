// make_private_temp_dir on POSIX: mkdtemp under $TMPDIR (else /tmp).
#include <unistd.h>

#include <cstdlib>

#include "util/temp_dir.h"

namespace gs {

std::string make_private_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = (tmp && tmp[0] == '/') ? tmp : "/tmp";
  tmpl += "/gostatus-bench-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return "";  // mkdtemp creates it 0700
  return tmpl;
}

}  // namespace gs
