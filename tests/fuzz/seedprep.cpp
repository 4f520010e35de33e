// Turns real executables into small sparse seeds for the buildinfo harness
// (fuzz_check.h describes the format): reads each file the way the harness
// does, records which bytes the reader touched, and writes only those (in
// 256-byte-aligned runs, so that mutations have some context). It then
// reads the seed back and checks that it gives the same answers as the
// real file, so a seed never stands for something else. The module text of
// each file goes to MODDIR, as a seed of the modinfo harness.
//   fuzz_seedprep OUTDIR MODDIR FILE...
#include <cstdio>
#include <fstream>
#include <map>

#include "segment/golang/buildinfo/buildinfo.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gs;

namespace {

class RecordingFile : public ReadableFile {
 public:
  explicit RecordingFile(ReadableFile& f) : f_(f) {}
  uint64_t size() const override { return f_.size(); }
  int64_t read_at(uint64_t offset, void* buf, size_t n) override {
    int64_t got = f_.read_at(offset, buf, n);
    if (got > 0) {
      uint64_t lo = offset & ~uint64_t{255}, hi = std::min((offset + got + 255) & ~uint64_t{255}, size());
      ranges[lo] = std::max(ranges[lo], hi);
    }
    return got;
  }
  std::map<uint64_t, uint64_t> ranges;  // start -> end

 private:
  ReadableFile& f_;
};

struct Answer {
  bool ok = false;
  std::string err, version, modinfo, goroot;
  bool operator==(const Answer&) const = default;
};

Answer read(ReadableFile& f) {
  Answer a;
  BuildInfo bi;
  a.ok = read_buildinfo(f, &bi, &a.err);
  a.version = bi.go_version;
  a.modinfo = bi.raw_modinfo;
  DefaultGorootResult g = read_default_goroot(f);
  a.goroot = std::to_string(static_cast<int>(g.kind)) + g.path + g.why;
  return a;
}

void put(std::string* out, uint64_t v, int n) {
  for (int i = 0; i < n; i++) out->push_back(static_cast<char>(v >> (8 * i)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: fuzz_seedprep OUTDIR MODDIR FILE...\n");
    return 2;
  }
  int status = 0;
  for (int i = 3; i < argc; i++) {
    std::unique_ptr<ReadableFile> f = real_disk().open_read(argv[i]);
    if (!f) {
      std::fprintf(stderr, "seedprep: cannot open %s\n", argv[i]);
      status = 1;
      continue;
    }
    RecordingFile rec(*f);
    Answer want = read(rec);
    if (f->size() > fuzz::kMaxSparseSize) {
      std::fprintf(stderr, "seedprep: %s is larger than a sparse seed may be\n", argv[i]);
      status = 1;
      continue;
    }
    std::string seed(fuzz::kSparseMagic);
    put(&seed, f->size(), 8);
    // Merge touching runs, then copy each from the file.
    std::vector<std::pair<uint64_t, uint64_t>> runs;
    for (auto [lo, hi] : rec.ranges) {
      if (!runs.empty() && lo <= runs.back().second) runs.back().second = std::max(runs.back().second, hi);
      else runs.emplace_back(lo, hi);
    }
    for (auto [lo, hi] : runs) {
      std::string bytes(hi - lo, '\0');
      if (f->read_at(lo, bytes.data(), bytes.size()) != static_cast<int64_t>(bytes.size())) status = 1;
      put(&seed, lo, 8);
      put(&seed, bytes.size(), 4);
      seed += bytes;
    }
    fuzz::FuzzFile sparse(seed);
    if (!(read(sparse) == want)) {
      std::fprintf(stderr, "seedprep: the sparse seed of %s reads differently\n", argv[i]);
      status = 1;
      continue;
    }
    std::string name = argv[i];
    for (char& c : name) if (c == '/') c = '_';
    std::ofstream(std::string(argv[1]) + "/" + name, std::ios::binary) << seed;
    if (!want.modinfo.empty()) std::ofstream(std::string(argv[2]) + "/" + name, std::ios::binary) << want.modinfo;
  }
  return status;
}
