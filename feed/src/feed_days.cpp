#include "alvh/feed/feed_days.hpp"

#include <algorithm>

#include "alvh/backtest/backtest_runner.hpp"

namespace alvh::feed {

namespace {
// As the replay (backtest_runner / paper_session): an SPX close and a VIX level.
bool usable_day(const PanelRow& r) { return r.spx.close && (r.vix.close || r.vol.get(VolIndex::VIX)); }
}  // namespace

std::vector<wire::FeedDay> feed_days(const DailyPanel& panel, const SignalTable* signals, std::optional<Date> from,
                               std::optional<Date> to, int open_minutes) {
  std::vector<wire::FeedDay> out;
  const auto range = backtest::replay_range(panel, from, to);
  if (!range) return out;
  const auto& rows = panel.rows;
  for (std::size_t r = range->first_row; r <= range->last_row; ++r) {
    if (!usable_day(rows[r])) continue;
    wire::FeedDay day{rows[r], std::nullopt, {}};
    if (signals && r > 0) {
      const Date prev = rows[r - 1].date;
      const auto it = std::lower_bound(signals->dates.begin(), signals->dates.end(), prev);
      if (it != signals->dates.end() && *it == prev) {
        const auto row = static_cast<std::size_t>(it - signals->dates.begin());
        SignalSnapshot s;
        s.time = {rows[r].date, open_minutes};
        for (std::size_t c = 0; c < signals->columns.size(); ++c) s.values.emplace(signals->columns[c], signals->values[c][row]);
        day.signals = std::move(s);
        day.signal_columns = signals->columns;
      }
    }
    out.push_back(std::move(day));
  }
  return out;
}

}  // namespace alvh::feed
