#include "segment/cli/current_dir.h"

#include "segment/probe/probe.h"

#if defined(_WIN32)
#include <windows.h>

#include "util/win32_utf8.h"
#else
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace gs {

#if !defined(_WIN32)
namespace {

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// os.Getwd's walk up through "..", "../..", ... (go1.24+, when getcwd's
// answer is longer than a page): the path, or *err in go's words.
std::string walk_up_getwd(std::string* err) {
  struct stat dot, root;
  if (::stat(".", &dot) != 0) {
    *err = "stat .: " + std::string(errno == EACCES ? "permission denied" : "no such file or directory");
    return "";
  }
  if (::stat("/", &root) != 0) {
    *err = "stat /: permission denied";
    return "";
  }
  if (same_file(root, dot)) return "/";
  std::string dir;
  for (std::string parent = ".."; ; parent = "../" + parent) {
    if (parent.size() >= 1024) {
      *err = "getwd: file name too long";
      return "";
    }
    DIR* d = ::opendir(parent.c_str());
    if (!d) {
      *err = "open " + parent + ": " + (errno == EACCES ? "permission denied" : "no such file or directory");
      return "";
    }
    bool found = false;
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      struct stat st;
      if (::lstat((parent + "/" + name).c_str(), &st) == 0 && same_file(st, dot)) {
        dir = "/" + name + dir;
        found = true;
        break;
      }
    }
    struct stat pd;
    bool pd_ok = ::fstat(::dirfd(d), &pd) == 0;
    ::closedir(d);
    if (!found) {
      *err = "getwd: file name too long";  // Readdirnames ran out: go's "most sensible error"
      return "";
    }
    if (!pd_ok) {
      *err = "getwd: file name too long";
      return "";
    }
    if (same_file(pd, root)) break;
    dot = pd;
  }
  return dir;
}

}  // namespace
#endif

std::string current_dir(const Environ& env, Disk& disk, CwdFacts* facts) {
#if defined(_WIN32)
  (void)disk;
  (void)env;
  (void)facts;
  wchar_t buf[32768];
  DWORD n = GetCurrentDirectoryW(32768, buf);
  if (n == 0 || n >= 32768) return "";
  return wide_to_utf8(std::wstring_view(buf, n));
#else
  // os.Getwd: $PWD when it names the current directory (it keeps the
  // user's spelling through symlinks), else getcwd.
  CwdFacts local;
  CwdFacts& f = facts ? *facts : local;
  f = CwdFacts{};
  std::string pwd = env.get("PWD");
  f.pwd_abs = !pwd.empty() && pwd[0] == '/';
  // go stats "." first (go1.24+: only with an absolute $PWD): a directory
  // this user cannot search fails there.
  struct stat dot;
  if (::stat(".", &dot) != 0) f.dot_errno = errno;
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) {
    f.getcwd_errno = errno == ERANGE ? ENAMETOOLONG : errno;
    if (f.pwd_abs && f.dot_errno == 0) {
      struct stat p;
      if (::stat(pwd.c_str(), &p) == 0 && same_file(p, dot)) {
        f.pwd_matched = true;
        return pwd;
      }
    }
    if (f.getcwd_errno == ENAMETOOLONG && f.dot_errno == 0) return walk_up_getwd(&f.walk_error);
    return "";
  }
  // The usual case, $PWD spelled as getcwd spells it, needs no more stats:
  // either way the answer is that string.
  if (pwd == buf) {
    f.pwd_matched = f.dot_errno == 0;
    return pwd;
  }
  if (f.pwd_abs) {
    FileStat a = disk.stat(pwd), b = disk.stat(buf);
    if (a.exists() && a.dev == b.dev && a.ino == b.ino) {
      f.pwd_matched = f.dot_errno == 0;
      return pwd;
    }
  }
  return buf;
#endif
}

}  // namespace gs
