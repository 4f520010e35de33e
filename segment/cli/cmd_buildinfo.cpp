// The debug command behind `gostatus debug buildinfo`, after
// cmd/go/internal/version (runVersion, scanDir, scanFile,
// isGoBinaryCandidate) in Go 1.23.
#include "segment/cli/cmd_buildinfo.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "segment/golang/buildinfo/buildinfo.h"
#include "segment/golang/filepath.h"

namespace gs {

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// filepath.Ext: the suffix from the last dot of the last element.
std::string ext(const std::string& p) {
  for (size_t i = p.size(); i > 0; i--) {
    if (fp::is_sep(p[i - 1])) break;
    if (p[i - 1] == '.') return p.substr(i - 1);
  }
  return "";
}

// isGoBinaryCandidate: which failures go reports for a named file.
bool is_candidate(const std::string& file, const FileStat& st) {
  if (st.is_regular() && (st.mode & 0111) != 0) return true;
  std::string name = lower(file);
  std::string e = ext(name);
  if (e == ".so" || e == ".exe" || e == ".dll") return true;
  return name.find(".so.") != std::string::npos;
}

struct Ctx {
  Disk& disk;
  std::string* out;
  std::string* err;
  bool goroot_mode;
  void error(const std::string& s) {
    if (err) *err += s;
  }
};

// scanFile. st is what lstat (directory walk) or stat (argument) observed.
void scan_file(Ctx& c, const std::string& file, FileStat st, bool must_print) {
  if (st.kind == FileKind::symlink) {  // accept symlinks to regular files only
    st = c.disk.stat(file);
    if (!st.is_regular()) {
      if (must_print) c.error(file + ": symlink\n");
      return;
    }
  }
  std::unique_ptr<ReadableFile> f = c.disk.open_read(file);
  if (!f) {
    // os.Open failed: go reports the *PathError by the file name alone.
    if (must_print) c.error(file + "\n");
    return;
  }
  if (c.goroot_mode) {
    DefaultGorootResult r = read_default_goroot(*f);
    const char* kind = r.kind == DefaultGoroot::known ? "known" : r.kind == DefaultGoroot::none ? "none" : "unknown";
    *c.out += fmt::format("{}\t{}\t{}\n", file, kind, r.kind == DefaultGoroot::known ? r.path : r.why);
    return;
  }
  BuildInfo bi;
  std::string err;
  bool io_error = false;
  if (!read_buildinfo(*f, &bi, &err, &io_error)) {
    if (!must_print) return;
    if (io_error) {
      c.error(file + "\n");
    } else if (is_candidate(file, st)) {
      c.error(fmt::format("{}: could not read Go build info from {}: {}\n", file, file, err));
    }
    return;
  }
  *c.out += file + ": " + bi.go_version + "\n";
  std::string mod = format_modinfo(bi);
  if (!mod.empty()) {
    mod.pop_back();  // the final newline
    *c.out += '\t';
    for (char ch : mod) {
      *c.out += ch;
      if (ch == '\n') *c.out += '\t';
    }
    *c.out += '\n';
  }
}

// scanDir: filepath.WalkDir order (entries sorted by name), reporting only
// what reads as a Go binary.
void scan_dir(Ctx& c, const std::string& path, int depth) {
  FileStat st = c.disk.lstat(path);
  if (st.kind == FileKind::symlink || st.is_regular()) {
    scan_file(c, path, st, false);
    return;
  }
  if (!st.is_dir() || depth > 256) return;
  std::vector<DirEntry> entries;
  if (!c.disk.list_dir(path, &entries)) return;
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  for (const DirEntry& e : entries) scan_dir(c, fp::join({path, e.name}), depth + 1);  // WalkDir joins and cleans
}

}  // namespace

int cmd_buildinfo(Disk& disk, const std::vector<std::string>& args, std::string* out, std::string* err) {
  Ctx c{disk, out, err, false};
  size_t i = 0;
  if (i < args.size() && (args[i] == "--default-goroot" || args[i] == "-default-goroot")) {
    c.goroot_mode = true;
    i++;
  }
  if (i < args.size() && args[i] == "--") i++;
  if (i >= args.size()) {
    c.error("usage: gostatus debug buildinfo [--default-goroot] FILE...\n");
    return 2;
  }
  int status = 0;
  for (; i < args.size(); i++) {
    const std::string& arg = args[i];
    FileStat st = disk.stat(arg);
    if (!st.exists()) {
      c.error(fmt::format("stat {}: {}\n", arg,
                          st.kind == FileKind::missing ? "no such file or directory" : "cannot stat"));
      status = 1;
      continue;
    }
    if (st.is_dir() && !c.goroot_mode) {
      scan_dir(c, arg, 0);
    } else {
      scan_file(c, arg, st, true);
    }
  }
  return status;
}

}  // namespace gs
