#pragma once
// The stress configuration of the hedge study: a condor on every day that has a next-day expiry,
// whatever VIX or the rules say, so that crash days are measured with a condor on the book.
// Ladder rules stay. `alvh sweep` replays it for recovery when report.stress_without_gates is set.
#include "alvh/config/alvh_config.hpp"

namespace alvh::runner {

// The condor's VIX tiers become one ungated tier; skip_condor and scale_condor actions are dropped
// (a rule left without actions is dropped too).
config::AlvhConfig stress_config(config::AlvhConfig cfg);

}  // namespace alvh::runner
