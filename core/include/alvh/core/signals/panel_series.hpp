#pragma once
// Named series of a DailyPanel row ("SPX", "VIX", "VIX3M", "VX1", "NYSE", ...), resolved once
// to an id so per-bar reads are a switch, not a string lookup.
#include <cstdint>
#include <optional>
#include <string_view>

#include "alvh/core/market_series.hpp"
#include "alvh/core/signals/daily_panel.hpp"

namespace alvh {

struct SeriesId {
  enum class Kind : std::uint8_t { Spx, Vix, VolIndex, VxMonth, NyseNetAdvances } kind = Kind::Spx;
  std::uint8_t index = 0;  // VolIndex value or VX month 0..7
};

// Accepts the names of series_names(); "NYSE" reads advancers - decliners.
std::optional<SeriesId> series_id(std::string_view name);

// Closing value (settle for VX months); VIX falls back to the index file's VIX close.
Value series_value(const PanelRow& row, SeriesId id);

}  // namespace alvh
