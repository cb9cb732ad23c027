#pragma once
// MarketHistory aligned on SPX trading days: SPX dates are the calendar, so VIX-family rows on
// NYSE holidays are dropped and a day a series did not print stays empty (never carried forward).
#include <optional>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"

namespace alvh {

struct PanelRow {
  Date date;
  OhlcBar spx;
  OhlcBar vix;      // all values empty when VIX has no row that day
  VolIndexRow vol;  // index closes; VIX filled from the VIX OHLC close when the index file lacks it
  std::optional<VxCurveRow> vx;          // from 2007-04
  std::optional<BreadthRow> breadth;     // from 2023-06-21
};

struct PanelRange {
  std::optional<Date> from;  // default: the first VIX date (1990-01-02), when VIX-based signals start
  std::optional<Date> to;    // default: the last SPX date
};

struct DailyPanel {
  std::vector<PanelRow> rows;  // strictly increasing dates
  std::vector<Date> dates() const;
};

// A day the replay can trade: it has an SPX close and a VIX close (from the OHLC or the index file).
inline bool is_replayable(const PanelRow& r) { return r.spx.close && (r.vix.close || r.vol.get(VolIndex::VIX)); }

DailyPanel build_daily_panel(const MarketHistory& history, const PanelRange& range = {});

}  // namespace alvh
