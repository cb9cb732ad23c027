#pragma once
// Bid/ask around a model mid. No option quotes are bundled, so the spread is an assumption
// (docs/model.md): width = min(clamp(share * mid, min_width, max_width), max_share * mid), so a
// cheap option is quoted mid/2 x 1.5 mid rather than at a zero bid, and the mid is always the
// model price. Fills do not
// use the spread (the fill model works from the mid plus slippage); it is shown for realism and
// for strategies that check quote quality.
#include <algorithm>

namespace alvh::venue {

struct SpreadParams {
  double share = 0.05;  // of the mid
  double min_width = 0.10;
  double max_width = 2.00;
  double max_share = 1.0;  // width never above this share of the mid (keeps the bid above zero)
};

inline constexpr SpreadParams kSpxwSpread{0.05, 0.10, 2.00, 1.0};
inline constexpr SpreadParams kVixSpread{0.05, 0.10, 0.50, 1.0};

struct BidAsk {
  double bid = 0, ask = 0;
};

inline BidAsk spread_around(double mid, const SpreadParams& p) {
  const double width = std::min(std::clamp(p.share * mid, p.min_width, p.max_width), p.max_share * mid);
  const double half = 0.5 * std::max(width, 0.0);
  return {mid - half, mid + half};
}

}  // namespace alvh::venue
