#include "cache/cache_dir.h"

#include <fmt/format.h>

#include <vector>

namespace gs::cache {
namespace {

std::optional<std::string> nonempty(const GetEnv& getenv, const char* name) {
  std::optional<std::string> v = getenv(name);
  if (v && v->empty()) v.reset();
  return v;
}

bool is_separator(char c, Platform platform) {
  return c == '/' || (platform == Platform::Windows && c == '\\');
}

std::string join(std::string base, const char* name, Platform platform) {
  char sep = platform == Platform::Windows ? '\\' : '/';
  if (!base.empty() && !is_separator(base.back(), platform)) base.push_back(sep);
  for (const char* p = name; *p; ++p) base.push_back(*p == '/' ? sep : *p);
  return base;
}

// "/a/b/" -> "/a"; "/a" -> "/".
std::string parent_dir(std::string p, Platform platform) {
  while (p.size() > 1 && is_separator(p.back(), platform)) p.pop_back();
  size_t i = p.size();
  while (i > 0 && !is_separator(p[i - 1], platform)) --i;
  if (i == 0) return "";
  p.resize(i > 1 ? i - 1 : 1);
  while (p.size() > 1 && is_separator(p.back(), platform)) p.pop_back();
  return p;
}

}  // namespace

bool is_absolute_path(const std::string& path, Platform platform) {
  if (platform != Platform::Windows) return !path.empty() && path[0] == '/';
  // C:\x or C:/x, or a UNC path \\server\share (or \\?\...).
  if (path.size() >= 3 && ((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z') &&
      path[1] == ':' && is_separator(path[2], platform))
    return true;
  return path.size() >= 2 && is_separator(path[0], platform) && is_separator(path[1], platform);
}

CacheDirChoice choose_cache_dir(const GetEnv& getenv, Platform platform) {
  auto absolute = [&](const char* name) -> std::optional<std::string> {
    std::optional<std::string> v = nonempty(getenv, name);
    if (v && !is_absolute_path(*v, platform)) v.reset();
    return v;
  };
  if (auto v = absolute("GOSTATUS_CACHE_DIR")) return {*v, "$GOSTATUS_CACHE_DIR", ""};
  switch (platform) {
    case Platform::Linux:
      // The XDG spec asks a program to create a missing $XDG_CACHE_HOME
      // (a fresh account often has none), so its parent is the base; under
      // $HOME, HOME itself must exist: a missing HOME is never created.
      if (auto v = absolute("XDG_CACHE_HOME"))
        return {join(*v, "gostatus", platform), "$XDG_CACHE_HOME/gostatus", parent_dir(*v, platform)};
      if (auto v = absolute("HOME"))
        return {join(*v, ".cache/gostatus", platform), "$HOME/.cache/gostatus", *v};
      break;
    case Platform::MacOS:
      if (auto v = absolute("HOME"))
        return {join(*v, "Library/Caches/gostatus", platform), "$HOME/Library/Caches/gostatus", *v};
      break;
    case Platform::Windows:
      if (auto v = absolute("LOCALAPPDATA"))
        return {join(*v, "gostatus", platform), "%LOCALAPPDATA%\\gostatus", *v};
      break;
  }
  return {"", "no cache directory: none of its environment variables is set to an absolute path", ""};
}

DirTrust check_cache_dir(Disk& disk, const std::string& dir) {
  DirTrust t;
  if (dir.empty()) {
    t.state = DirTrust::State::untrusted;
    t.reason = "no cache directory";
    return t;
  }
  FileStat st = disk.lstat(dir);
  t.state = DirTrust::State::untrusted;
  switch (st.kind) {
    case FileKind::missing:
      t.state = DirTrust::State::missing;
      t.reason = fmt::format("{} does not exist (yet)", dir);
      return t;
    case FileKind::error:
      t.reason = fmt::format("{} cannot be examined", dir);
      return t;
    case FileKind::symlink:
      t.reason = fmt::format("{} is a symlink; set GOSTATUS_CACHE_DIR to the real directory", dir);
      return t;
    case FileKind::directory:
      break;
    default:
      t.reason = fmt::format("{} is not a directory", dir);
      return t;
  }
  const uint32_t me = disk.current_uid();
  if (st.uid != me) {
    t.reason = fmt::format("{} is owned by uid {}, not by the current user (uid {})", dir, st.uid, me);
    return t;
  }
  if (st.mode & 022) {
    t.reason = fmt::format("{} is writable by {} (mode {:04o})", dir,
                           (st.mode & 020) && (st.mode & 002) ? "group and others"
                           : (st.mode & 020)                  ? "group"
                                                              : "others",
                           st.mode);
    return t;
  }
  t.state = DirTrust::State::trusted;
  return t;
}

bool make_cache_dir(Disk& disk, const std::string& dir, const std::string& base) {
  auto trim = [](std::string p) {
    while (p.size() > 1 && (p.back() == '/' || p.back() == '\\')) p.pop_back();
    return p;
  };
  const std::string top = trim(base);
  // Try the directory itself first: in the common case the parents exist.
  // Otherwise walk up, but never past base, and come back down.
  std::vector<std::string> todo{trim(dir)};
  while (todo.size() < 128) {
    if (disk.make_dir(todo.back(), 0700)) {
      todo.pop_back();
      break;
    }
    const std::string& cur = todo.back();
    size_t slash = cur.find_last_of("/\\");
    if (slash == std::string::npos || slash == 0 || (slash == 2 && cur[1] == ':')) return false;
    std::string parent = cur.substr(0, slash);
    // Only folders strictly below an existing base are ours to create.
    if (top.empty() || parent.size() <= top.size() || parent.compare(0, top.size(), top) != 0 ||
        !disk.stat(top).is_dir())
      return false;
    todo.push_back(std::move(parent));
  }
  while (!todo.empty()) {
    if (!disk.make_dir(todo.back(), 0700)) return false;
    todo.pop_back();
  }
  return true;
}

}  // namespace gs::cache
