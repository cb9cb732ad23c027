#include "alvh/core/signals/daily_panel.hpp"

#include <algorithm>
#include <cstddef>

namespace alvh {

namespace {

// Advances `i` through a date-sorted vector and returns the element dated `d`, if any. The SPX
// calendar is walked in order, so each input is scanned once.
template <class T, class DateOf>
const T* seek(const std::vector<T>& v, std::size_t& i, Date d, DateOf date_of) {
  while (i < v.size() && date_of(v[i]) < d) ++i;
  return (i < v.size() && date_of(v[i]) == d) ? &v[i] : nullptr;
}

}  // namespace

std::vector<Date> DailyPanel::dates() const {
  std::vector<Date> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.date);
  return out;
}

DailyPanel build_daily_panel(const MarketHistory& history, const PanelRange& range) {
  DailyPanel panel;
  std::optional<Date> from = range.from;
  if (!from && !history.vix.bars.empty()) from = history.vix.bars.front().date;
  std::size_t iv = 0, ii = 0, ic = 0, ib = 0;
  const auto& spx = history.spx.bars;
  auto first = spx.begin();
  if (from) first = std::lower_bound(spx.begin(), spx.end(), *from, [](const OhlcBar& b, Date d) { return b.date < d; });
  for (auto it = first; it != spx.end(); ++it) {
    const Date d = it->date;
    if (range.to && d > *range.to) break;
    PanelRow row;
    row.date = d;
    row.spx = *it;
    row.vix.date = d;
    row.vol.date = d;
    if (const auto* v = seek(history.vix.bars, iv, d, [](const OhlcBar& b) { return b.date; })) row.vix = *v;
    if (const auto* v = seek(history.vol_indices, ii, d, [](const VolIndexRow& r) { return r.date; })) row.vol = *v;
    auto& vix_index = row.vol.close[static_cast<std::size_t>(VolIndex::VIX)];
    if (!vix_index) vix_index = row.vix.close;
    if (const auto* v = seek(history.vx_curve, ic, d, [](const VxCurveRow& r) { return r.date; })) row.vx = *v;
    if (const auto* v = seek(history.breadth, ib, d, [](const BreadthRow& r) { return r.date; })) row.breadth = *v;
    panel.rows.push_back(row);
  }
  return panel;
}

}  // namespace alvh
