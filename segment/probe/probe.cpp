// Which go answers, and with what: the go on PATH, or the one a version
// manager's shim runs, or the one a wrapper names when asked once (the one
// allowed spawn, go_query.h); then toolchain.Select may hand over to another
// go. Each step probes one go (probe_one_go, prober.cpp); this file chains the steps. Also
// the names of go env's keys and of where a value came from.
#include "segment/probe/probe.h"

#include <fmt/format.h>

#include "segment/golang/version.h"

namespace gs {

std::string_view key_name(Key k) {
  static constexpr std::string_view names[] = {
#define GS_X(name) #name,
      GS_GO_ENV_KEYS(GS_X)
#undef GS_X
  };
  return names[static_cast<size_t>(k)];
}

bool key_from_name(std::string_view name, Key* out) {
  for (size_t i = 0; i < kKeyCount; ++i) {
    if (key_name(static_cast<Key>(i)) == name) {
      *out = static_cast<Key>(i);
      return true;
    }
  }
  return false;
}

std::string_view source_name(Source s) {
  switch (s) {
    case Source::unset: return "unset";
    case Source::process_env: return "env";
    case Source::user_env_file: return "go-env-file";
    case Source::goroot_env_file: return "goroot-go.env";
    case Source::default_value: return "default";
    case Source::executable: return "executable";
    case Source::binary: return "go-binary";
  }
  return "unset";
}

std::string_view host_goos() {
#if defined(_WIN32)
  return "windows";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__FreeBSD__)
  return "freebsd";
#else
  return "linux";
#endif
}

std::string_view host_goarch() {
#if defined(__x86_64__) || defined(_M_X64)
  return "amd64";
#elif defined(__aarch64__) || defined(_M_ARM64)
  return "arm64";
#elif defined(__i386__) || defined(_M_IX86)
  return "386";
#elif defined(__arm__)
  return "arm";
#else
  return "unknown";
#endif
}

ProbeInput ProbeInput::for_host(const Environ& env, std::string cwd, const CwdFacts& cwd_facts) {
  ProbeInput in;
  in.env = &env;
  in.cwd = std::move(cwd);
  in.cwd_facts = cwd_facts;
  in.host_goos = std::string(gs::host_goos());
  in.host_goarch = std::string(gs::host_goarch());
  in.query_go = query_go_once;  // the one spawn: a go no file explains
  return in;
}

namespace {

// toolchain.Select's outcome: when it switches, the other go answers
// everything (env is the environment the go on PATH itself runs with).
ProbeResult follow_toolchain(Disk& disk, const ProbeInput& input, const Environ& env, ProbeResult r) {
  const ToolchainChoice& c = r.toolchain;
  if ((c.outcome == ToolchainOutcome::path || c.outcome == ToolchainOutcome::modcache) && !c.binary.empty()) {
    // toolchain.Exec: the other go runs with GOROOT unset (a PATH
    // toolchain) or set to its module directory, and answers everything.
    Environ child_env = env;
    if (c.goroot.empty()) child_env.unset("GOROOT");
    else child_env.set("GOROOT", c.goroot);
    ProbeInput child_in = input;
    child_in.env = &child_env;
    child_in.forced_go = c.binary;
    child_in.select_toolchain = false;  // it is the version asked for, or fails below
    ProbeResult child = probe_one_go(disk, child_in);
    child.local = r.go;
    child.toolchain = c;
    child.switched = true;
    child.gos_on_path = r.gos_on_path;
    child.manager = std::move(r.manager);
    child.shim = std::move(r.shim);
    child.spawned = std::move(r.spawned);
    // A go1.21+ child checks that it is the version it was run to provide.
    if (child.fatal.empty() && !child.go.version.empty() && toolchain_at_least(child.go.version, 21) &&
        child.go.version != c.name && child.go.version.rfind(c.name + " ", 0) != 0) {
      child.switch_version_error = fmt::format("go: toolchain {} invoked to provide {}", child.go.version, c.name);
    }
    return child;
  }
  r.local = r.go;
  return r;
}

// The go on PATH as the probe saw it, for the manager rules.
ManagerInput manager_input(const ProbeInput& in, const ProbeResult& r) {
  ManagerInput m;
  m.env = in.env;
  m.cwd = in.cwd;
  m.style = in.style;
  m.windows = in.host_goos == "windows";
  m.go_path = r.go.path;
  m.go_resolved = r.go.resolved;
  m.go_is_binary = !r.go.version.empty();
  for (const GoCandidate& c : r.gos_on_path) m.gos_on_path.push_back(c.path);
  return m;
}

}  // namespace

ProbeResult probe(Disk& disk, const ProbeInput& in) {
  const ProbeInput& input = in;
  if (!input.forced_go.empty()) {  // a caller's choice: taken as is
    ProbeResult r = probe_one_go(disk, input);
    r.local = r.go;
    return r;
  }
  ProbeResult r = probe_one_go(disk, input);
  if (!r.go.found) return follow_toolchain(disk, input, *in.env, std::move(r));

  ManagerResult m = detect_manager(disk, manager_input(input, r));
  if (m.found() && m.is_shim() && !m.go.empty()) {
    // The manager runs another go, with what it exports: probe that one,
    // as the manager would run it.
    Environ managed = *in.env;
    for (const auto& [k, v] : m.env) managed.set(k, v);
    ProbeInput child_in = input;
    child_in.env = &managed;
    child_in.forced_go = m.go;
    ProbeResult child = probe_one_go(disk, child_in);
    child.gos_on_path = r.gos_on_path;
    child.shim = r.go;
    child.manager = std::move(m);
    return follow_toolchain(disk, child_in, managed, std::move(child));
  }
  if (m.found()) {
    r.manager = std::move(m);
    // A shim whose version is not installed: go fails before it starts;
    // what the probe read from the shim itself describes nothing.
    if (r.manager.is_shim()) r.go_unknown = true;
    return follow_toolchain(disk, input, *in.env, std::move(r));
  }
  if (r.go.version.empty() && input.query_go) {
    // No file tells what this go is: ask it, once (the answer is cached
    // with the binary's signature as a dependency).
    SpawnedGo s = input.query_go(r.go.path, input.cwd, *in.env);
    std::string real = s.goroot.empty() ? "" : fp::join({s.goroot, "bin", input.host_goos == "windows" ? "go.exe" : "go"}, input.style);
    if (s.ok() && !real.empty() && disk.stat(real).is_regular()) {
      ProbeInput child_in = input;
      child_in.forced_go = real;
      ProbeResult child = probe_one_go(disk, child_in);
      child.gos_on_path = r.gos_on_path;
      child.shim = r.go;
      child.spawned = std::move(s);
      return follow_toolchain(disk, child_in, *in.env, std::move(child));
    }
    if (s.ok() && !s.goversion.empty()) {
      r.go.version = s.goversion;
      r[Key::GOVERSION] = Value{s.goversion, Source::binary, "go env (run once)"};
    } else {
      r.go_unknown = true;
    }
    r.spawned = std::move(s);
  }
  return follow_toolchain(disk, input, *in.env, std::move(r));
}

std::string gotoolchain_error(const ProbeResult& r) {
  if (!r.switch_version_error.empty()) return r.switch_version_error;
  return r.toolchain.selected || r.toolchain.outcome == ToolchainOutcome::invalid ? r.toolchain.fatal : "";
}

}  // namespace gs
