// Disk on Windows: wide-character Win32 APIs only, UTF-8 paths converted at
// the call (util/win32_utf8.h).
//
// How the POSIX notions map:
//   stat / lstat   CreateFileW(FILE_READ_ATTRIBUTES, FILE_FLAG_BACKUP_SEMANTICS
//                  [| FILE_FLAG_OPEN_REPARSE_POINT for lstat]) on the path, then
//                  GetFileInformationByHandle (kind, size, volume serial, file
//                  index) and GetFileInformationByHandleEx(FileBasicInfo) for
//                  ChangeTime. stat follows symlinks and junctions (the
//                  kernel's reparse processing); lstat opens the reparse
//                  point itself and reports symlinks and junctions (mount
//                  points) as FileKind::symlink. Other reparse points (cloud
//                  placeholders, dedup, ...) are reported as what they stand
//                  for, a file or a directory; AF_UNIX sockets as `other`.
//   dev / ino      volume serial number / 64-bit file index.
//   mtime / ctime  LastWriteTime / ChangeTime (metadata change, the ctime
//                  analogue) as ns since the Unix epoch; ctime falls back to
//                  LastWriteTime when FileBasicInfo is not available.
//   mode           synthesized: 0644 (0444 when FILE_ATTRIBUTE_READONLY) for
//                  files, 0755 (0555) for directories, 0777 for links. Not
//                  Go's 0666/0777: a POSIX-minded "group/world-writable?" check
//                  must not fail on every Windows file.
//   uid            always 0, and current_uid() is 0: Windows has SIDs, not uids.
//   read_link      FSCTL_GET_REPARSE_POINT (see read_link below for why not
//                  GetFinalPathNameByHandleW).
//   rename         POSIX-semantics rename (FileRenameInfoEx) when the system
//                  has it, else MoveFileExW(MOVEFILE_REPLACE_EXISTING).
//   write_new_file CreateFileW(CREATE_NEW); the mode is ignored.
//
// Long paths: like Go's os.fixLongPath, an absolute drive path of 248 or more
// UTF-16 units is turned into the \\?\ form, so paths Go can use work here too.
#include <windows.h>
#include <winioctl.h>

#include <cstddef>
#include <cstring>
#include <vector>

#include "util/disk.h"
#include "util/registry_key_win32.h"
#include "util/win32_utf8.h"

namespace gs {
namespace {

// FILETIME (100 ns ticks since 1601-01-01) -> ns since 1970-01-01.
constexpr int64_t kEpochDelta100ns = 116444736000000000LL;

int64_t ticks_to_unix_ns(int64_t ticks) { return (ticks - kEpochDelta100ns) * 100; }

int64_t filetime_to_unix_ns(const FILETIME& ft) {
  return ticks_to_unix_ns(static_cast<int64_t>((static_cast<uint64_t>(ft.dwHighDateTime) << 32) |
                                               ft.dwLowDateTime));
}

bool is_sep(wchar_t c) { return c == L'\\' || c == L'/'; }

// Go's os.fixLongPath: \\?\ for long absolute drive paths without "..".
std::wstring fix_long_path(std::wstring p) {
  if (p.size() < 248) return p;
  if (p.size() >= 2 && is_sep(p[0]) && is_sep(p[1])) return p;  // UNC or already \\?\ .
  if (!(p.size() >= 3 && p[1] == L':' && is_sep(p[2]))) return p;  // relative
  std::wstring out = L"\\\\?";
  size_t r = 0, n = p.size();
  while (r < n) {
    if (is_sep(p[r])) {
      ++r;
    } else if (p[r] == L'.' && (r + 1 == n || is_sep(p[r + 1]))) {
      ++r;  // "/./"
    } else if (p[r] == L'.' && r + 1 < n && p[r + 1] == L'.' && (r + 2 == n || is_sep(p[r + 2]))) {
      return p;  // "/../" is left to the caller, as Go does
    } else {
      out.push_back(L'\\');
      for (; r < n && !is_sep(p[r]); ++r) out.push_back(p[r]);
    }
  }
  if (out.size() == 6) out.push_back(L'\\');  // "\\?\C:" -> "\\?\C:\"
  return out;
}

// The wide form of a UTF-8 path. An embedded NUL would silently shorten the
// path at the API boundary, so such a path names nothing (*ok = false).
std::wstring wpath(const std::string& path, bool* ok) {
  *ok = path.find('\0') == std::string::npos;
  return fix_long_path(utf8_to_wide(path));
}

bool not_found_error(DWORD err) {
  switch (err) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:          // also "file.txt\" (the ENOTDIR case)
    case ERROR_BAD_PATHNAME:
    case ERROR_DIRECTORY:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
    case ERROR_FILENAME_EXCED_RANGE:  // ENAMETOOLONG
    case ERROR_NOT_READY:             // a drive letter with no medium
      return true;
    default:
      return false;
  }
}

FileStat from_error(DWORD err) {
  FileStat s;
  s.kind = not_found_error(err) ? FileKind::missing : FileKind::error;
  return s;
}

class Handle {
 public:
  explicit Handle(HANDLE h = INVALID_HANDLE_VALUE) : h_(h) {}
  ~Handle() {
    if (ok()) ::CloseHandle(h_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  bool ok() const { return h_ != INVALID_HANDLE_VALUE && h_ != nullptr; }
  HANDLE get() const { return h_; }
  HANDLE release() {
    HANDLE h = h_;
    h_ = INVALID_HANDLE_VALUE;
    return h;
  }

 private:
  HANDLE h_;
};

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

// Opens path for metadata queries only (no read access needed, works on
// directories thanks to FILE_FLAG_BACKUP_SEMANTICS).
HANDLE open_meta(const std::wstring& w, bool follow) {
  DWORD flags = FILE_FLAG_BACKUP_SEMANTICS;
  if (!follow) flags |= FILE_FLAG_OPEN_REPARSE_POINT;
  return ::CreateFileW(w.c_str(), FILE_READ_ATTRIBUTES, kShareAll, nullptr, OPEN_EXISTING, flags,
                       nullptr);
}

uint32_t synth_mode(FileKind kind, DWORD attrs) {
  bool ro = (attrs & FILE_ATTRIBUTE_READONLY) != 0;
  switch (kind) {
    case FileKind::directory: return ro ? 0555 : 0755;
    case FileKind::symlink: return 0777;
    default: return ro ? 0444 : 0644;
  }
}

FileKind kind_of(DWORD attrs, DWORD reparse_tag, bool follow) {
  if (!follow && (attrs & FILE_ATTRIBUTE_REPARSE_POINT)) {
    if (reparse_tag == IO_REPARSE_TAG_SYMLINK || reparse_tag == IO_REPARSE_TAG_MOUNT_POINT)
      return FileKind::symlink;
    if (reparse_tag == IO_REPARSE_TAG_AF_UNIX) return FileKind::other;
  }
  return (attrs & FILE_ATTRIBUTE_DIRECTORY) ? FileKind::directory : FileKind::regular;
}

// Fills s from an open handle. False when the handle is not a file on disk
// (a device, a pipe), in which case s->kind is set to `other` or `error`.
bool stat_handle(HANDLE h, bool follow, FileStat* s) {
  BY_HANDLE_FILE_INFORMATION bi;
  if (!::GetFileInformationByHandle(h, &bi)) {
    DWORD type = ::GetFileType(h);
    s->kind = (type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE) ? FileKind::other
                                                                  : FileKind::error;
    return false;
  }
  DWORD tag = 0;
  if (!follow && (bi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
    FILE_ATTRIBUTE_TAG_INFO ti;
    if (::GetFileInformationByHandleEx(h, FileAttributeTagInfo, &ti, sizeof ti)) tag = ti.ReparseTag;
  }
  s->kind = kind_of(bi.dwFileAttributes, tag, follow);
  s->mode = synth_mode(s->kind, bi.dwFileAttributes);
  s->uid = 0;
  s->size = s->kind == FileKind::directory
                ? 0
                : (static_cast<uint64_t>(bi.nFileSizeHigh) << 32) | bi.nFileSizeLow;
  s->mtime_ns = filetime_to_unix_ns(bi.ftLastWriteTime);
  s->ctime_ns = s->mtime_ns;
  FILE_BASIC_INFO basic;
  if (::GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic) &&
      basic.ChangeTime.QuadPart != 0) {
    s->ctime_ns = ticks_to_unix_ns(basic.ChangeTime.QuadPart);
  }
  s->dev = bi.dwVolumeSerialNumber;
  s->ino = (static_cast<uint64_t>(bi.nFileIndexHigh) << 32) | bi.nFileIndexLow;
  return true;
}

// A registry key's pseudo-path (util/disk.h): its last-write time and value
// count, from RegQueryInfoKeyW.
FileStat registry_key_stat(std::string_view spec) {
  FileStat s;
  HKEY key;
  LONG err;
  if (!open_registry_key(spec, &key, &err)) {
    s.kind = err == ERROR_FILE_NOT_FOUND ? FileKind::missing : FileKind::error;
    return s;
  }
  DWORD values = 0;
  FILETIME written{};
  err = ::RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &values, nullptr, nullptr,
                           nullptr, &written);
  ::RegCloseKey(key);
  if (err != ERROR_SUCCESS) {
    s.kind = FileKind::error;
    return s;
  }
  s.kind = FileKind::regular;
  s.mode = 0444;
  s.size = values;
  s.mtime_ns = s.ctime_ns = filetime_to_unix_ns(written);
  return s;
}

FileStat do_stat(const std::string& path, bool follow) {
  if (path.starts_with(kRegistryPathPrefix)) return registry_key_stat(std::string_view(path).substr(kRegistryPathPrefix.size()));
  bool ok;
  std::wstring w = wpath(path, &ok);
  if (!ok || w.empty()) return from_error(ERROR_FILE_NOT_FOUND);
  Handle h(open_meta(w, follow));
  if (!h.ok()) {
    DWORD err = ::GetLastError();
    if (err == ERROR_SHARING_VIOLATION || err == ERROR_CANT_ACCESS_FILE) {
      // A file held open without sharing (pagefile.sys) or a reparse point
      // the system cannot follow (an app execution alias such as the Store's
      // python.exe): what the directory entry says, as Go's os.Stat falls
      // back to. No file index, so dev/ino stay 0.
      WIN32_FILE_ATTRIBUTE_DATA fa;
      if (::GetFileAttributesExW(w.c_str(), GetFileExInfoStandard, &fa)) {
        FileStat s;
        s.kind = (fa.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? FileKind::directory
                                                                  : FileKind::regular;
        s.mode = synth_mode(s.kind, fa.dwFileAttributes);
        s.size = s.kind == FileKind::directory
                     ? 0
                     : (static_cast<uint64_t>(fa.nFileSizeHigh) << 32) | fa.nFileSizeLow;
        s.mtime_ns = s.ctime_ns = filetime_to_unix_ns(fa.ftLastWriteTime);
        return s;
      }
    }
    return from_error(err);
  }
  FileStat s;
  stat_handle(h.get(), follow, &s);
  return s;
}

// The reparse data buffer (ntifs.h, which mingw's user-mode headers lack).
struct ReparseData {
  ULONG ReparseTag;
  USHORT ReparseDataLength;
  USHORT Reserved;
  union {
    struct {
      USHORT SubstituteNameOffset, SubstituteNameLength, PrintNameOffset, PrintNameLength;
      ULONG Flags;
      WCHAR PathBuffer[1];
    } Symlink;
    struct {
      USHORT SubstituteNameOffset, SubstituteNameLength, PrintNameOffset, PrintNameLength;
      WCHAR PathBuffer[1];
    } MountPoint;
  };
};
constexpr ULONG kSymlinkFlagRelative = 1;

// Go's os.normaliseLinkPath: an NT path "\??\C:\x" -> "C:\x",
// "\??\UNC\srv\share" -> "\\srv\share"; "\??\Volume{guid}\x" is resolved
// to a drive path through GetFinalPathNameByHandleW; anything else as is.
bool normalise_link_path(std::wstring p, std::wstring* out) {
  if (p.size() < 4 || p.compare(0, 4, L"\\??\\") != 0) {
    *out = std::move(p);
    return true;
  }
  std::wstring s = p.substr(4);
  if (s.size() >= 2 && s[1] == L':') {
    *out = std::move(s);
    return true;
  }
  if (s.size() >= 4 && s.compare(0, 4, L"UNC\\") == 0) {
    *out = L"\\\\" + s.substr(4);
    return true;
  }
  p[1] = L'\\';  // "\??\Volume{...}\x" -> "\\?\Volume{...}\x", a Win32 path.
  Handle h(open_meta(p, true));
  if (!h.ok()) return false;
  std::wstring buf(MAX_PATH, L'\0');
  for (;;) {
    DWORD n = ::GetFinalPathNameByHandleW(h.get(), buf.data(), static_cast<DWORD>(buf.size()),
                                          FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    if (n == 0) return false;
    if (n < buf.size()) {
      buf.resize(n);
      break;
    }
    buf.resize(n + 1);
  }
  if (buf.size() > 4 && buf.compare(0, 4, L"\\\\?\\") == 0) {
    buf.erase(0, 4);
    if (buf.size() > 3 && buf.compare(0, 3, L"UNC") == 0) {
      *out = L"\\" + buf.substr(3);  // "UNC\srv\share" -> "\\srv\share"
    } else {
      *out = std::move(buf);
    }
    return true;
  }
  return false;
}

// The NT form of a Win32 path, which is what the kernel wants as a rename
// target: "C:\x" -> "\??\C:\x", "\\srv\share\x" -> "\??\UNC\srv\share\x".
bool nt_path(const std::wstring& w, std::wstring* out) {
  if (w.compare(0, 4, L"\\\\?\\") == 0) {
    *out = L"\\??\\" + w.substr(4);
    return true;
  }
  DWORD n = ::GetFullPathNameW(w.c_str(), 0, nullptr, nullptr);
  if (n == 0) return false;
  std::wstring full(n, L'\0');
  n = ::GetFullPathNameW(w.c_str(), n, full.data(), nullptr);
  if (n == 0 || n >= full.size()) return false;
  full.resize(n);
  if (full.size() >= 3 && full[1] == L':' && full[2] == L'\\') {
    *out = L"\\??\\" + full;
  } else if (full.size() > 2 && full[0] == L'\\' && full[1] == L'\\' && full[2] != L'?' &&
             full[2] != L'.') {
    *out = L"\\??\\UNC\\" + full.substr(2);
  } else {
    return false;  // device paths and such: leave them to MoveFileExW
  }
  return true;
}

// FileRenameInfoEx is only declared for _WIN32_WINNT >= Windows 10 RS1.
static_assert(FileIdExtdDirectoryRestartInfo == 20, "FILE_INFO_BY_HANDLE_CLASS layout");
constexpr auto kFileRenameInfoEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(22);

bool posix_rename(const std::wstring& from, const std::wstring& to) {
  std::wstring target;
  if (!nt_path(to, &target)) return false;
  Handle h(::CreateFileW(from.c_str(), DELETE | SYNCHRONIZE, kShareAll, nullptr, OPEN_EXISTING,
                         FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!h.ok()) return false;
  size_t name_bytes = target.size() * sizeof(WCHAR);
  std::vector<char> buf(offsetof(FILE_RENAME_INFO, FileName) + name_bytes + sizeof(WCHAR), 0);
  auto* info = reinterpret_cast<FILE_RENAME_INFO*>(buf.data());
  // The Flags member (a union with ReplaceIfExists, at offset 0) is only
  // declared for _WIN32_WINNT >= Windows 10 RS1.
  const DWORD flags = FILE_RENAME_FLAG_REPLACE_IF_EXISTS | FILE_RENAME_FLAG_POSIX_SEMANTICS;
  std::memcpy(buf.data(), &flags, sizeof flags);
  info->RootDirectory = nullptr;
  info->FileNameLength = static_cast<DWORD>(name_bytes);
  std::memcpy(buf.data() + offsetof(FILE_RENAME_INFO, FileName), target.data(), name_bytes);
  return ::SetFileInformationByHandle(h.get(), kFileRenameInfoEx, info,
                                      static_cast<DWORD>(buf.size())) != 0;
}

class Win32File : public ReadableFile {
 public:
  Win32File(HANDLE h, uint64_t size) : h_(h), size_(size) {}
  ~Win32File() override { ::CloseHandle(h_); }
  uint64_t size() const override { return size_; }
  int64_t read_at(uint64_t offset, void* buf, size_t n) override {
    size_t done = 0;
    while (done < n) {
      OVERLAPPED ov{};
      uint64_t off = offset + done;
      ov.Offset = static_cast<DWORD>(off);
      ov.OffsetHigh = static_cast<DWORD>(off >> 32);
      size_t want = n - done;
      DWORD chunk = want > (1u << 30) ? (1u << 30) : static_cast<DWORD>(want);
      DWORD got = 0;
      if (!::ReadFile(h_, static_cast<char*>(buf) + done, chunk, &got, &ov)) {
        if (::GetLastError() == ERROR_HANDLE_EOF) break;
        return done ? static_cast<int64_t>(done) : -1;
      }
      if (got == 0) break;
      done += got;
    }
    return static_cast<int64_t>(done);
  }

 private:
  HANDLE h_;
  uint64_t size_;
};

class Win32Disk : public Disk {
 public:
  FileStat stat(const std::string& path) override { return do_stat(path, true); }
  FileStat lstat(const std::string& path) override { return do_stat(path, false); }

  // FSCTL_GET_REPARSE_POINT rather than GetFinalPathNameByHandleW: readlink
  // is one hop, the link's own stored text. GetFinalPathNameByHandleW opens
  // the target and resolves every link on the way (it is realpath, not
  // readlink), turns a relative symlink into an absolute path, and fails
  // for a dangling link. The reparse buffer gives exactly what Go's
  // os.Readlink returns: a relative symlink's text as stored; an absolute
  // one's or a junction's substitute name with the NT "\??\" prefix
  // stripped (see normalise_link_path). GetFinalPathNameByHandleW is used
  // only, as Go does, for "\??\Volume{guid}\" targets that have no drive form.
  bool read_link(const std::string& path, std::string* target) override {
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return false;
    Handle h(open_meta(w, false));
    if (!h.ok()) return false;
    // MAXIMUM_REPARSE_DATA_BUFFER_SIZE is 16 KiB.
    alignas(8) char buf[16 * 1024];
    DWORD got = 0;
    if (!::DeviceIoControl(h.get(), FSCTL_GET_REPARSE_POINT, nullptr, 0, buf, sizeof buf, &got,
                           nullptr)) {
      return false;
    }
    const auto* rd = reinterpret_cast<const ReparseData*>(buf);
    std::wstring link;
    if (rd->ReparseTag == IO_REPARSE_TAG_SYMLINK) {
      const auto& sl = rd->Symlink;
      link.assign(sl.PathBuffer + sl.SubstituteNameOffset / sizeof(WCHAR),
                  sl.SubstituteNameLength / sizeof(WCHAR));
      if (!(sl.Flags & kSymlinkFlagRelative) && !normalise_link_path(std::move(link), &link))
        return false;
    } else if (rd->ReparseTag == IO_REPARSE_TAG_MOUNT_POINT) {
      const auto& mp = rd->MountPoint;
      link.assign(mp.PathBuffer + mp.SubstituteNameOffset / sizeof(WCHAR),
                  mp.SubstituteNameLength / sizeof(WCHAR));
      if (!normalise_link_path(std::move(link), &link)) return false;
    } else {
      return false;  // some other kind of reparse point: not a link
    }
    *target = wide_to_utf8(link);
    return true;
  }

  bool is_executable(const std::string& path) override { return stat(path).is_regular(); }

  std::unique_ptr<ReadableFile> open_read(const std::string& path) override {
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return nullptr;
    // No FILE_FLAG_BACKUP_SEMANTICS, so a directory fails to open. Opening a
    // named pipe or device returns at once (a busy pipe is ERROR_PIPE_BUSY,
    // never a wait); SECURITY_IDENTIFICATION keeps a pipe server from
    // impersonating us. FILE_SHARE_DELETE lets the cache rename over a file
    // that a reader holds open.
    Handle h(::CreateFileW(w.c_str(), GENERIC_READ, kShareAll, nullptr, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION,
                           nullptr));
    if (!h.ok()) return nullptr;
    if (::GetFileType(h.get()) != FILE_TYPE_DISK) return nullptr;
    BY_HANDLE_FILE_INFORMATION bi;
    if (!::GetFileInformationByHandle(h.get(), &bi) ||
        (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
      return nullptr;
    }
    uint64_t size = (static_cast<uint64_t>(bi.nFileSizeHigh) << 32) | bi.nFileSizeLow;
    return std::make_unique<Win32File>(h.release(), size);
  }

  bool make_dir(const std::string& path, uint32_t /*mode: no POSIX bits on Windows*/) override {
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return false;
    return ::CreateDirectoryW(w.c_str(), nullptr) || ::GetLastError() == ERROR_ALREADY_EXISTS;
  }

  // CREATE_NEW is O_CREAT|O_EXCL (it also fails on an existing link). The
  // mode is ignored: a read-only attribute would make the cache's later
  // rename-over and remove fail with ERROR_ACCESS_DENIED.
  bool write_new_file(const std::string& path, std::string_view data, uint32_t /*mode*/) override {
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return false;
    Handle h(::CreateFileW(w.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                           CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h.ok()) return false;
    size_t done = 0;
    while (done < data.size()) {
      size_t want = data.size() - done;
      DWORD chunk = want > (1u << 30) ? (1u << 30) : static_cast<DWORD>(want);
      DWORD put = 0;
      if (!::WriteFile(h.get(), data.data() + done, chunk, &put, nullptr) || put == 0) break;
      done += put;
    }
    bool written = done == data.size();
    bool closed = ::CloseHandle(h.release()) != 0;
    if (!(written && closed)) {
      ::DeleteFileW(w.c_str());
      return false;
    }
    return true;
  }

  // Replaces an existing file atomically, like rename(2).
  //
  // First a POSIX-semantics rename (FileRenameInfoEx with
  // FILE_RENAME_FLAG_POSIX_SEMANTICS, Windows 10 1709+ on NTFS): it replaces
  // a target that others hold open (with FILE_SHARE_DELETE, as open_read
  // does), which is what the cache needs when another gostatus is reading
  // the entry being replaced. Where that is not available (older Windows,
  // FAT, network shares, Wine 8) it falls back to MoveFileExW with
  // MOVEFILE_REPLACE_EXISTING, which fails with ERROR_ACCESS_DENIED while
  // the target is open. Neither replaces a directory.
  bool rename(const std::string& from, const std::string& to) override {
    bool ok1, ok2;
    std::wstring wf = wpath(from, &ok1), wt = wpath(to, &ok2);
    if (!ok1 || !ok2 || wf.empty() || wt.empty()) return false;
    if (posix_rename(wf, wt)) return true;
    return ::MoveFileExW(wf.c_str(), wt.c_str(), MOVEFILE_REPLACE_EXISTING) != 0;
  }

  // unlink or rmdir. As Go's os.Remove does, a read-only file loses its
  // read-only attribute and is tried again. A symlink or junction is removed
  // itself, never its target.
  bool remove(const std::string& path) override {
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return false;
    if (::DeleteFileW(w.c_str())) return true;
    DWORD err = ::GetLastError();
    if (::RemoveDirectoryW(w.c_str())) return true;
    if (err == ERROR_ACCESS_DENIED) {
      DWORD attrs = ::GetFileAttributesW(w.c_str());
      if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY) &&
          !(attrs & FILE_ATTRIBUTE_DIRECTORY) &&
          ::SetFileAttributesW(w.c_str(), attrs & ~FILE_ATTRIBUTE_READONLY)) {
        if (::DeleteFileW(w.c_str())) return true;
        ::SetFileAttributesW(w.c_str(), attrs);
      }
    }
    return false;
  }

  bool list_dir(const std::string& path, std::vector<DirEntry>* entries) override {
    entries->clear();
    bool ok;
    std::wstring w = wpath(path, &ok);
    if (!ok || w.empty()) return false;
    std::wstring pattern = w;
    if (!is_sep(pattern.back())) pattern.push_back(L'\\');
    pattern.push_back(L'*');
    pattern = fix_long_path(std::move(pattern));
    WIN32_FIND_DATAW fd;
    HANDLE h = ::FindFirstFileExW(pattern.c_str(), FindExInfoBasic, &fd, FindExSearchNameMatch,
                                  nullptr, FIND_FIRST_EX_LARGE_FETCH);
    if (h == INVALID_HANDLE_VALUE) {
      // An empty drive root has no "." entry: nothing matched, yet the
      // directory is there.
      if (::GetLastError() == ERROR_FILE_NOT_FOUND) {
        DWORD attrs = ::GetFileAttributesW(w.c_str());
        return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
      }
      return false;
    }
    do {
      const wchar_t* n = fd.cFileName;
      if (n[0] == L'.' && (n[1] == 0 || (n[1] == L'.' && n[2] == 0))) continue;
      entries->push_back(DirEntry{wide_to_utf8(n)});
    } while (::FindNextFileW(h, &fd));
    bool complete = ::GetLastError() == ERROR_NO_MORE_FILES;
    ::FindClose(h);
    if (!complete) entries->clear();
    return complete;
  }

  int64_t now_ns() override {
    FILETIME ft;
    ::GetSystemTimePreciseAsFileTime(&ft);
    return filetime_to_unix_ns(ft);
  }

  uint32_t current_uid() override { return 0; }
};

}  // namespace

Disk& real_disk() {
  static Win32Disk disk;
  return disk;
}

}  // namespace gs
