// Disk on POSIX systems.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "util/disk.h"

namespace gs {
namespace {

int64_t ts_ns(const struct timespec& ts) {
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

FileStat from_stat(const struct stat& st) {
  FileStat s;
  if (S_ISREG(st.st_mode)) s.kind = FileKind::regular;
  else if (S_ISDIR(st.st_mode)) s.kind = FileKind::directory;
  else if (S_ISLNK(st.st_mode)) s.kind = FileKind::symlink;
  else s.kind = FileKind::other;
  s.mode = st.st_mode & 07777;
  s.uid = st.st_uid;
  s.size = static_cast<uint64_t>(st.st_size);
#if defined(__APPLE__)
  s.mtime_ns = ts_ns(st.st_mtimespec);
  s.ctime_ns = ts_ns(st.st_ctimespec);
#else
  s.mtime_ns = ts_ns(st.st_mtim);
  s.ctime_ns = ts_ns(st.st_ctim);
#endif
  s.dev = static_cast<uint64_t>(st.st_dev);
  s.ino = static_cast<uint64_t>(st.st_ino);
  return s;
}

FileStat from_errno(int err) {
  FileStat s;
  s.kind = (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG) ? FileKind::missing
                                                                     : FileKind::error;
  return s;
}

class PosixFile : public ReadableFile {
 public:
  PosixFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~PosixFile() override { ::close(fd_); }
  uint64_t size() const override { return size_; }
  int64_t read_at(uint64_t offset, void* buf, size_t n) override {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, static_cast<char*>(buf) + done, n - done,
                          static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return done ? static_cast<int64_t>(done) : -1;
      }
      if (r == 0) break;
      done += static_cast<size_t>(r);
    }
    return static_cast<int64_t>(done);
  }

 private:
  int fd_;
  uint64_t size_;
};

class PosixDisk : public Disk {
 public:
  FileStat stat(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return from_errno(errno);
    return from_stat(st);
  }
  FileStat lstat(const std::string& path) override {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return from_errno(errno);
    return from_stat(st);
  }
  bool read_link(const std::string& path, std::string* target) override {
    char buf[4096];
    ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
    if (n < 0 || static_cast<size_t>(n) >= sizeof buf) return false;
    target->assign(buf, static_cast<size_t>(n));
    return true;
  }
  bool is_executable(const std::string& path) override {
    return ::access(path.c_str(), X_OK) == 0;
  }
  std::unique_ptr<ReadableFile> open_read(const std::string& path) override {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return nullptr;
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return nullptr;
    }
    return std::make_unique<PosixFile>(fd, static_cast<uint64_t>(st.st_size));
  }
  bool make_dir(const std::string& path, uint32_t mode) override {
    return ::mkdir(path.c_str(), mode) == 0 || errno == EEXIST;
  }
  bool write_new_file(const std::string& path, std::string_view data, uint32_t mode) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return false;
    size_t done = 0;
    while (done < data.size()) {
      ssize_t w = ::write(fd, data.data() + done, data.size() - done);
      if (w < 0) {
        if (errno == EINTR) continue;
        break;
      }
      done += static_cast<size_t>(w);
    }
    bool ok = ::close(fd) == 0 && done == data.size();
    if (!ok) ::unlink(path.c_str());
    return ok;
  }
  bool rename(const std::string& from, const std::string& to) override {
    return ::rename(from.c_str(), to.c_str()) == 0;
  }
  bool remove(const std::string& path) override {
    return ::unlink(path.c_str()) == 0 || ::rmdir(path.c_str()) == 0;
  }
  bool list_dir(const std::string& path, std::vector<DirEntry>* entries) override {
    entries->clear();
    DIR* d = ::opendir(path.c_str());
    if (!d) return false;
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      entries->push_back(DirEntry{std::move(name)});
    }
    ::closedir(d);
    return true;
  }
  int64_t now_ns() override {
    struct timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return ts_ns(ts);
  }
  uint32_t current_uid() override { return static_cast<uint32_t>(::geteuid()); }
};

}  // namespace

Disk& real_disk() {
  static PosixDisk disk;
  return disk;
}

}  // namespace gs
