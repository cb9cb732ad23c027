#pragma once
// What the hedge ladder needs to know about the condor book it protects.
#include "alvh/core/date.hpp"

namespace alvh::strategies {

struct CondorExposure {
  Date expiry{};
  int quantity = 0;            // condors
  double credit = 0;           // points per condor
  double max_loss = 0;         // $ for the whole position: (width - credit) x 100 x quantity
  double vega_per_iv_point = 0;  // $ per 1 SPX implied-vol point, absolute, whole position
};

}  // namespace alvh::strategies
