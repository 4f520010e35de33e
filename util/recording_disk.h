// A Disk that forwards to another and remembers every path it observed, with
// what it saw. The cache turns that list into the entry's dependencies, so
// whatever the computation looked at is re-checked on every hit, by
// construction rather than by a hand-kept list.
#pragma once

#include <string>
#include <vector>

#include "util/disk.h"

namespace gs {

struct Observation {
  std::string path;
  bool follow = true;  // stat (true) or lstat (false)
  FileStat seen;
  bool listed = false; // a directory whose entries were read (list_dir)
};

class RecordingDisk : public Disk {
 public:
  explicit RecordingDisk(Disk& inner) : inner_(inner) {}

  const std::vector<Observation>& observations() const { return obs_; }

  FileStat stat(const std::string& path) override { return note(path, true, inner_.stat(path)); }
  FileStat lstat(const std::string& path) override { return note(path, false, inner_.lstat(path)); }
  bool read_link(const std::string& path, std::string* target) override {
    // The target changes only with a new link, which changes the lstat.
    note_lstat(path);
    return inner_.read_link(path, target);
  }
  bool is_executable(const std::string& path) override {
    note_stat(path);
    return inner_.is_executable(path);
  }
  std::unique_ptr<ReadableFile> open_read(const std::string& path) override {
    note_stat(path);
    return inner_.open_read(path);
  }
  bool make_dir(const std::string& p, uint32_t m) override { return inner_.make_dir(p, m); }
  bool write_new_file(const std::string& p, std::string_view d, uint32_t m) override {
    return inner_.write_new_file(p, d, m);
  }
  bool rename(const std::string& a, const std::string& b) override { return inner_.rename(a, b); }
  bool remove(const std::string& p) override { return inner_.remove(p); }
  // A listing depends on the directory's entries: its stat is recorded as
  // listed, so the cache compares its mtime too (cache::still_holds).
  bool list_dir(const std::string& p, std::vector<DirEntry>* e) override {
    note_stat(p);
    for (Observation& o : obs_)
      if (o.follow && o.path == p) o.listed = true;
    return inner_.list_dir(p, e);
  }
  int64_t now_ns() override { return inner_.now_ns(); }
  uint32_t current_uid() override { return inner_.current_uid(); }

 private:
  FileStat note(const std::string& path, bool follow, FileStat seen) {
    for (const Observation& o : obs_)
      if (o.follow == follow && o.path == path) return seen;
    obs_.push_back(Observation{path, follow, seen});
    return seen;
  }
  void note_stat(const std::string& path) {
    for (const Observation& o : obs_)
      if (o.follow && o.path == path) return;
    obs_.push_back(Observation{path, true, inner_.stat(path)});
  }
  void note_lstat(const std::string& path) {
    for (const Observation& o : obs_)
      if (!o.follow && o.path == path) return;
    obs_.push_back(Observation{path, false, inner_.lstat(path)});
  }

  Disk& inner_;
  std::vector<Observation> obs_;
};

}  // namespace gs
