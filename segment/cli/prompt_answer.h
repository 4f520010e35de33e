// The prompt's hot path: the cache key from the inputs, a hit printed
// straight from the entry, a miss probed, checked, rendered and stored with
// every file the probe and the checks looked at as a dependency.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cache/cache_dir.h"
#include "cache/store.h"
#include "segment/checks/findings.h"
#include "segment/probe/probe.h"
#include "segment/render/render.h"
#include "segment/shell/hook_check.h"

namespace gs {

// What the prompt and the shell hooks show; what a cache entry holds.
struct PromptAnswer {
  std::string line;
  Severity health = Severity::ok;
  std::string version;
};

std::string encode_answer(const PromptAnswer& a);
bool decode_answer(std::string_view payload, PromptAnswer* a);

// The key: gostatus's version, the user's uid/gid/groups, the relevant variables (sorted), the render
// options and fix shell, and the working directory.
cache::Key answer_key(const ProbeInput& in, const RenderOptions& ro, Shell shell);

// Computes the answer without any cache, recording what it observed.
PromptAnswer compute_answer(Disk& disk, const ProbeInput& in, const RenderOptions& ro, Shell shell,
                            std::vector<cache::Dependency>* deps);

enum class CacheUse : uint8_t { off, hit, miss_stored, miss_not_stored };
struct AnswerResult {
  PromptAnswer answer;
  CacheUse use = CacheUse::off;
  std::string detail;  // why it missed / was not stored
};

// The cached path. An empty cache.path means no cache. deps, when given,
// receives what the answer depends on.
AnswerResult cached_answer(Disk& disk, const ProbeInput& in, const RenderOptions& ro, Shell shell,
                           const cache::CacheDirChoice& cache, AnswerDeps* deps = nullptr);

// The cache directory for this environment (an empty path when none can be
// found), the rule that chose it and the existing folder it may be created
// under (see make_cache_dir).
cache::CacheDirChoice cache_dir_for(const Environ& env);

}  // namespace gs
