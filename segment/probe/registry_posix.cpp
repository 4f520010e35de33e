#include "segment/probe/registry.h"

namespace gs {

// No registry: a terminal's environment comes from its shell's profile,
// which gostatus does not second-guess.
RegistryEnv read_registry_env(Disk&) { return RegistryEnv{}; }

}  // namespace gs
