#pragma once
// One replay day as the option model sees it, taken from a DailyPanel row (SPX session plus the
// volatility data known at its close).
#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/signals/daily_panel.hpp"

namespace alvh::venue {

struct MarketDay {
  Date date{};
  double spx_close = 0;
  Value spx_open;
  Value vix_open, vix_close;          // VIX OHLC, else the index file's close
  VolIndexRow vols;                   // all fields may be empty
  const VxCurveRow* curve = nullptr;  // null before 2007-04
};

// Points into `row` (curve), which must outlive the result. Requires row.spx.close.
inline MarketDay market_day(const PanelRow& row) {
  MarketDay d;
  d.date = row.date;
  d.spx_close = row.spx.close.value_or(0.0);
  d.spx_open = row.spx.open;
  d.vix_open = row.vix.open;
  d.vix_close = row.vix.close ? row.vix.close : row.vol.get(VolIndex::VIX);
  d.vols = row.vol;
  d.vols.date = row.date;
  d.curve = row.vx ? &*row.vx : nullptr;
  return d;
}

}  // namespace alvh::venue
