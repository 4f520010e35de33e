#include "segment/gobinary.h"

#ifdef GS_HAVE_BUILDINFO
#include "segment/buildinfo.h"
#endif

namespace gs {

void inspect_go_binary(Disk& disk, const std::string& path, GoBinary* go) {
  std::unique_ptr<ReadableFile> f = disk.open_read(path);
  if (!f) {
    go->error = "cannot open " + path;
    return;
  }
#ifdef GS_HAVE_BUILDINFO
  BuildInfo bi;
  std::string err;
  if (!read_buildinfo(*f, &bi, &err)) {
    go->error = err;
    return;
  }
  go->version = bi.go_version;
  go->goos = setting(bi, "GOOS");
  go->goarch = setting(bi, "GOARCH");
#else
  go->error = "build info reader not built";
#endif
}

}  // namespace gs
