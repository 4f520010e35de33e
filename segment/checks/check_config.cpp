// Area config: GOTOOLCHAIN, the go env file, GO111MODULE (gotoolchain-invalid,
// envfile-crlf, go111module-off, env-overrides-envfile).
#include "segment/checks/checker.h"

#include <fmt/format.h>

#include "segment/golang/version.h"
#include "segment/shell/quote.h"

namespace gs::catalog {

void Checker::check_config() {
  const bool applicable = r_.go.found;
  check("gotoolchain-invalid", Area::config, "GOTOOLCHAIN is valid", applicable);
  check("envfile-crlf", Area::config, "the go env file has Unix line ends");
  check("go111module-off", Area::config, "modules are on");
  check("env-overrides-envfile", Area::config, "the environment and the go env file agree");

  if (applicable) {
    // toolchain.Select: "go: invalid GOTOOLCHAIN ..." before any command.
    if (std::string e = gotoolchain_error(r_); e.rfind("go: invalid GOTOOLCHAIN", 0) == 0) {
      const Value& tc = r_[Key::GOTOOLCHAIN];
      bool cr = !tc.value.empty() && tc.value.back() == '\r';
      Finding& f = add("gotoolchain-invalid", Severity::error, Area::config,
                       cr ? "GOTOOLCHAIN ends in a carriage return (CRLF env file): every go command fails"
                          : "GOTOOLCHAIN is invalid: every go command fails");
      f.evidence.push_back(ev("GOTOOLCHAIN", Key::GOTOOLCHAIN));
      f.evidence.push_back(Evidence{"go prints", e, "cmd/go"});
      std::string clean = tc.value;
      while (!clean.empty() && (clean.back() == '\r' || clean.back() == ' ')) clean.pop_back();
      if (tc.source == Source::user_env_file)
        f.fix.push_back(version_from_toolchain(clean).empty() && clean != "local" && clean != "auto"
                            ? fx_.go_env_u("GOTOOLCHAIN")
                            : fx_.go_env_w("GOTOOLCHAIN=" + clean));
      else
        f.fix.push_back(fx_.unset_env("GOTOOLCHAIN"));
    }
  }
  if (r_.user_env.crlf) {
    Finding& f = add("envfile-crlf", Severity::warn, Area::config,
                     "the go env file has CRLF line ends: every value in it ends in \\r");
    f.evidence.push_back(Evidence{"file", r_.user_env_path, "GOENV"});
    for (const auto& [k, v] : r_.user_env.entries)
      if (!v.empty() && v.back() == '\r') f.evidence.push_back(Evidence{k, v, "go-env-file"});
    f.fix.push_back(windows() ? fmt::format("(Get-Content -Raw {0}) -replace \"`r`n\", \"`n\" | Set-Content -NoNewline {0}",
                                            quote_readable(Shell::pwsh, r_.user_env_path))
                              : fmt::format("sed -i 's/\\r$//' {}", quote_readable(Shell::bash, r_.user_env_path)));
  }
  // GO111MODULE=off: GOPATH mode; go.mod files are ignored.
  if (r_[Key::GO111MODULE].value == "off") {
    Finding& f = add("go111module-off", Severity::warn, Area::config,
                     "GO111MODULE=off: GOPATH mode, go.mod files are ignored");
    f.evidence.push_back(ev("GO111MODULE", Key::GO111MODULE));
    f.fix.push_back(r_[Key::GO111MODULE].source == Source::user_env_file ? fx_.go_env_u("GO111MODULE")
                                                                          : fx_.unset_env("GO111MODULE"));
  }
  // A `go env -w` value that the environment overrides is dead configuration.
  for (const auto& [k, v] : r_.user_env.entries) {
    std::string envv = in_.env->get(k);
    if (envv.empty() || envv == v) continue;
    const std::string* last = r_.user_env.find(k);
    if (last != &v) continue;  // report each key once, for its effective line
    Finding& f = add("env-overrides-envfile", Severity::info, Area::config,
                     fmt::format("{} is set in the environment and in the go env file: the file's value is ignored", k));
    f.evidence.push_back(Evidence{k, envv, "env"});
    f.evidence.push_back(Evidence{k, v, "go-env-file " + r_.user_env_path});
    f.fix.push_back(fx_.go_env_u(k));
  }
}

}  // namespace gs::catalog
