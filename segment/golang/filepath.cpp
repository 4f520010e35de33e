#include "segment/golang/filepath.h"

#include <algorithm>
#include <cctype>

namespace gs::fp {

bool is_sep(char c, PathStyle s) { return c == '/' || (s == PathStyle::windows && c == '\\'); }
char sep(PathStyle s) { return s == PathStyle::windows ? '\\' : '/'; }
char list_sep(PathStyle s) { return s == PathStyle::windows ? ';' : ':'; }

size_t volume_name_len(std::string_view p, PathStyle s) {
  if (s != PathStyle::windows || p.size() < 2) return 0;
  // "C:"
  if (p[1] == ':' && std::isalpha(static_cast<unsigned char>(p[0]))) return 2;
  // UNC "\\host\share"
  if (p.size() >= 5 && is_sep(p[0], s) && is_sep(p[1], s) && !is_sep(p[2], s) && p[2] != '.') {
    size_t n = 3;
    while (n < p.size() && !is_sep(p[n], s)) ++n;
    if (n + 1 < p.size()) {
      ++n;
      if (!is_sep(p[n], s)) {
        while (n < p.size() && !is_sep(p[n], s)) ++n;
        return n;
      }
    }
  }
  return 0;
}

// A direct transcription of Go's filepath.Clean (lexical processing only).
std::string clean(std::string_view path, PathStyle s) {
  std::string original(path);
  size_t vol_len = volume_name_len(path, s);
  std::string vol(path.substr(0, vol_len));
  std::string_view p = path.substr(vol_len);
  if (p.empty()) {
    if (vol_len > 1 && s == PathStyle::windows && original[1] != ':') {
      // UNC: "\\host\share" -> "\\host\share"
      std::string r = original;
      std::replace(r.begin(), r.end(), '/', '\\');
      return r;
    }
    return vol + ".";
  }
  bool rooted = is_sep(p[0], s);
  size_t n = p.size();
  std::string out;
  out.reserve(n + 1);
  size_t r = 0, dotdot = 0;
  if (rooted) {
    out.push_back(sep(s));
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (is_sep(p[r], s)) {
      ++r;
    } else if (p[r] == '.' && (r + 1 == n || is_sep(p[r + 1], s))) {
      ++r;
    } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || is_sep(p[r + 2], s))) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && !is_sep(out[w], s)) --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out.push_back(sep(s));
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out.push_back(sep(s));
      // Windows: a leading element with a colon would read as a volume.
      if (s == PathStyle::windows && out.empty() && vol_len == 0) {
        for (size_t i = r; i < n && !is_sep(p[i], s); ++i) {
          if (p[i] == ':') {
            out += ".\\";
            break;
          }
        }
      }
      for (; r < n && !is_sep(p[r], s); ++r) out.push_back(p[r]);
    }
  }
  if (out.empty()) out = ".";
  if (s == PathStyle::windows) std::replace(out.begin(), out.end(), '/', '\\');
  if (s == PathStyle::windows) std::replace(vol.begin(), vol.end(), '/', '\\');
  return vol + out;
}

std::string join(std::initializer_list<std::string_view> parts, PathStyle s) {
  std::string joined;
  bool any = false;
  for (std::string_view e : parts) {
    if (!any && e.empty()) continue;
    if (any) joined.push_back(sep(s));
    joined.append(e);
    any = true;
  }
  if (!any) return "";
  if (s == PathStyle::windows) {
    // Go's Windows join: a first element that is just a volume ("C:") stays
    // relative to it; a first element "\\" or "//" must not become UNC.
    std::string_view first;
    for (std::string_view e : parts) {
      if (!e.empty()) {
        first = e;
        break;
      }
    }
    if (first.size() == 2 && first[1] == ':') {
      std::string rest = joined.substr(3);
      return clean(std::string(first) + rest, s);
    }
  }
  return clean(joined, s);
}

std::vector<std::string> split_list(std::string_view list, PathStyle s) {
  std::vector<std::string> out;
  if (list.empty()) return out;
  if (s == PathStyle::posix) {
    size_t i = 0;
    while (true) {
      size_t j = list.find(':', i);
      if (j == std::string_view::npos) {
        out.emplace_back(list.substr(i));
        break;
      }
      out.emplace_back(list.substr(i, j - i));
      i = j + 1;
    }
    return out;
  }
  // Windows: ';' separates, double quotes protect separators and are removed.
  std::string cur;
  bool quo = false;
  for (char c : list) {
    if (c == '"') {
      quo = !quo;
    } else if (c == ';' && !quo) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

bool is_abs(std::string_view path, PathStyle s) {
  if (s == PathStyle::posix) return !path.empty() && path[0] == '/';
  size_t l = volume_name_len(path, s);
  if (l == 0) return false;
  if (l > 2) return true;  // UNC
  path.remove_prefix(l);
  return !path.empty() && is_sep(path[0], s);
}

std::string dir(std::string_view path, PathStyle s) {
  size_t vl = volume_name_len(path, s);
  size_t i = path.size();
  while (i > vl && !is_sep(path[i - 1], s)) --i;
  std::string d = clean(path.substr(vl, i - vl), s);
  if (d == "." && vl > 2) return std::string(path.substr(0, vl));
  return std::string(path.substr(0, vl)) + d;
}

std::string base(std::string_view path, PathStyle s) {
  if (path.empty()) return ".";
  while (path.size() > 0 && is_sep(path.back(), s)) path.remove_suffix(1);
  path.remove_prefix(volume_name_len(path, s));
  size_t i = path.size();
  while (i > 0 && !is_sep(path[i - 1], s)) --i;
  path.remove_prefix(i);
  if (path.empty()) return std::string(1, sep(s));
  return std::string(path);
}

std::string abs(std::string_view path, std::string_view cwd, PathStyle s) {
  if (is_abs(path, s)) return clean(path, s);
  return join({cwd, path}, s);
}

namespace {
char fold(char c, PathStyle s) {
  if (s == PathStyle::windows) {
    if (c == '/') return '\\';
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return c;
}
}  // namespace

bool same_path(std::string_view a, std::string_view b, PathStyle s) {
  std::string ca = clean(a, s), cb = clean(b, s);
  if (ca.size() != cb.size()) return false;
  for (size_t i = 0; i < ca.size(); ++i)
    if (fold(ca[i], s) != fold(cb[i], s)) return false;
  return true;
}

bool has_prefix_dir(std::string_view child, std::string_view parent, PathStyle s) {
  std::string c = clean(child, s), p = clean(parent, s);
  if (c.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (fold(c[i], s) != fold(p[i], s)) return false;
  if (c.size() == p.size()) return true;
  if (!p.empty() && is_sep(p.back(), s)) return true;
  return is_sep(c[p.size()], s);
}

// Go's walkSymlinks (path/filepath/symlink.go), transcribed: resolve one
// component at a time, splicing each link target into the remaining path;
// 255 links at most.
bool eval_symlinks(Disk& disk, std::string_view in, std::string* out,
                   std::vector<std::string>* visited, PathStyle s) {
  std::string path(in);
  const char S = sep(s);
  size_t vol_len = volume_name_len(path, s);
  if (vol_len < path.size() && is_sep(path[vol_len], s)) ++vol_len;
  std::string vol = path.substr(0, vol_len);
  std::string dest = vol;
  int links = 0;
  auto last_sep = [&](const std::string& d) -> long {
    long r = static_cast<long>(d.size()) - 1;
    for (; r >= static_cast<long>(vol_len); --r)
      if (is_sep(d[static_cast<size_t>(r)], s)) break;
    return r;
  };
  for (size_t start = vol_len, end = vol_len; start < path.size(); start = end) {
    while (start < path.size() && is_sep(path[start], s)) ++start;
    end = start;
    while (end < path.size() && !is_sep(path[end], s)) ++end;
    if (end == start) break;
    std::string comp = path.substr(start, end - start);
    if (comp == ".") continue;
    if (comp == "..") {
      long r = last_sep(dest);
      if (r < static_cast<long>(vol_len) || dest.substr(static_cast<size_t>(r) + 1) == "..") {
        if (dest.size() > vol_len) dest.push_back(S);
        dest += "..";
      } else {
        dest.resize(static_cast<size_t>(r));
      }
      continue;
    }
    if (dest.size() > volume_name_len(dest, s) && !is_sep(dest.back(), s)) dest.push_back(S);
    dest += comp;
    if (visited) visited->push_back(dest);
    FileStat st = disk.lstat(dest);
    if (!st.exists()) return false;
    if (st.kind != FileKind::symlink) {
      if (!st.is_dir() && end < path.size()) return false;  // ENOTDIR
      continue;
    }
    if (++links > 255) return false;
    std::string link;
    if (!disk.read_link(dest, &link)) return false;
    path = link + path.substr(end);
    size_t v = volume_name_len(link, s);
    if (v > 0) {
      if (v < link.size() && is_sep(link[v], s)) ++v;
      vol = link.substr(0, v);
      dest = vol;
      end = vol.size();
    } else if (!link.empty() && is_sep(link[0], s)) {
      dest = link.substr(0, 1);
      end = 1;
      vol = dest;
      vol_len = 1;
    } else {
      long r = last_sep(dest);
      if (r < static_cast<long>(vol_len)) dest = vol;
      else dest.resize(static_cast<size_t>(r));
      end = 0;
    }
  }
  *out = clean(dest, s);
  return true;
}

}  // namespace gs::fp
