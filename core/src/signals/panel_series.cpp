#include "alvh/core/signals/panel_series.hpp"

#include "alvh/core/signals/advance_decline.hpp"

namespace alvh {

std::optional<SeriesId> series_id(std::string_view name) {
  using K = SeriesId::Kind;
  if (name == "SPX") return SeriesId{K::Spx, 0};
  if (name == "VIX") return SeriesId{K::Vix, 0};
  if (name == "NYSE") return SeriesId{K::NyseNetAdvances, 0};
  if (name.size() == 3 && name.substr(0, 2) == "VX" && name[2] >= '1' && name[2] <= '8') {
    return SeriesId{K::VxMonth, static_cast<std::uint8_t>(name[2] - '1')};
  }
  if (auto v = vol_index_from_name(name)) return SeriesId{K::VolIndex, static_cast<std::uint8_t>(*v)};
  return std::nullopt;
}

Value series_value(const PanelRow& row, SeriesId id) {
  switch (id.kind) {
    case SeriesId::Kind::Spx: return row.spx.close;
    case SeriesId::Kind::Vix: return row.vix.close ? row.vix.close : row.vol.get(VolIndex::VIX);
    case SeriesId::Kind::VolIndex: return row.vol.close[id.index];
    case SeriesId::Kind::VxMonth: return row.vx ? row.vx->settle[id.index] : std::nullopt;
    case SeriesId::Kind::NyseNetAdvances: return row.breadth ? net_advances(*row.breadth) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace alvh
