// An in-memory Disk for unit tests, after ninja's VirtualFileSystem: files,
// directories and symlinks in a map, a fake clock, and a log of every call
// so a test can assert exactly what disk work the code under test did.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "util/disk.h"

namespace gs {

class FakeDisk : public Disk {
 public:
  // How paths are spelled. posix: '/' only, case-sensitive. windows: '/' and
  // '\\' both separate, "C:" is a top-level directory (so "C:\\Go" and
  // "c:/go" are one node), names compare ignoring ASCII case, as on NTFS.
  // The default is the host's, because code under test joins paths with
  // the host's separator; POSIX-style absolute paths ("/src/a") work in both.
  enum class Paths { posix, windows };
#ifdef _WIN32
  static constexpr Paths kHostPaths = Paths::windows;
#else
  static constexpr Paths kHostPaths = Paths::posix;
#endif

  struct Node {
    FileKind kind = FileKind::regular;
    std::string content;   // file bytes, or the symlink target
    uint32_t mode = 0644;
    uint32_t uid = 1000;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;
    uint64_t ino = 0;
    bool unreadable = false;
  };

  explicit FakeDisk(Paths paths = kHostPaths);

  // Builders. Parent directories are created as needed. Each call advances
  // the fake clock by one second and stamps the node (and its parent
  // directory, as a real filesystem does when an entry is added).
  void add_file(const std::string& path, std::string content, uint32_t mode = 0644);
  void add_exe(const std::string& path, std::string content = "#!exe") { add_file(path, std::move(content), 0755); }
  void add_dir(const std::string& path, uint32_t mode = 0755);
  void add_symlink(const std::string& path, const std::string& target);
  void add_fifo(const std::string& path);
  void erase(const std::string& path);
  void touch(const std::string& path);   // bump mtime/ctime
  Node* node(const std::string& path);   // exact (no symlink resolution)

  int64_t clock_ns = 1'700'000'000'000'000'000;
  uint32_t uid = 1000;

  // Every call, as "op path" ("stat /usr/bin/go", "open /x", "readlink /y").
  std::vector<std::string> log;
  void clear_log() { log.clear(); }
  // How many calls of op were made (op = "stat", "lstat", "open", ...).
  size_t count(const std::string& op) const;

  // Disk
  FileStat stat(const std::string& path) override;
  FileStat lstat(const std::string& path) override;
  bool read_link(const std::string& path, std::string* target) override;
  bool is_executable(const std::string& path) override;
  std::unique_ptr<ReadableFile> open_read(const std::string& path) override;
  bool make_dir(const std::string& path, uint32_t mode) override;
  bool write_new_file(const std::string& path, std::string_view data, uint32_t mode) override;
  bool rename(const std::string& from, const std::string& to) override;
  bool remove(const std::string& path) override;
  bool list_dir(const std::string& path, std::vector<DirEntry>* entries) override;
  int64_t now_ns() override { return clock_ns; }
  uint32_t current_uid() override { return uid; }

 private:
  // Resolves path to the key of an existing node; follow_last decides
  // whether a symlink in the last position is followed. Returns false for a
  // missing path; *loop is set on too many links.
  bool resolve(const std::string& path, bool follow_last, std::string* key, bool* loop);
  FileStat stat_node(const std::string& key);
  void stamp_parent(const std::string& path);
  void ensure_parents(const std::string& path);

  // The node key of a path as written: absolute, '/'-separated.
  std::string key_of(const std::string& path) const;
  bool has_key_prefix(const std::string& key, const std::string& prefix) const;
  struct KeyLess {
    bool fold_case = false;
    bool operator()(const std::string& a, const std::string& b) const;
  };

  Paths paths_;
  std::map<std::string, Node, KeyLess> nodes_;
  uint64_t next_ino_ = 100;
};

}  // namespace gs
