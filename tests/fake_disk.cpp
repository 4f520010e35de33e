#include "tests/fake_disk.h"

#include <algorithm>
#include <cstring>

namespace gs {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

class FakeFile : public ReadableFile {
 public:
  explicit FakeFile(std::string data) : data_(std::move(data)) {}
  uint64_t size() const override { return data_.size(); }
  int64_t read_at(uint64_t offset, void* buf, size_t n) override {
    if (offset >= data_.size()) return 0;
    size_t k = std::min(n, static_cast<size_t>(data_.size() - offset));
    std::memcpy(buf, data_.data() + offset, k);
    return static_cast<int64_t>(k);
  }

 private:
  std::string data_;
};

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool FakeDisk::KeyLess::operator()(const std::string& a, const std::string& b) const {
  if (!fold_case) return a < b;
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return fold(x) < fold(y); });
}

std::string FakeDisk::key_of(const std::string& path) const {
  if (paths_ == Paths::posix) return path;
  std::string k = path;
  std::replace(k.begin(), k.end(), '\\', '/');
  if (k.size() >= 2 && k[1] == ':' && ((k[0] >= 'A' && k[0] <= 'Z') || (k[0] >= 'a' && k[0] <= 'z')))
    k.insert(k.begin(), '/');
  while (k.size() > 1 && k.back() == '/') k.pop_back();
  return k;
}

bool FakeDisk::has_key_prefix(const std::string& key, const std::string& prefix) const {
  if (key.size() < prefix.size()) return false;
  const bool f = paths_ == Paths::windows;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (f ? fold(key[i]) != fold(prefix[i]) : key[i] != prefix[i]) return false;
  return true;
}

FakeDisk::FakeDisk(Paths paths) : paths_(paths), nodes_(KeyLess{paths == Paths::windows}) {
  Node root;
  root.kind = FileKind::directory;
  root.mode = 0755;
  root.ino = next_ino_++;
  nodes_["/"] = root;
}

void FakeDisk::ensure_parents(const std::string& path) {
  std::string p = parent_of(path);
  if (nodes_.count(p)) return;
  ensure_parents(p);
  Node d;
  d.kind = FileKind::directory;
  d.mode = 0755;
  d.uid = uid;
  d.mtime_ns = d.ctime_ns = clock_ns;
  d.ino = next_ino_++;
  nodes_[p] = d;
}

void FakeDisk::stamp_parent(const std::string& path) {
  auto it = nodes_.find(parent_of(path));
  if (it != nodes_.end()) it->second.mtime_ns = it->second.ctime_ns = clock_ns;
}

void FakeDisk::add_file(const std::string& as_written, std::string content, uint32_t mode) {
  const std::string path = key_of(as_written);
  clock_ns += 1'000'000'000;
  ensure_parents(path);
  Node n;
  n.kind = FileKind::regular;
  n.content = std::move(content);
  n.mode = mode;
  n.uid = uid;
  n.mtime_ns = n.ctime_ns = clock_ns;
  n.ino = next_ino_++;
  nodes_[path] = n;
  stamp_parent(path);
}

void FakeDisk::add_dir(const std::string& as_written, uint32_t mode) {
  const std::string path = key_of(as_written);
  clock_ns += 1'000'000'000;
  ensure_parents(path);
  Node n;
  n.kind = FileKind::directory;
  n.mode = mode;
  n.uid = uid;
  n.mtime_ns = n.ctime_ns = clock_ns;
  n.ino = next_ino_++;
  nodes_[path] = n;
  stamp_parent(path);
}

void FakeDisk::add_symlink(const std::string& as_written, const std::string& target) {
  const std::string path = key_of(as_written);
  clock_ns += 1'000'000'000;
  ensure_parents(path);
  Node n;
  n.kind = FileKind::symlink;
  n.content = target;
  n.mode = 0777;
  n.uid = uid;
  n.mtime_ns = n.ctime_ns = clock_ns;
  n.ino = next_ino_++;
  nodes_[path] = n;
  stamp_parent(path);
}

void FakeDisk::add_fifo(const std::string& path) {
  add_file(path, "", 0644);
  nodes_[key_of(path)].kind = FileKind::other;
}

void FakeDisk::erase(const std::string& as_written) {
  const std::string path = key_of(as_written);
  clock_ns += 1'000'000'000;
  std::string prefix = path + "/";
  for (auto it = nodes_.begin(); it != nodes_.end();) {
    const bool same = !nodes_.key_comp()(it->first, path) && !nodes_.key_comp()(path, it->first);
    if (same || has_key_prefix(it->first, prefix))
      it = nodes_.erase(it);
    else
      ++it;
  }
  stamp_parent(path);
}

void FakeDisk::touch(const std::string& path) {
  clock_ns += 1'000'000'000;
  if (Node* n = node(path)) n->mtime_ns = n->ctime_ns = clock_ns;
}

FakeDisk::Node* FakeDisk::node(const std::string& path) {
  auto it = nodes_.find(key_of(path));
  return it == nodes_.end() ? nullptr : &it->second;
}

size_t FakeDisk::count(const std::string& op) const {
  size_t n = 0;
  for (const std::string& l : log)
    if (l.compare(0, op.size() + 1, op + " ") == 0) ++n;
  return n;
}

bool FakeDisk::resolve(const std::string& as_written, bool follow_last, std::string* key, bool* loop) {
  *loop = false;
  const std::string path = key_of(as_written);
  if (path.empty() || path[0] != '/') return false;
  std::vector<std::string> todo = split(path);
  std::string cur = "/";
  int links = 0;
  size_t i = 0;
  while (i < todo.size()) {
    const std::string comp = todo[i];
    bool last = i + 1 == todo.size();
    if (comp == ".") { ++i; continue; }
    if (comp == "..") { cur = parent_of(cur); ++i; continue; }
    std::string next = cur == "/" ? "/" + comp : cur + "/" + comp;
    auto it = nodes_.find(next);
    if (it == nodes_.end()) return false;
    if (it->second.kind == FileKind::symlink && (!last || follow_last)) {
      if (++links > 40) { *loop = true; return false; }
      std::vector<std::string> rest(todo.begin() + static_cast<long>(i) + 1, todo.end());
      const std::string t = key_of(it->second.content);
      std::vector<std::string> target = split(t);
      if (!t.empty() && t[0] == '/') cur = "/";
      todo = target;
      todo.insert(todo.end(), rest.begin(), rest.end());
      i = 0;
      continue;
    }
    if (!last && it->second.kind != FileKind::directory) return false;
    cur = next;
    ++i;
  }
  *key = cur;
  return true;
}

FileStat FakeDisk::stat_node(const std::string& key) {
  const Node& n = nodes_.at(key);
  FileStat s;
  s.kind = n.kind;
  s.mode = n.mode;
  s.uid = n.uid;
  s.size = n.kind == FileKind::directory ? 4096 : n.content.size();
  s.mtime_ns = n.mtime_ns;
  s.ctime_ns = n.ctime_ns;
  s.dev = 1;
  s.ino = n.ino;
  return s;
}

FileStat FakeDisk::stat(const std::string& path) {
  log.push_back("stat " + path);
  std::string key;
  bool loop;
  if (!resolve(path, true, &key, &loop)) {
    FileStat s;
    s.kind = loop ? FileKind::error : FileKind::missing;
    return s;
  }
  return stat_node(key);
}

FileStat FakeDisk::lstat(const std::string& path) {
  log.push_back("lstat " + path);
  std::string key;
  bool loop;
  if (!resolve(path, false, &key, &loop)) {
    FileStat s;
    s.kind = loop ? FileKind::error : FileKind::missing;
    return s;
  }
  return stat_node(key);
}

bool FakeDisk::read_link(const std::string& path, std::string* target) {
  log.push_back("readlink " + path);
  std::string key;
  bool loop;
  if (!resolve(path, false, &key, &loop)) return false;
  const Node& n = nodes_.at(key);
  if (n.kind != FileKind::symlink) return false;
  *target = n.content;
  return true;
}

bool FakeDisk::is_executable(const std::string& path) {
  log.push_back("access " + path);
  std::string key;
  bool loop;
  if (!resolve(path, true, &key, &loop)) return false;
  const Node& n = nodes_.at(key);
  return (n.mode & 0111) != 0;
}

std::unique_ptr<ReadableFile> FakeDisk::open_read(const std::string& path) {
  log.push_back("open " + path);
  std::string key;
  bool loop;
  if (!resolve(path, true, &key, &loop)) return nullptr;
  const Node& n = nodes_.at(key);
  if (n.kind != FileKind::regular || n.unreadable) return nullptr;
  return std::make_unique<FakeFile>(n.content);
}

bool FakeDisk::make_dir(const std::string& as_written, uint32_t mode) {
  log.push_back("mkdir " + as_written);
  const std::string path = key_of(as_written);
  if (nodes_.count(path)) return nodes_[path].kind == FileKind::directory;
  if (!nodes_.count(parent_of(path))) return false;
  add_dir(path, mode);
  return true;
}

bool FakeDisk::write_new_file(const std::string& as_written, std::string_view data, uint32_t mode) {
  log.push_back("create " + as_written);
  const std::string path = key_of(as_written);
  if (nodes_.count(path) || !nodes_.count(parent_of(path))) return false;
  add_file(path, std::string(data), mode);
  return true;
}

bool FakeDisk::rename(const std::string& from, const std::string& to) {
  log.push_back("rename " + from + " " + to);
  auto it = nodes_.find(key_of(from));
  if (it == nodes_.end()) return false;
  Node n = it->second;
  nodes_.erase(it);
  nodes_[key_of(to)] = n;
  stamp_parent(key_of(to));
  return true;
}

bool FakeDisk::remove(const std::string& as_written) {
  log.push_back("remove " + as_written);
  const std::string path = key_of(as_written);
  if (!nodes_.count(path)) return false;
  nodes_.erase(path);
  stamp_parent(path);
  return true;
}

bool FakeDisk::list_dir(const std::string& as_written, std::vector<DirEntry>* entries) {
  log.push_back("listdir " + as_written);
  const std::string path = key_of(as_written);
  entries->clear();
  auto it = nodes_.find(path);
  if (it == nodes_.end() || it->second.kind != FileKind::directory) return false;
  std::string prefix = path == "/" ? "/" : path + "/";
  for (auto& [k, n] : nodes_) {
    if (k.size() > prefix.size() && has_key_prefix(k, prefix) &&
        k.find('/', prefix.size()) == std::string::npos)
      entries->push_back(DirEntry{k.substr(prefix.size())});
  }
  return true;
}

}  // namespace gs
