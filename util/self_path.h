#pragma once
#include <string>
namespace gs {
// The absolute path of the running executable ("" if unknown).
std::string self_exe_path();
}  // namespace gs
