#pragma once
// Bid/ask around a model mid. The width is a fitted function of price and tenor (docs/model.md,
// fitted by `alvh calibrate` on real chains):
// width = base * (days / 30)^tenor_exponent + share * sqrt(mid), at least one tick, at most
// max_width. The mid is always the model price, floored at one tick (0.05 under 3.00, 0.10 from
// 3.00: SPXW and VIX options alike). When half the width is more than the mid, the bid is 0 and
// the ask twice the mid. Fills work from the mid plus the
// configured slippage, whose default is half the width of a typical condor leg.
#include <algorithm>
#include <cmath>

namespace alvh::venue {

struct SpreadParams {
  double base = 0.05;           // width at a zero price and 30 days, points
  double share = 0.05;          // times the square root of the mid
  double tenor_exponent = 0.0;  // base x (calendar days / 30)^tenor_exponent
  double max_width = 2.00;
};

// Fitted by `alvh calibrate` (config/alvh.yaml names the data).
inline constexpr SpreadParams kSpxwSpread{0.05802, 0.08664, 0.1082, 0.95};
inline constexpr SpreadParams kVixSpread{0.02642, 0.1153, -0.1162, 0.30};

// Minimum price increment of SPXW and VIX options.
inline double option_tick(double price) { return price < 3.0 ? 0.05 : 0.10; }
inline double floor_to_tick(double price) { return std::max(price, 0.05); }

struct BidAsk {
  double bid = 0, ask = 0;
};

inline double quote_width(double mid, double days, const SpreadParams& p) {
  const double tenor = p.tenor_exponent == 0 ? 1.0 : std::pow(std::max(days, 0.5) / 30.0, p.tenor_exponent);
  return std::max(std::min(p.base * tenor + p.share * std::sqrt(std::max(mid, 0.0)), p.max_width), option_tick(mid));
}

inline BidAsk spread_around(double mid, double days, const SpreadParams& p) {
  const double half = 0.5 * quote_width(mid, days, p);
  if (half >= mid) return {0.0, 2.0 * mid};
  return {mid - half, mid + half};
}

}  // namespace alvh::venue
