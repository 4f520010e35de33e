#include "segment/cli/prompt_answer.h"

#include <algorithm>
#include <optional>

#include "cache/cache_dir.h"
#include "segment/probe/inputs.h"
#include "segment/golang/filepath.h"
#include "util/recording_disk.h"
#include "util/user_identity.h"

namespace gs {

std::string encode_answer(const PromptAnswer& a) {
  std::string p = a.line;
  p += '\n';
  p += severity_name(a.health);
  p += '\n';
  p += a.version;
  return p;
}

bool decode_answer(std::string_view payload, PromptAnswer* a) {
  size_t n1 = payload.find('\n');
  if (n1 == std::string_view::npos) return false;
  size_t n2 = payload.find('\n', n1 + 1);
  if (n2 == std::string_view::npos) return false;
  std::string_view h = payload.substr(n1 + 1, n2 - n1 - 1);
  if (h == "ok") a->health = Severity::ok;
  else if (h == "warn") a->health = Severity::warn;
  else if (h == "error") a->health = Severity::error;
  else return false;
  a->line = std::string(payload.substr(0, n1));
  a->version = std::string(payload.substr(n2 + 1));
  return true;
}

cache::Key answer_key(const ProbeInput& in, const RenderOptions& ro, Shell shell) {
  std::vector<const std::pair<std::string, std::string>*> vars;
  for (const auto& kv : in.env->vars())
    if (key_relevant_var(kv.first)) vars.push_back(&kv);
  std::stable_sort(vars.begin(), vars.end(), [](auto* a, auto* b) { return a->first < b->first; });
  cache::KeyBuilder kb("gostatus-answer");
  kb.add(GOSTATUS_VERSION).add(in.host_goos).add(in.host_goarch).add(user_identity());
  kb.add_u64(static_cast<uint64_t>(ro.glyphs)).add_u64(static_cast<uint64_t>(ro.style));
  kb.add(ro.format).add_bool(ro.no_color).add_u64(static_cast<uint64_t>(command_language(shell)));
  kb.add_u64(vars.size());
  for (auto* kv : vars) kb.add(kv->first).add(kv->second);
  // The directory always joins the key: an enclosing go.mod can change the
  // answer (GO111MODULE=auto, the toolchain a module asks for), relative
  // PATH entries resolve against it, and the entry's dependencies describe
  // only the directories searched from here.
  kb.add(in.cwd);
  return kb.finish();
}

PromptAnswer compute_answer(Disk& disk, const ProbeInput& in, const RenderOptions& ro, Shell shell,
                            std::vector<cache::Dependency>* deps) {
  RecordingDisk rec(disk);
  ProbeResult r = probe(rec, in);
  Report rep = run_checks(r, rec, in, CheckOptions{shell, read_registry_env});
  PromptAnswer a;
  a.line = render_prompt(r, rep, ro);
  a.health = rep.health();
  a.version = prompt_version(r);
  if (deps) {
    deps->clear();
    for (const Observation& o : rec.observations())
      if (!o.path.empty())
        deps->push_back(cache::Dependency{o.path, o.follow ? cache::Observe::stat : cache::Observe::lstat, o.seen,
                                          o.listed});
  }
  return a;
}

AnswerResult cached_answer(Disk& disk, const ProbeInput& in, const RenderOptions& ro, Shell shell,
                           const cache::CacheDirChoice& cache, AnswerDeps* out_deps) {
  AnswerResult res;
  int64_t observed_at = disk.now_ns();
  std::vector<cache::Dependency> deps;
  auto hand_out = [&](std::vector<cache::Dependency>&& d) {
    if (!out_deps) return;
    out_deps->known = true;
    out_deps->deps = std::move(d);
    out_deps->observed_ns = observed_at;
  };
  if (cache.path.empty()) {
    res.answer = compute_answer(disk, in, ro, shell, out_deps ? &deps : nullptr);
    hand_out(std::move(deps));
    return res;
  }
  cache::Store store(disk, cache.path, {}, cache.base);
  cache::Key key = answer_key(in, ro, shell);
  // A plain prompt needs only the answer: the dependencies are copied out of
  // the entry only for a shell hook that asked for them.
  cache::LookupResult hit = out_deps ? store.lookup_with_deps(key) : store.lookup_status(key);
  if (hit.hit() && decode_answer(hit.payload, &res.answer)) {
    res.use = CacheUse::hit;
    // The lookup has just stat'ed every dependency and found it holding:
    // hit.deps are those observations, what is there now.
    hand_out(std::move(hit.deps));
    return res;
  }
  res.detail = hit.detail;
  observed_at = disk.now_ns();
  res.answer = compute_answer(disk, in, ro, shell, &deps);
  cache::StoreResult st = store.store(key, deps, encode_answer(res.answer), observed_at);
  res.use = st.stored() ? CacheUse::miss_stored : CacheUse::miss_not_stored;
  if (!st.stored()) res.detail = st.detail;
  hand_out(std::move(deps));
  return res;
}

cache::CacheDirChoice cache_dir_for(const Environ& env) {
  cache::GetEnv get = [&](const char* name) -> std::optional<std::string> {
    if (!env.has(name)) return std::nullopt;
    return env.get(name);
  };
  return cache::choose_cache_dir(get, cache::host_platform());
}

}  // namespace gs
