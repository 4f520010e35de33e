#include "util/user_identity.h"

namespace gs {

// Windows ACLs are not modelled; a profile's cache is one user's anyway.
std::string user_identity() { return ""; }

}  // namespace gs
