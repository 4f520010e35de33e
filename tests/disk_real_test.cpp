// gs::real_disk() against the real filesystem, on POSIX and on Windows
// (where it runs under Wine in CI). Each test works in a fresh temporary
// directory. Whatever the platform cannot do (symlinks and junctions under
// Wine 8, an unreadable file as root) is skipped with the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "test_skip.h"
#include "util/disk.h"

#ifdef _WIN32
#include <windows.h>
#include <winioctl.h>

#include "util/win32_utf8.h"
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace gs {
namespace {

#ifdef _WIN32
constexpr char kSep = '\\';
#else
constexpr char kSep = '/';
#endif

#ifdef _WIN32
bool running_on_wine() {
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  return ntdll && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}
#endif

std::string join(const std::string& a, const std::string& b) { return a + kSep + b; }

std::vector<std::string> names(const std::vector<DirEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  std::sort(out.begin(), out.end());
  return out;
}

// Removes path and everything under it, without following links.
void remove_tree(Disk& d, const std::string& path) {
  FileStat s = d.lstat(path);
  if (s.kind == FileKind::directory) {
    std::vector<DirEntry> entries;
    if (d.list_dir(path, &entries)) {
      for (const auto& e : entries) remove_tree(d, join(path, e.name));
    }
  }
  d.remove(path);
}

class RealDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef _WIN32
    wchar_t buf[MAX_PATH + 1];
    DWORD n = ::GetTempPathW(MAX_PATH + 1, buf);
    ASSERT_GT(n, 0u);
    std::string base = wide_to_utf8(std::wstring(buf, n));
    if (!base.empty() && base.back() == '\\') base.pop_back();
    for (unsigned i = 0;; ++i) {
      dir_ = base + "\\gostatus-disk-" + std::to_string(::GetCurrentProcessId()) + "-" +
             std::to_string(::GetTickCount64()) + "-" + std::to_string(i);
      if (::CreateDirectoryW(utf8_to_wide(dir_).c_str(), nullptr)) break;
      ASSERT_EQ(::GetLastError(), static_cast<DWORD>(ERROR_ALREADY_EXISTS));
    }
#else
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/gostatus-disk-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
#endif
  }
  void TearDown() override {
    if (!dir_.empty()) remove_tree(disk(), dir_);
  }

  Disk& disk() { return real_disk(); }
  std::string path(const std::string& name) const { return join(dir_, name); }
  void write(const std::string& name, std::string_view data) {
    ASSERT_TRUE(disk().write_new_file(path(name), data, 0644)) << path(name);
  }

  std::string dir_;
};

TEST_F(RealDiskTest, MissingPaths) {
  write("file", "x");
  EXPECT_EQ(disk().stat(path("nope")).kind, FileKind::missing);
  EXPECT_EQ(disk().lstat(path("nope")).kind, FileKind::missing);
  EXPECT_EQ(disk().stat(join(path("nope"), "deeper")).kind, FileKind::missing);
  // A path through a regular file (ENOTDIR) names nothing.
  EXPECT_EQ(disk().stat(join(path("file"), "x")).kind, FileKind::missing);
  EXPECT_EQ(disk().stat("").kind, FileKind::missing);
  EXPECT_EQ(disk().stat(path("fi") + std::string(1, '\0') + "le").kind, FileKind::missing);
  EXPECT_FALSE(disk().stat(path("nope")).exists());
  EXPECT_EQ(disk().open_read(path("nope")), nullptr);
  std::string out = "stale";
  EXPECT_FALSE(disk().read_file(path("nope"), 100, &out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(disk().is_executable(path("nope")));
  std::string target;
  EXPECT_FALSE(disk().read_link(path("nope"), &target));
}

TEST_F(RealDiskTest, RegularFile) {
  int64_t before = disk().now_ns();
  write("file", "hello, world");
  int64_t after = disk().now_ns();

  FileStat s = disk().stat(path("file"));
  EXPECT_EQ(s.kind, FileKind::regular);
  EXPECT_TRUE(s.exists());
  EXPECT_TRUE(s.is_regular());
  EXPECT_EQ(s.size, 12u);
  // Filesystem timestamps may be coarser than the clock: allow 2 s.
  constexpr int64_t kSlack = 2'000'000'000;
  EXPECT_GE(s.mtime_ns, before - kSlack);
  EXPECT_LE(s.mtime_ns, after + kSlack);
  EXPECT_GE(s.ctime_ns, before - kSlack);
  EXPECT_LE(s.ctime_ns, after + kSlack);
  EXPECT_NE(s.ino, 0u);
  EXPECT_NE(s.mode & 0400, 0u);
  EXPECT_EQ(s.uid, disk().current_uid());
  EXPECT_EQ(disk().lstat(path("file")), s);
  // Same file, same signature; the directory is another file on the same device.
  EXPECT_EQ(disk().stat(path("file")), s);
  FileStat d = disk().stat(dir_);
  EXPECT_EQ(d.dev, s.dev);
  EXPECT_NE(d.ino, s.ino);

  std::string content;
  EXPECT_TRUE(disk().read_file(path("file"), 100, &content));
  EXPECT_EQ(content, "hello, world");
  EXPECT_FALSE(disk().read_file(path("file"), 11, &content)) << "larger than max_bytes";
  EXPECT_EQ(content, "");
  EXPECT_TRUE(disk().read_file(path("file"), 12, &content));

  auto f = disk().open_read(path("file"));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->size(), 12u);
  char buf[32] = {};
  EXPECT_EQ(f->read_at(7, buf, 5), 5);
  EXPECT_EQ(std::string(buf, 5), "world");
  EXPECT_EQ(f->read_at(10, buf, 10), 2) << "short read at EOF";
  EXPECT_EQ(std::string(buf, 2), "ld");
  EXPECT_EQ(f->read_at(12, buf, 10), 0);
  EXPECT_EQ(f->read_at(1000, buf, 10), 0);
}

TEST_F(RealDiskTest, EmptyAndLargerFiles) {
  write("empty", "");
  std::string content = "x";
  EXPECT_TRUE(disk().read_file(path("empty"), 0, &content));
  EXPECT_EQ(content, "");
  EXPECT_EQ(disk().stat(path("empty")).size, 0u);

  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 + (i >> 12));
  write("big", big);
  EXPECT_EQ(disk().stat(path("big")).size, big.size());
  EXPECT_TRUE(disk().read_file(path("big"), big.size(), &content));
  EXPECT_TRUE(content == big);
  auto f = disk().open_read(path("big"));
  ASSERT_NE(f, nullptr);
  std::string tail(100, '\0');
  EXPECT_EQ(f->read_at(big.size() - 50, tail.data(), tail.size()), 50);
  EXPECT_EQ(tail.substr(0, 50), big.substr(big.size() - 50));
}

TEST_F(RealDiskTest, Directory) {
  ASSERT_TRUE(disk().make_dir(path("sub"), 0755));
  EXPECT_TRUE(disk().make_dir(path("sub"), 0755)) << "an existing directory is fine";
  FileStat s = disk().stat(path("sub"));
  EXPECT_EQ(s.kind, FileKind::directory);
  EXPECT_TRUE(s.is_dir());
  EXPECT_EQ(disk().lstat(path("sub")).kind, FileKind::directory);
  EXPECT_EQ(disk().open_read(path("sub")), nullptr);
  std::string content;
  EXPECT_FALSE(disk().read_file(path("sub"), 1 << 20, &content));
#ifdef _WIN32
  EXPECT_FALSE(disk().is_executable(path("sub"))) << "only regular files";
#endif  // (POSIX: access(X_OK), which a searchable directory passes)
  EXPECT_FALSE(disk().make_dir(join(path("missing"), "sub"), 0755));
}

TEST_F(RealDiskTest, WriteNewFileIsExclusive) {
  write("file", "first");
  EXPECT_FALSE(disk().write_new_file(path("file"), "second", 0644));
  std::string content;
  EXPECT_TRUE(disk().read_file(path("file"), 100, &content));
  EXPECT_EQ(content, "first");
  ASSERT_TRUE(disk().make_dir(path("sub"), 0755));
  EXPECT_FALSE(disk().write_new_file(path("sub"), "x", 0644));
  EXPECT_FALSE(disk().write_new_file(join(path("missing"), "f"), "x", 0644));
}

TEST_F(RealDiskTest, RenameReplaces) {
  write("a", "new content");
  write("b", "old");
  FileStat a = disk().stat(path("a"));
  FileStat b = disk().stat(path("b"));
  EXPECT_NE(a.ino, b.ino);
  ASSERT_TRUE(disk().rename(path("a"), path("b")));
  EXPECT_EQ(disk().stat(path("a")).kind, FileKind::missing);
  FileStat nb = disk().stat(path("b"));
  EXPECT_EQ(nb.ino, a.ino) << "the renamed file, not a copy";
  EXPECT_EQ(nb.size, 11u);
  EXPECT_NE(nb, b);
  std::string content;
  EXPECT_TRUE(disk().read_file(path("b"), 100, &content));
  EXPECT_EQ(content, "new content");
  EXPECT_FALSE(disk().rename(path("a"), path("c"))) << "source is gone";
  // A fresh name works too.
  EXPECT_TRUE(disk().rename(path("b"), path("c")));
  EXPECT_TRUE(disk().stat(path("c")).is_regular());
}

TEST_F(RealDiskTest, RenameOverFileOpenForReading) {
  write("a", "new");
  write("b", "old");
  auto reader = disk().open_read(path("b"));
  ASSERT_NE(reader, nullptr);
  // POSIX always allows this; on Windows open_read shares delete access and
  // rename uses POSIX semantics so that the cache can replace an entry
  // someone is reading.
  bool renamed = disk().rename(path("a"), path("b"));
#ifdef _WIN32
  if (!renamed && running_on_wine()) {
    GTEST_SKIP() << "Wine 8 has no POSIX-semantics rename (FileRenameInfoEx), and "
                    "MoveFileExW cannot replace an open file";
  }
#endif
  EXPECT_TRUE(renamed);
  char buf[8] = {};
  EXPECT_EQ(reader->read_at(0, buf, sizeof buf), 3);
  EXPECT_EQ(std::string(buf, 3), "old") << "the open file keeps its content";
  reader.reset();
  std::string content;
  EXPECT_TRUE(disk().read_file(path("b"), 100, &content));
  EXPECT_EQ(content, "new");
}

TEST_F(RealDiskTest, Remove) {
  write("file", "x");
  ASSERT_TRUE(disk().make_dir(path("sub"), 0755));
  EXPECT_TRUE(disk().remove(path("file")));
  EXPECT_EQ(disk().stat(path("file")).kind, FileKind::missing);
  EXPECT_TRUE(disk().remove(path("sub")));
  EXPECT_EQ(disk().stat(path("sub")).kind, FileKind::missing);
  EXPECT_FALSE(disk().remove(path("file")));
  ASSERT_TRUE(disk().make_dir(path("full"), 0755));
  ASSERT_TRUE(disk().write_new_file(join(path("full"), "f"), "x", 0644));
  EXPECT_FALSE(disk().remove(path("full"))) << "a non-empty directory stays";
  EXPECT_TRUE(disk().stat(path("full")).is_dir());
}

TEST_F(RealDiskTest, ListDir) {
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(dir_, &entries));
  EXPECT_TRUE(entries.empty());
  write("b", "");
  write("a", "");
  ASSERT_TRUE(disk().make_dir(path("d"), 0755));
  write(join("d", "inner"), "");
  EXPECT_TRUE(disk().list_dir(dir_, &entries));
  EXPECT_EQ(names(entries), (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_TRUE(disk().list_dir(dir_ + kSep, &entries)) << "trailing separator";
  EXPECT_EQ(names(entries), (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_TRUE(disk().list_dir(path("d"), &entries));
  EXPECT_EQ(names(entries), (std::vector<std::string>{"inner"}));
  EXPECT_FALSE(disk().list_dir(path("a"), &entries));
  EXPECT_TRUE(entries.empty());
  EXPECT_FALSE(disk().list_dir(path("missing"), &entries));
}

TEST_F(RealDiskTest, NonAsciiNamesRoundTrip) {
  const std::string zoe = "Zo\xC3\xAB";                  // Zoë, U+00EB
  const std::string hamster = "\xF0\x9F\x90\xB9.txt";     // U+1F439: a surrogate pair in UTF-16
  ASSERT_TRUE(disk().make_dir(path(zoe), 0755));
  ASSERT_TRUE(disk().write_new_file(join(path(zoe), zoe), "ë", 0644));
  write(hamster, "x");
  EXPECT_TRUE(disk().stat(path(zoe)).is_dir());
  FileStat s = disk().stat(join(path(zoe), zoe));
  EXPECT_TRUE(s.is_regular());
  EXPECT_EQ(s.size, 2u);
  std::string content;
  EXPECT_TRUE(disk().read_file(join(path(zoe), zoe), 10, &content));
  EXPECT_EQ(content, "\xC3\xAB");
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(dir_, &entries));
  std::vector<std::string> want = {zoe, hamster};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(names(entries), want);
  ASSERT_TRUE(disk().rename(path(hamster), path(zoe + ".txt")));
  EXPECT_TRUE(disk().stat(path(zoe + ".txt")).is_regular());
#ifdef _WIN32
  // The name on disk is the UTF-16 "Zo\u00eb", not an ANSI-codepage mangling.
  WIN32_FIND_DATAW fd;
  HANDLE h = ::FindFirstFileW(utf8_to_wide(path(zoe)).c_str(), &fd);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  ::FindClose(h);
  EXPECT_EQ(std::wstring(fd.cFileName), std::wstring(L"Zo\u00eb"));
#endif
}

TEST_F(RealDiskTest, LongPath) {
  // Longer than MAX_PATH (260): Windows needs the \\?\ form for it.
  std::string p = dir_;
  std::string seg(50, 'd');
  for (int i = 0; i < 6; ++i) {
    p = join(p, seg + std::to_string(i));
    ASSERT_TRUE(disk().make_dir(p, 0755)) << p.size();
  }
  ASSERT_GT(p.size(), 300u);
  std::string file = join(p, "file");
  ASSERT_TRUE(disk().write_new_file(file, "deep", 0644));
  EXPECT_TRUE(disk().stat(file).is_regular());
  std::string content;
  EXPECT_TRUE(disk().read_file(file, 10, &content));
  EXPECT_EQ(content, "deep");
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(p, &entries));
  EXPECT_EQ(names(entries), (std::vector<std::string>{"file"}));
  EXPECT_TRUE(disk().rename(file, file + "2"));
  EXPECT_TRUE(disk().remove(file + "2"));
}

TEST_F(RealDiskTest, ExecutableBit) {
#ifdef _WIN32
  // Windows has no execute bit: any existing regular file will do.
  write("tool.exe", "MZ");
  EXPECT_TRUE(disk().is_executable(path("tool.exe")));
  write("notes.txt", "");
  EXPECT_TRUE(disk().is_executable(path("notes.txt")));
#else
  ASSERT_TRUE(disk().write_new_file(path("tool"), "#!/bin/sh\n", 0755));
  EXPECT_TRUE(disk().is_executable(path("tool")));
  EXPECT_EQ(disk().stat(path("tool")).mode & 0777, 0755u);
  ASSERT_TRUE(disk().write_new_file(path("data"), "", 0644));
  EXPECT_FALSE(disk().is_executable(path("data"))) << "even root needs an x bit";
#endif
}

TEST_F(RealDiskTest, NowIsWallClock) {
  int64_t sys = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  int64_t now = disk().now_ns();
  EXPECT_LT(std::llabs(now - sys), 5'000'000'000LL);
  EXPECT_GT(now, 1'600'000'000'000'000'000LL);  // after 2020
}

// Creates link -> target, or says why it cannot (*why).
bool make_symlink(const std::string& target, const std::string& link, bool dir, std::string* why) {
#ifdef _WIN32
  DWORD flags = SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE;
  if (dir) flags |= SYMBOLIC_LINK_FLAG_DIRECTORY;
  if (!::CreateSymbolicLinkW(utf8_to_wide(link).c_str(), utf8_to_wide(target).c_str(), flags)) {
    *why = "CreateSymbolicLinkW failed, error " + std::to_string(::GetLastError()) +
           " (no SeCreateSymbolicLinkPrivilege and no Developer Mode?)";
    return false;
  }
  // Wine 8 stubs CreateSymbolicLinkW: it returns TRUE and creates nothing.
  if (::GetFileAttributesW(utf8_to_wide(link).c_str()) == INVALID_FILE_ATTRIBUTES) {
    *why = "CreateSymbolicLinkW reported success but created nothing (Wine stub)";
    return false;
  }
#else
  (void)dir;
  if (::symlink(target.c_str(), link.c_str()) != 0) {
    *why = "symlink() failed";
    return false;
  }
#endif
  return true;
}

TEST_F(RealDiskTest, Symlinks) {
  write("target", "through the link");
  ASSERT_TRUE(disk().make_dir(path("dir"), 0755));
  write(join("dir", "inner"), "");
  std::string why;
  if (!make_symlink("target", path("link"), false, &why)) GTEST_SKIP() << why;

  FileStat t = disk().stat(path("target"));
  FileStat l = disk().lstat(path("link"));
  EXPECT_EQ(l.kind, FileKind::symlink);
  EXPECT_NE(l.ino, t.ino);
  FileStat s = disk().stat(path("link"));
  EXPECT_EQ(s.kind, FileKind::regular);
  EXPECT_EQ(s.ino, t.ino);
  EXPECT_EQ(s.size, t.size);
  std::string target;
  EXPECT_TRUE(disk().read_link(path("link"), &target));
  EXPECT_EQ(target, "target") << "a relative link reads back as stored";
  std::string content;
  EXPECT_TRUE(disk().read_file(path("link"), 100, &content));
  EXPECT_EQ(content, "through the link");
  EXPECT_FALSE(disk().read_link(path("target"), &target)) << "not a link";

  // Absolute link to a directory.
  ASSERT_TRUE(make_symlink(path("dir"), path("dirlink"), true, &why)) << why;
  EXPECT_EQ(disk().lstat(path("dirlink")).kind, FileKind::symlink);
  EXPECT_EQ(disk().stat(path("dirlink")).kind, FileKind::directory);
  EXPECT_TRUE(disk().read_link(path("dirlink"), &target));
  EXPECT_EQ(target, path("dir"));
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(path("dirlink"), &entries));
  EXPECT_EQ(names(entries), (std::vector<std::string>{"inner"}));

  // Dangling.
  ASSERT_TRUE(make_symlink("nowhere", path("dangling"), false, &why)) << why;
  EXPECT_EQ(disk().lstat(path("dangling")).kind, FileKind::symlink);
  EXPECT_EQ(disk().stat(path("dangling")).kind, FileKind::missing);
  EXPECT_TRUE(disk().read_link(path("dangling"), &target));
  EXPECT_EQ(target, "nowhere");
  EXPECT_EQ(disk().open_read(path("dangling")), nullptr);

  // Removing a link leaves its target alone.
  EXPECT_TRUE(disk().remove(path("dirlink")));
  EXPECT_EQ(disk().lstat(path("dirlink")).kind, FileKind::missing);
  EXPECT_TRUE(disk().stat(join(path("dir"), "inner")).is_regular());
}

#ifdef _WIN32

// The reparse data buffer for a mount point (ntifs.h).
struct MountPointReparseBuffer {
  ULONG ReparseTag;
  USHORT ReparseDataLength;
  USHORT Reserved;
  USHORT SubstituteNameOffset, SubstituteNameLength, PrintNameOffset, PrintNameLength;
  WCHAR PathBuffer[1];
};

// What `mklink /J link target` does: an empty directory plus a mount-point
// reparse point whose substitute name is the NT path "\??\C:\target".
bool make_junction(const std::string& target, const std::string& link, std::string* why) {
  std::wstring wl = utf8_to_wide(link);
  if (!::CreateDirectoryW(wl.c_str(), nullptr)) {
    *why = "CreateDirectoryW failed";
    return false;
  }
  std::wstring sub = L"\\??\\" + utf8_to_wide(target);
  std::wstring print = utf8_to_wide(target);
  std::vector<char> buf(sizeof(MountPointReparseBuffer) + (sub.size() + print.size() + 2) * 2);
  auto* rb = reinterpret_cast<MountPointReparseBuffer*>(buf.data());
  rb->ReparseTag = IO_REPARSE_TAG_MOUNT_POINT;
  rb->SubstituteNameOffset = 0;
  rb->SubstituteNameLength = static_cast<USHORT>(sub.size() * 2);
  rb->PrintNameOffset = static_cast<USHORT>((sub.size() + 1) * 2);
  rb->PrintNameLength = static_cast<USHORT>(print.size() * 2);
  WCHAR* pb = reinterpret_cast<WCHAR*>(buf.data() + offsetof(MountPointReparseBuffer, PathBuffer));
  std::copy(sub.begin(), sub.end(), pb);
  pb[sub.size()] = 0;
  std::copy(print.begin(), print.end(), pb + sub.size() + 1);
  pb[sub.size() + 1 + print.size()] = 0;
  rb->ReparseDataLength = static_cast<USHORT>(8 + (sub.size() + print.size() + 2) * 2);
  HANDLE h = ::CreateFileW(wl.c_str(), GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    *why = "opening the junction directory failed, error " + std::to_string(::GetLastError());
    ::RemoveDirectoryW(wl.c_str());
    return false;
  }
  DWORD ret = 0;
  BOOL ok = ::DeviceIoControl(h, FSCTL_SET_REPARSE_POINT, buf.data(), 8 + rb->ReparseDataLength,
                              nullptr, 0, &ret, nullptr);
  DWORD err = ::GetLastError();
  ::CloseHandle(h);
  if (!ok) {
    *why = "FSCTL_SET_REPARSE_POINT failed, error " + std::to_string(err) +
           (err == ERROR_NOT_SUPPORTED ? " (not supported: Wine 8 has no reparse points)" : "");
    ::RemoveDirectoryW(wl.c_str());
    return false;
  }
  return true;
}

TEST_F(RealDiskTest, Junction) {
  ASSERT_TRUE(disk().make_dir(path("real"), 0755));
  write(join("real", "inner"), "in");
  std::string why;
  if (!make_junction(path("real"), path("junc"), &why)) GTEST_SKIP() << why;

  EXPECT_EQ(disk().lstat(path("junc")).kind, FileKind::symlink);
  FileStat s = disk().stat(path("junc"));
  EXPECT_EQ(s.kind, FileKind::directory);
  EXPECT_EQ(s.ino, disk().stat(path("real")).ino);
  std::string target;
  EXPECT_TRUE(disk().read_link(path("junc"), &target));
  EXPECT_EQ(target, path("real")) << "\\??\\ stripped, as Go's os.Readlink does";
  std::string content;
  EXPECT_TRUE(disk().read_file(join(path("junc"), "inner"), 10, &content));
  EXPECT_EQ(content, "in");
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(path("junc"), &entries));
  EXPECT_EQ(names(entries), (std::vector<std::string>{"inner"}));
  EXPECT_TRUE(disk().remove(path("junc")));
  EXPECT_EQ(disk().lstat(path("junc")).kind, FileKind::missing);
  EXPECT_TRUE(disk().stat(join(path("real"), "inner")).is_regular()) << "target untouched";
}

TEST_F(RealDiskTest, DevicesAndPipesAreNotRegular) {
  EXPECT_EQ(disk().open_read("NUL"), nullptr);
  EXPECT_FALSE(disk().stat("NUL").is_regular());
  std::string content;
  EXPECT_FALSE(disk().read_file("NUL", 100, &content));

  // A named pipe with its one instance taken: opening it must fail at once,
  // not wait for the server.
  std::string pipe = "\\\\.\\pipe\\gostatus-test-" + std::to_string(::GetCurrentProcessId());
  HANDLE server = ::CreateNamedPipeW(utf8_to_wide(pipe).c_str(), PIPE_ACCESS_OUTBOUND,
                                     PIPE_TYPE_BYTE | PIPE_WAIT, 1, 4096, 4096, 0, nullptr);
  ASSERT_NE(server, INVALID_HANDLE_VALUE);
  auto start = std::chrono::steady_clock::now();
  auto f = disk().open_read(pipe);
  EXPECT_EQ(f, nullptr) << "a pipe is not a regular file";
  f = disk().open_read(pipe);  // the instance may now be taken: still no wait
  EXPECT_EQ(f, nullptr);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ::CloseHandle(server);
}

TEST_F(RealDiskTest, FileLockedByAnotherHandle) {
  write("locked", "secret");
  // An open with no sharing at all: reads fail, metadata still works.
  HANDLE h = ::CreateFileW(utf8_to_wide(path("locked")).c_str(), GENERIC_READ, 0, nullptr,
                           OPEN_EXISTING, 0, nullptr);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  EXPECT_EQ(disk().open_read(path("locked")), nullptr);
  std::string content;
  EXPECT_FALSE(disk().read_file(path("locked"), 100, &content));
  FileStat s = disk().stat(path("locked"));
  EXPECT_TRUE(s.is_regular());
  EXPECT_EQ(s.size, 6u);
  ::CloseHandle(h);
  EXPECT_TRUE(disk().read_file(path("locked"), 100, &content));
}

TEST_F(RealDiskTest, ForwardSlashesAndDriveRoot) {
  write("file", "x");
  std::string fwd = path("file");
  std::replace(fwd.begin(), fwd.end(), '\\', '/');
  EXPECT_EQ(disk().stat(fwd), disk().stat(path("file")));
  wchar_t windir[MAX_PATH];
  ASSERT_GT(::GetWindowsDirectoryW(windir, MAX_PATH), 0u);
  std::string root = wide_to_utf8(std::wstring(windir, 3));  // "C:\"
  EXPECT_TRUE(disk().stat(root).is_dir()) << root;
  std::vector<DirEntry> entries;
  EXPECT_TRUE(disk().list_dir(root, &entries));
  EXPECT_FALSE(entries.empty());
}

TEST_F(RealDiskTest, ReadOnlyFileCanBeReplacedAndRemoved) {
  write("ro", "old");
  write("new", "new");
  ASSERT_TRUE(::SetFileAttributesW(utf8_to_wide(path("ro")).c_str(), FILE_ATTRIBUTE_READONLY));
  FileStat s = disk().stat(path("ro"));
  EXPECT_EQ(s.mode & 0222, 0u) << "read-only shows as no write bits";
  EXPECT_TRUE(disk().remove(path("ro")));
  EXPECT_EQ(disk().stat(path("ro")).kind, FileKind::missing);
}

#else  // POSIX

TEST_F(RealDiskTest, FifoDoesNotBlock) {
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0644), 0);
  EXPECT_EQ(disk().stat(path("fifo")).kind, FileKind::other);
  EXPECT_EQ(disk().lstat(path("fifo")).kind, FileKind::other);
  // Run open_read where a hang can be detected (and undone by a writer).
  auto result = std::async(std::launch::async, [&] {
    std::string content;
    bool read = disk().read_file(path("fifo"), 100, &content);
    return disk().open_read(path("fifo")) == nullptr && !read;
  });
  if (result.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    int fd = ::open(path("fifo").c_str(), O_WRONLY | O_NONBLOCK);  // unblock it
    result.wait();
    if (fd >= 0) ::close(fd);
    FAIL() << "open_read blocked on a FIFO";
  }
  EXPECT_TRUE(result.get());
  EXPECT_FALSE(disk().is_executable(path("fifo")));
}

TEST_F(RealDiskTest, DeviceIsNotRegular) {
  EXPECT_EQ(disk().stat("/dev/null").kind, FileKind::other);
  EXPECT_EQ(disk().open_read("/dev/null"), nullptr);
  std::string content;
  EXPECT_FALSE(disk().read_file("/dev/null", 100, &content));
}

TEST_F(RealDiskTest, UnreadableFile) {
  if (::geteuid() == 0) GS_SKIP_AS_ROOT() << "root reads files whatever their mode";
  ASSERT_TRUE(disk().write_new_file(path("secret"), "x", 0000));
  EXPECT_TRUE(disk().stat(path("secret")).is_regular());
  EXPECT_EQ(disk().stat(path("secret")).mode & 0777, 0u);
  EXPECT_EQ(disk().open_read(path("secret")), nullptr);
  std::string content;
  EXPECT_FALSE(disk().read_file(path("secret"), 100, &content));
}

TEST_F(RealDiskTest, UnsearchableDirectoryIsAnError) {
  if (::geteuid() == 0) GS_SKIP_AS_ROOT() << "root searches directories whatever their mode";
  ASSERT_TRUE(disk().make_dir(path("closed"), 0755));
  write(join("closed", "f"), "");
  ASSERT_EQ(::chmod(path("closed").c_str(), 0), 0);
  EXPECT_EQ(disk().stat(join(path("closed"), "f")).kind, FileKind::error);
  ::chmod(path("closed").c_str(), 0755);
}

TEST_F(RealDiskTest, SymlinkLoopIsAnError) {
  ASSERT_EQ(::symlink("b", path("a").c_str()), 0);
  ASSERT_EQ(::symlink("a", path("b").c_str()), 0);
  EXPECT_EQ(disk().stat(path("a")).kind, FileKind::error);
  EXPECT_EQ(disk().lstat(path("a")).kind, FileKind::symlink);
}

#endif

}  // namespace
}  // namespace gs
