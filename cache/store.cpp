#include "cache/store.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/process_id.h"

namespace gs::cache {
namespace {

constexpr std::string_view kEntrySuffix = ".gsc";
// The cache directory may be a folder of the user's (GOSTATUS_CACHE_DIR), so
// the temp prefix is one nobody else uses, and a temp name is recognised
// only in exactly the form temp_name() writes.
constexpr std::string_view kTempPrefix = ".gostatus-tmp.";

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Consumes 1..20 decimal digits and the separator after them.
bool take_number(std::string_view* s, char sep) {
  size_t n = 0;
  while (n < s->size() && n < 20 && (*s)[n] >= '0' && (*s)[n] <= '9') ++n;
  if (n == 0 || n >= s->size() || (*s)[n] != sep) return false;
  s->remove_prefix(n + 1);
  return true;
}

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

Store::Store(Disk& disk, std::string dir, StoreLimits limits, std::string create_base)
    : disk_(disk), dir_(std::move(dir)), create_base_(std::move(create_base)), limits_(limits) {}

bool Store::is_entry_name(std::string_view name) {
  return name.size() == 32 + kEntrySuffix.size() && name.ends_with(kEntrySuffix) &&
         is_hex(name.substr(0, 32));
}

bool Store::is_temp_name(std::string_view name) {
  // <prefix><pid>-<counter>-<16 hex>
  if (!name.starts_with(kTempPrefix)) return false;
  name.remove_prefix(kTempPrefix.size());
  return take_number(&name, '-') && take_number(&name, '-') && name.size() == 16 && is_hex(name);
}

bool Store::is_own_file(std::string_view name, const FileStat& st) {
  // Never a link (its target is not ours to judge), never a directory.
  if (!st.is_regular()) return false;
  if (is_temp_name(name)) return true;
  if (!is_entry_name(name)) return false;
  // An entry-shaped name is not enough: the file must begin like an entry.
  std::unique_ptr<ReadableFile> f = disk_.open_read(child(name));
  char head[kEntryMagicBytes];
  return f && f->read_at(0, head, sizeof head) == static_cast<int64_t>(sizeof head) &&
         starts_with_entry_magic(std::string_view(head, sizeof head));
}

std::string Store::child(std::string_view name) const {
  std::string p;
  p.reserve(dir_.size() + 1 + name.size());
  p = dir_;
  if (!p.empty() && p.back() != '/' && p.back() != '\\')
    p.push_back(host_platform() == Platform::Windows ? '\\' : '/');
  p.append(name);
  return p;
}

std::string Store::entry_path(const Key& key) const {
  std::string name = key.hex();
  name.append(kEntrySuffix);
  return child(name);
}

const DirTrust& Store::trust() {
  if (!trust_) trust_ = check_cache_dir(disk_, dir_);
  return *trust_;
}

std::optional<std::string> Store::lookup(const Key& key) {
  LookupResult r = lookup_impl(key, false);
  if (!r.hit()) return std::nullopt;
  return std::move(r.payload);
}

LookupResult Store::lookup_status(const Key& key) { return lookup_impl(key, false); }

LookupResult Store::lookup_with_deps(const Key& key) { return lookup_impl(key, true); }

LookupResult Store::lookup_impl(const Key& key, bool want_deps) {
  LookupResult r;
  if (!trust().trusted()) {
    r.status = LookupStatus::no_cache;
    r.detail = trust().reason;
    return r;
  }
  const std::string path = entry_path(key);
  std::string buf;
  if (!disk_.read_file(path, kMaxEntryBytes, &buf)) {
    r.status = LookupStatus::absent;
    r.detail = fmt::format("{}: no readable entry", path);
    return r;
  }
  EntryView e;
  if (EntryError err = decode_entry(buf, &e); err != EntryError::ok) {
    r.status = LookupStatus::invalid;
    r.detail = fmt::format("{}: {}", path, describe(err));
    return r;
  }
  if (e.key != key) {
    r.status = LookupStatus::invalid;
    r.detail = fmt::format("{}: holds another key", path);
    return r;
  }
  // The writer stores each (path, how) once, so each file is stat'ed once.
  if (want_deps) r.deps.reserve(e.deps.size());
  for (const DependencyView& d : e.deps) {
    scratch_.assign(d.path);
    FileStat now = d.how == Observe::lstat ? disk_.lstat(scratch_) : disk_.stat(scratch_);
    if (const char* what = changed_field(d.seen, d.listed, now)) {
      r.status = LookupStatus::stale;
      r.detail = fmt::format("{}: {} changed", d.path, what);
      r.deps.clear();
      return r;
    }
    // What is there now: a directory may have moved in what does not matter.
    if (want_deps) r.deps.push_back(Dependency{std::string(d.path), d.how, now, d.listed});
  }
  r.status = LookupStatus::hit;
  // The payload is a tail slice of buf: shift it down instead of copying.
  const size_t off = static_cast<size_t>(e.payload.data() - buf.data());
  const size_t len = e.payload.size();
  buf.erase(0, off);
  buf.resize(len);
  r.payload = std::move(buf);
  return r;
}

std::string Store::temp_name() {
  const uint64_t pid = current_process_id();
  const uint64_t n = ++temp_counter_;
  int local = 0;
  const uint64_t rnd = splitmix64(static_cast<uint64_t>(disk_.now_ns()) ^ (pid << 32) ^ n ^
                                  reinterpret_cast<uintptr_t>(&local));
  return fmt::format("{}{}-{}-{:016x}", kTempPrefix, pid, n, rnd);
}

StoreResult Store::store(const Key& key, std::span<const Dependency> deps, std::string_view payload,
                         std::optional<int64_t> observed_at_ns) {
  StoreResult r;
  if (dir_.empty()) {
    r.status = StoreStatus::no_cache;
    r.detail = "no cache directory";
    return r;
  }
  if (deps.size() > kMaxDependencies) {
    r.status = StoreStatus::too_large;
    r.detail = fmt::format("{} dependencies, at most {}", deps.size(), kMaxDependencies);
    return r;
  }
  for (const Dependency& d : deps) {
    if (!is_storable_path(d.path)) {
      r.status = StoreStatus::bad_dependency;
      r.detail = fmt::format("unusable dependency path ({} bytes)", d.path.size());
      return r;
    }
  }

  // Store each (path, how) once, in the caller's order; a path observed twice
  // with different results changed while we looked, so nothing can be stored.
  std::vector<uint32_t> order(deps.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto less = [&](uint32_t a, uint32_t b) {
    if (deps[a].how != deps[b].how) return deps[a].how < deps[b].how;
    if (deps[a].path != deps[b].path) return deps[a].path < deps[b].path;
    return a < b;
  };
  std::sort(order.begin(), order.end(), less);
  std::vector<bool> dup(deps.size(), false);
  bool any_dup = false;
  for (size_t i = 1; i < order.size(); ++i) {
    const Dependency& a = deps[order[i - 1]];
    const Dependency& b = deps[order[i]];
    if (a.how != b.how || a.path != b.path) continue;
    if (a.seen != b.seen) {
      r.status = StoreStatus::inconsistent;
      r.detail = fmt::format("{} changed while it was being observed", a.path);
      return r;
    }
    dup[order[i]] = any_dup = true;
  }
  std::vector<Dependency> unique;
  if (any_dup) {
    // A directory listed by one observation is listed, whichever came first.
    std::vector<bool> listed(deps.size(), false);
    for (size_t i = 0; i < order.size(); ++i) {
      size_t first = i;
      while (first > 0 && dup[order[first]]) --first;
      if (deps[order[i]].listed) listed[order[first]] = true;
    }
    for (size_t i = 0; i < deps.size(); ++i) {
      if (dup[i]) continue;
      unique.push_back(deps[i]);
      unique.back().listed = unique.back().listed || listed[i];
    }
    deps = unique;
  }

  // The racy-timestamp rule (after ccache): a file touched within one tick
  // of the observation may change again without its timestamps moving.
  const int64_t now = disk_.now_ns();
  const int64_t recorded = observed_at_ns ? std::min(*observed_at_ns, now) : now;
  const int64_t safe_before = recorded - kTimestampGranularityNs;
  for (const Dependency& d : deps) {
    if (timestamps_compared(d.seen, d.listed) &&
        (d.seen.mtime_ns >= safe_before || d.seen.ctime_ns >= safe_before)) {
      r.status = StoreStatus::racy;
      r.detail = fmt::format("{} was modified too recently to be trusted on timestamps", d.path);
      return r;
    }
  }

  std::string data;
  if (!encode_entry(key, recorded, deps, payload, &data)) {
    r.status = StoreStatus::too_large;
    r.detail = fmt::format("entry over {} bytes", kMaxEntryBytes);
    return r;
  }

  if (trust().state == DirTrust::State::missing) {
    make_cache_dir(disk_, dir_, create_base_);
    trust_.reset();   // whatever is there now must pass the check itself
  }
  if (!trust().trusted()) {
    r.status = trust().state == DirTrust::State::missing ? StoreStatus::io_error : StoreStatus::no_cache;
    r.detail = trust().state == DirTrust::State::missing
                   ? fmt::format("cannot create {}", dir_)
                   : trust().reason;
    return r;
  }

  const std::string final_path = entry_path(key);
  std::string tmp;
  bool written = false;
  // A name collision (another process, same pid after a restart in a
  // container...) fails the exclusive create; one retry gets a fresh name.
  for (int attempt = 0; attempt < 2 && !written; ++attempt) {
    tmp = child(temp_name());
    written = disk_.write_new_file(tmp, data, 0600);
  }
  // A failed write_new_file removes its own partial file (Disk's contract),
  // and the name may be another process's, so it is not removed here.
  if (!written) {
    r.status = StoreStatus::io_error;
    r.detail = fmt::format("cannot write a temporary file in {}", dir_);
    return r;
  }
  if (!disk_.rename(tmp, final_path)) {
    disk_.remove(tmp);
    r.status = StoreStatus::io_error;
    r.detail = fmt::format("cannot rename into {}", final_path);
    return r;
  }
  r.status = StoreStatus::stored;
  maintain(key.hex().append(kEntrySuffix), disk_.now_ns(), &r);
  return r;
}

void Store::maintain(const std::string& keep, int64_t now, StoreResult* result) {
  std::vector<DirEntry> names;
  if (!disk_.list_dir(dir_, &names)) return;
  struct Item {
    int64_t mtime_ns;
    uint64_t size;
    std::string name;
  };
  std::vector<Item> entries;
  size_t count = 0;
  uint64_t bytes = 0;
  for (DirEntry& n : names) {
    const bool entry = is_entry_name(n.name);
    if (!entry && !is_temp_name(n.name)) continue;   // not ours: never touched
    const std::string path = child(n.name);
    FileStat st = disk_.lstat(path);
    if (!st.is_regular()) continue;
    if (!entry) {
      if (st.mtime_ns < now - kStaleTempAgeNs && disk_.remove(path)) ++result->swept;
      continue;
    }
    ++count;
    bytes += st.size;
    if (n.name != keep) entries.push_back(Item{st.mtime_ns, st.size, std::move(n.name)});
  }
  if (count <= limits_.max_entries && bytes <= limits_.max_bytes) return;
  std::sort(entries.begin(), entries.end(), [](const Item& a, const Item& b) {
    return a.mtime_ns != b.mtime_ns ? a.mtime_ns < b.mtime_ns : a.name < b.name;
  });
  // The entry just stored is never evicted: it is the newest by definition.
  for (const Item& it : entries) {
    if (count <= limits_.max_entries && bytes <= limits_.max_bytes) break;
    if (!is_own_file(it.name, disk_.lstat(child(it.name))) || !disk_.remove(child(it.name)))
      continue;   // not an entry after all, or a concurrent store got there first
    --count;
    bytes -= it.size;
    ++result->evicted;
  }
}

ClearResult Store::clear() {
  ClearResult r;
  const DirTrust& t = trust();
  if (t.state == DirTrust::State::missing) {
    r.ok = true;
    return r;
  }
  if (!t.trusted()) {
    r.detail = t.reason;
    return r;
  }
  std::vector<DirEntry> names;
  if (!disk_.list_dir(dir_, &names)) {
    r.detail = fmt::format("cannot list {}", dir_);
    return r;
  }
  r.ok = true;
  for (const DirEntry& n : names) {
    if (!is_entry_name(n.name) && !is_temp_name(n.name)) continue;
    if (!is_own_file(n.name, disk_.lstat(child(n.name)))) continue;   // not ours: never touched
    if (disk_.remove(child(n.name))) {
      ++r.removed;
    } else {
      r.ok = false;
      r.detail = fmt::format("cannot remove {}", child(n.name));
    }
  }
  for (const SideDir& side : side_dirs()) {
    SideDirClear s = clear_side_dir(disk_, dir_, side);
    r.side_removed += s.removed;
    if (!s.ok) {
      r.ok = false;
      r.detail = s.detail;
    }
  }
  return r;
}

CacheInfo Store::info() {
  CacheInfo info;
  info.dir = dir_;
  info.trust = trust();
  if (!info.trust.trusted()) return info;
  std::vector<DirEntry> names;
  if (!disk_.list_dir(dir_, &names)) return info;
  for (const DirEntry& n : names) {
    const bool entry = is_entry_name(n.name);
    if (!entry && !is_temp_name(n.name)) continue;
    FileStat st = disk_.lstat(child(n.name));
    if (!st.is_regular()) continue;
    if (entry) {
      ++info.entries;
      info.bytes += st.size;
    } else {
      ++info.temp_files;
    }
  }
  for (const SideDir& side : side_dirs()) info.side.emplace_back(side, count_side_dir(disk_, dir_, side));
  return info;
}

}  // namespace gs::cache
