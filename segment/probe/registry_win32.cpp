#include <windows.h>

#include "segment/probe/registry.h"
#include "util/registry_key_win32.h"
#include "util/win32_utf8.h"

namespace gs {
namespace {

// Every REG_SZ / REG_EXPAND_SZ value of the key; false when it cannot be opened.
bool read_values(std::string_view spec, std::vector<RegistryValue>* out) {
  HKEY key;
  LONG err;
  if (!open_registry_key(spec, &key, &err)) return false;
  DWORD count = 0, max_name = 0, max_data = 0;
  if (::RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &count, &max_name, &max_data,
                         nullptr, nullptr) != ERROR_SUCCESS) {
    ::RegCloseKey(key);
    return false;
  }
  std::wstring name(max_name + 1, L'\0');
  std::vector<BYTE> data(max_data + sizeof(wchar_t));
  for (DWORD i = 0; i < count; ++i) {
    DWORD name_len = max_name + 1, data_len = max_data, type = 0;
    if (::RegEnumValueW(key, i, name.data(), &name_len, nullptr, &type, data.data(), &data_len) != ERROR_SUCCESS)
      continue;
    if (type != REG_SZ && type != REG_EXPAND_SZ) continue;
    std::wstring_view v(reinterpret_cast<const wchar_t*>(data.data()), data_len / sizeof(wchar_t));
    while (!v.empty() && v.back() == L'\0') v.remove_suffix(1);
    out->push_back(RegistryValue{wide_to_utf8(std::wstring_view(name.data(), name_len)), wide_to_utf8(v),
                                 type == REG_EXPAND_SZ});
  }
  ::RegCloseKey(key);
  return true;
}

}  // namespace

RegistryEnv read_registry_env(Disk& disk) {
  RegistryEnv env;
  // Observed first, so a write between this and the read shows as a change.
  disk.stat(std::string(kRegistryPathPrefix) + std::string(kMachineEnvKey));
  disk.stat(std::string(kRegistryPathPrefix) + std::string(kUserEnvKey));
  bool m = read_values(kMachineEnvKey, &env.machine);
  bool u = read_values(kUserEnvKey, &env.user);
  env.available = m || u;
  return env;
}

}  // namespace gs
