// The filesystem seam. Everything gostatus does to files goes through Disk:
// the real implementation talks to the OS, FakeDisk (tests/fake_disk.h)
// keeps files in memory and logs every call, so tests can pin down not only
// results but how much disk work a run did.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

enum class FileKind : uint8_t {
  missing = 0,   // ENOENT / ENOTDIR: nothing there
  regular = 1,
  directory = 2,
  symlink = 3,   // only from lstat
  other = 4,     // FIFO, socket, device
  error = 5,     // exists or not, we could not tell (EACCES, ELOOP, ...)
};

// What one stat observed. This is also the cache's dependency signature, so
// it carries everything that changes when a file is replaced or edited.
struct FileStat {
  FileKind kind = FileKind::missing;
  uint32_t mode = 0;      // permission bits (st_mode & 07777)
  uint32_t uid = 0;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t dev = 0;       // device (Windows: volume serial number)
  uint64_t ino = 0;       // inode (Windows: file index)

  bool exists() const { return kind != FileKind::missing && kind != FileKind::error; }
  bool is_dir() const { return kind == FileKind::directory; }
  bool is_regular() const { return kind == FileKind::regular; }
  bool operator==(const FileStat&) const = default;
};

// A regular file opened for random-access reads (the go binary's build info
// lives somewhere in a file of tens of megabytes; nobody reads all of it).
class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  virtual uint64_t size() const = 0;
  // Reads up to n bytes at offset. Returns the count read (short at EOF), -1 on error.
  virtual int64_t read_at(uint64_t offset, void* buf, size_t n) = 0;
};

struct DirEntry {
  std::string name;
};

class Disk {
 public:
  virtual ~Disk() = default;

  // stat(2): follows symlinks.
  virtual FileStat stat(const std::string& path) = 0;
  // lstat(2): a symlink is reported as FileKind::symlink.
  virtual FileStat lstat(const std::string& path) = 0;
  virtual bool read_link(const std::string& path, std::string* target) = 0;
  // True when path names something this user may execute (access(X_OK); on
  // Windows, any existing regular file).
  virtual bool is_executable(const std::string& path) = 0;

  // Opens a regular file for reading. Never blocks: a FIFO, a device or a
  // directory yields nullptr, as does anything unreadable.
  virtual std::unique_ptr<ReadableFile> open_read(const std::string& path) = 0;
  // Reads a whole regular file of at most max_bytes. False (and *out cleared)
  // for anything else: missing, not regular, unreadable, too large.
  virtual bool read_file(const std::string& path, size_t max_bytes, std::string* out);

  // The write side, used only by the cache's store path.
  virtual bool make_dir(const std::string& path, uint32_t mode) = 0;
  // Creates path exclusively (fails if it exists) with mode and writes data.
  virtual bool write_new_file(const std::string& path, std::string_view data, uint32_t mode) = 0;
  virtual bool rename(const std::string& from, const std::string& to) = 0;
  virtual bool remove(const std::string& path) = 0;
  virtual bool list_dir(const std::string& path, std::vector<DirEntry>* entries) = 0;

  // The current time, as the filesystem would stamp a file now (ns since epoch).
  virtual int64_t now_ns() = 0;
  // The effective user id (Windows: 0); a cache directory must be ours.
  virtual uint32_t current_uid() = 0;
};

// A registry key as a pseudo-path, so that a cache entry can depend on it
// as on a file: on Windows, stat()/lstat() of "registry:HKCU\\Environment"
// (or HKLM\\...) report kind regular, the key's last-write time as mtime_ns
// and ctime_ns, and its value count as size; a missing key is missing.
// Nowhere else does such a path exist.
inline constexpr std::string_view kRegistryPathPrefix = "registry:";

// The process-wide real filesystem.
Disk& real_disk();

}  // namespace gs
