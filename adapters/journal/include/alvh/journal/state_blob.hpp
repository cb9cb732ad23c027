#pragma once
// StateBlob: an opaque strategy-state text (Strategy::save_state) with a version that increases by
// one on every write, so a host can tell a stale copy from the current one.
#include <cstdint>
#include <string>

#include "alvh/core/clock.hpp"

namespace alvh::journal {

struct StateBlob {
  std::string blob;
  std::int64_t version = 0;
  std::string checkpoint;  // written atomically with the blob (JournaledContext: its id counters)
  Timestamp updated{};
};

}  // namespace alvh::journal
