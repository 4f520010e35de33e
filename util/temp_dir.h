// A private temporary directory, for `gostatus --bench`'s throw-away cache.
#pragma once

#include <string>

namespace gs {

// A new directory only this user can enter, under the system's temp
// directory; "" on failure.
std::string make_private_temp_dir();

}  // namespace gs
