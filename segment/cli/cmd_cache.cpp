#include "segment/cli/cmd_cache.h"

#include <fmt/format.h>

#include "segment/cli/prompt_answer.h"

namespace gs {

namespace {

// "stamps/", the side directories' names, for `cache clear`.
std::string side_dir_names() {
  std::string names;
  for (const cache::SideDir& side : cache::side_dirs())
    names += fmt::format("{}{}/", names.empty() ? "" : ", ", side.name);
  return names;
}

}  // namespace

AppOutput cmd_cache(bool clear, const Environ& env, Disk& disk, const ProbeInput& in, const Options& opt) {
  AppOutput out;
  const cache::CacheDirChoice choice = cache_dir_for(env);
  const std::string& dir = choice.path;
  const std::string& source = choice.source;
  if (dir.empty()) {
    out.out = "no cache directory: set GOSTATUS_CACHE_DIR, XDG_CACHE_HOME or HOME\n";
    return out;
  }
  cache::Store store(disk, dir);
  if (clear) {
    cache::ClearResult c = store.clear();
    out.out = fmt::format("removed {} entr{} from {}\n", c.removed, c.removed == 1 ? "y" : "ies", dir);
    if (c.side_removed)
      out.out += fmt::format("removed {} side file{} ({})\n", c.side_removed, c.side_removed == 1 ? "" : "s",
                             side_dir_names());
    if (!c.ok) {
      out.err = "gostatus cache clear: " + c.detail + "\n";
      out.exit_code = 1;
    }
    return out;
  }
  cache::CacheInfo info = store.info();
  out.out = fmt::format("directory  {}\nchosen by  {}\nstate      {}\nentries    {}\nbytes      {}\n", dir, source,
                        info.trust.trusted() ? "trusted"
                        : info.trust.state == cache::DirTrust::State::missing
                            ? "missing (created on the next miss)"
                            : "not used: " + info.trust.reason,
                        info.entries, info.bytes);
  for (const auto& [side, count] : info.side)
    out.out += fmt::format("{:<10} {} file{}\n", side.name, count.files, count.files == 1 ? "" : "s");
  // What the prompt would do here, right now (this may store an entry).
  AnswerResult a = cached_answer(disk, in, opt.render, opt.shell, choice);
  static constexpr std::string_view uses[] = {"off", "hit", "miss, stored", "miss, not stored"};
  out.out += fmt::format("this prompt {}{}{}\n", uses[static_cast<size_t>(a.use)], a.detail.empty() ? "" : ": ",
                         a.detail);
  return out;
}

}  // namespace gs
