#pragma once
// Typed daily market series. A missing observation is an empty optional, never 0.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/date.hpp"

namespace alvh {

using Value = std::optional<double>;

struct OhlcBar {
  Date date;
  Value open, high, low, close;
};

struct OhlcSeries {
  std::vector<OhlcBar> bars;  // strictly increasing dates
  // Binary search; nullptr when the date is absent.
  const OhlcBar* find(Date d) const;
};

// The CBOE volatility index family the project uses (daily closes).
enum class VolIndex : std::size_t { VIX1D, VIX9D, VIX, VIX3M, VIX6M, VIX1Y, VVIX, SKEW, VXTH };
inline constexpr std::size_t kVolIndexCount = 9;
std::string_view vol_index_name(VolIndex i);
std::optional<VolIndex> vol_index_from_name(std::string_view name);

struct VolIndexRow {
  Date date;
  std::array<Value, kVolIndexCount> close{};
  Value get(VolIndex i) const { return close[static_cast<std::size_t>(i)]; }
};

inline constexpr std::size_t kVxMonths = 8;

// VX futures settlements ranked M1..M8 by expiry on one date.
struct VxCurveRow {
  Date date;
  std::array<Value, kVxMonths> settle{};
  std::array<std::optional<Date>, kVxMonths> expiry{};
  std::array<std::optional<int>, kVxMonths> days_to_expiry{};
};

// One VX contract on one trading day (CFE per-contract file). Zero rows mean "no trade" -> empty.
struct VxContractRow {
  Date trade_date;
  std::string contract;  // e.g. "G05"
  Date expiry;
  int days_to_expiry = 0;
  Value open, high, low, close, settle, volume, open_interest;
};

// NYSE breadth (all issues). Exists only from 2023-06.
struct BreadthRow {
  Date date;
  Value advancers, decliners, ad, ad_cum, mcclellan;
};

// Everything bundled in data/, as loaded.
struct MarketHistory {
  OhlcSeries spx;
  OhlcSeries vix;
  std::vector<VolIndexRow> vol_indices;
  std::vector<VxCurveRow> vx_curve;
  std::vector<VxContractRow> vx_contracts;
  std::vector<BreadthRow> breadth;
  std::vector<Date> nyse_open_dates;
};

}  // namespace alvh
