#include "util/disk.h"

namespace gs {

bool Disk::read_file(const std::string& path, size_t max_bytes, std::string* out) {
  out->clear();
  std::unique_ptr<ReadableFile> f = open_read(path);
  if (!f || f->size() > max_bytes) return false;
  out->resize(f->size());
  size_t done = 0;
  while (done < out->size()) {
    int64_t n = f->read_at(done, out->data() + done, out->size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  out->resize(done);
  return true;
}

}  // namespace gs
