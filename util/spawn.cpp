#include "util/spawn.h"

namespace gs {

std::string_view spawn_status_name(SpawnStatus s) {
  switch (s) {
    case SpawnStatus::exited: return "exited";
    case SpawnStatus::signaled: return "signaled";
    case SpawnStatus::timed_out: return "timed-out";
    case SpawnStatus::failed_to_start: return "failed-to-start";
  }
  return "failed-to-start";
}

}  // namespace gs
