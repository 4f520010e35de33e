// The persistent environment Windows gives a new terminal: the machine's
// variables (HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment)
// overlaid by the user's (HKCU\Environment), with PATH composed as machine
// PATH then user PATH, as a fresh logon/Explorer builds it. stale-session
// compares it with this process's environment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/environ.h"
#include "util/disk.h"

namespace gs {

struct RegistryValue {
  std::string name;
  std::string value;
  bool expand = false;  // REG_EXPAND_SZ: %NAME% references are expanded
};

struct RegistryEnv {
  bool available = false;  // false off Windows, or when neither key could be read
  std::vector<RegistryValue> machine, user;
};

inline constexpr std::string_view kMachineEnvKey =
    "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";
inline constexpr std::string_view kUserEnvKey = "HKCU\\Environment";

// Reads both keys. Their last-write times are first observed through
// disk.stat(registry_key_path(key)) (see util/disk.h), so an answer computed
// from them is cached only while the keys stay unwritten. Off Windows:
// available = false, and nothing is observed.
RegistryEnv read_registry_env(Disk& disk);
using RegistryReader = RegistryEnv (*)(Disk&);

// The value a new terminal would have for name ("" when unset). %NAME%
// references in REG_EXPAND_SZ values are expanded against the composed
// registry values first, then this process's environment (for the profile
// variables a logon adds, USERPROFILE and the like); unknown ones stay as
// written, as ExpandEnvironmentStrings leaves them. Names ignore case.
std::string new_session_value(const RegistryEnv& reg, const Environ& current, std::string_view name);

}  // namespace gs
