#include "alvh/core/market_series.hpp"

#include <algorithm>

namespace alvh {

const OhlcBar* OhlcSeries::find(Date d) const {
  auto it = std::lower_bound(bars.begin(), bars.end(), d,
                             [](const OhlcBar& b, Date x) { return b.date < x; });
  return (it != bars.end() && it->date == d) ? &*it : nullptr;
}

namespace {
constexpr std::array<std::string_view, kVolIndexCount> kNames{
    "VIX1D", "VIX9D", "VIX", "VIX3M", "VIX6M", "VIX1Y", "VVIX", "SKEW", "VXTH"};
}

std::string_view vol_index_name(VolIndex i) { return kNames[static_cast<std::size_t>(i)]; }

std::optional<VolIndex> vol_index_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<VolIndex>(i);
  return std::nullopt;
}

}  // namespace alvh
