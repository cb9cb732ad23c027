#pragma once
// Replays every point of a sweep grid over one shared, read-only market history on a pool of
// threads and tabulates the results (report::SweepTable).
//
// Points that differ only in strategy sections (condor, ladder, risk) share a replay: their
// variants step through the same replayed days (and the same modelled chains) side by side. Each
// replay is cut into fixed-size chunks of variants, so the work, and therefore every number, is the
// same whatever the number of threads; threads only change the order in which chunks finish.
#include <cstddef>
#include <functional>
#include <optional>

#include "alvh/config/sweep_grid.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/date.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/report/sweep_table.hpp"

namespace alvh::runner {

struct SweepSettings {
  std::optional<Date> from, to;  // override every point's data.from/to
  unsigned jobs = 1;             // threads
  std::size_t chunk = 24;        // variants per replay at most (fixed: results must not depend on jobs)
};

// (variant-days done, variant-days in total); called from worker threads, one call at a time.
using SweepProgress = std::function<void(std::size_t done, std::size_t total)>;

// Per point: its configured hedged variant on the gated book (CAGR, drawdown, CVaR, hedge cost,
// drag against the same point's condors alone) and its crash recovery from the stress run when
// report.stress_without_gates is set (else from the gated run). Throws std::invalid_argument for
// an empty replay range, or the first failure of any replay.
report::SweepTable run_sweep(const DailyPanel& panel, const ExchangeCalendar& calendar, const config::SweepGrid& grid,
                             const SweepSettings& settings, const SweepProgress& progress = {});

}  // namespace alvh::runner
