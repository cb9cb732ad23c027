#pragma once
// NYSE breadth: the Advance-Decline line (cumulative advancers - decliners from the first breadth
// day), a TA-Lib-compatible EMA of the line, and the McClellan oscillator EMA(19) - EMA(39) of the
// daily A-D (each EMA seeded with its own simple mean, TA-Lib style). Breadth data starts
// 2023-06-21: every output is missing before that, and on any day without breadth.
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"
#include "alvh/core/signals/ema.hpp"

namespace alvh {

struct AdlParams {
  int ema = 39;   // EMA of the line ("ADL below its 39-EMA" = weak breadth, docs/references.md §R5)
  int fast = 19;  // McClellan
  int slow = 39;
};

struct AdlPoint {
  Value line, ema, mcclellan;
};

struct AdlSeries {
  std::vector<Value> line, ema, mcclellan;
};

// Daily net advances of one breadth row: advancers - decliners, else the row's `ad` column.
Value net_advances(const BreadthRow& row);

class AdvanceDecline {
 public:
  explicit AdvanceDecline(AdlParams params = {});
  // `net` = advancers - decliners of the day; missing leaves the state unchanged.
  AdlPoint update(Value net);
  void reset();

 private:
  double line_ = 0.0;
  Ema line_ema_, fast_, slow_;
};

AdlSeries advance_decline(std::span<const Value> net, AdlParams params = {});

}  // namespace alvh
