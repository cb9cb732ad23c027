#pragma once
// Crash-day evaluation: named events, every day the SPX fell by at least a threshold, multi-day
// windows, and the hedge recovery ratio HRR = hedge P&L / condor loss (docs/references.md §R9).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"

namespace alvh::backtest {

// A named event: one day (first == last) or a window of days (P&L summed over it).
struct CrashEvent {
  std::string name;
  Date first{};
  Date last{};
};

// Named single-day crashes of docs/references.md §R8.
std::vector<CrashEvent> default_named_crash_days();
// 2020-02-20..2020-03-23 (COVID) and 2008-09-15..2008-11-20 (GFC).
std::vector<CrashEvent> default_crash_windows();

// Days in [from, to] whose close-to-close SPX return is <= threshold (-0.03 = a 3% fall), each
// named "SPX -x.x%".
std::vector<CrashEvent> spx_drop_days(const OhlcSeries& spx, double threshold, Date from, Date to);

// Days in [from, to] whose SPX open is `threshold` (-0.02) or more below the previous close,
// named "SPX gap -x.x%".
std::vector<CrashEvent> spx_gap_days(const OhlcSeries& spx, double threshold, Date from, Date to);
// Days in [from, to] whose spot VIX close rose `threshold` (0.40 = +40%) or more over the
// previous close, named "VIX +x%".
std::vector<CrashEvent> vix_jump_days(const OhlcSeries& vix, double threshold, Date from, Date to);

// Named days plus drop days, deduplicated by date (the name wins), sorted by date.
std::vector<CrashEvent> merge_crash_days(std::vector<CrashEvent> named, const std::vector<CrashEvent>& drops);

// HRR = hedge / (-condor) when the condor lost money, else empty.
std::optional<double> recovery_ratio(double hedge_pnl, double condor_pnl);

struct CrashRow {
  std::string event;
  Date first{}, last{};
  std::string variant;
  double condor_pnl = 0;       // every condor, including the costs of one opened that day
  double hedge_pnl = 0;
  std::optional<double> recovery_ratio;  // hedge / -condor_pnl_held, only when counted (a loss of $1 or more)
  // P&L of the condors open at the previous close (settled, closed or re-marked that day): the
  // loss the hedge is meant to recover. A new condor's entry costs alone are no crash loss.
  double condor_pnl_held = 0;
  bool counted = false;  // a condor settled or was marked with a loss: in the recovery figures
  std::string note;      // why the row is not counted, or why it has no hedge P&L
};

// Sums the daily condor and hedge P&L of one variant over each event that overlaps `dates`.
// Events with no replayed day inside are skipped. `condor_held_daily` is the P&L of condors open at
// the previous close; without it (empty) the whole condor P&L is taken as held.
std::vector<CrashRow> crash_rows(std::span<const CrashEvent> events, const std::string& variant,
                                 std::span<const Date> dates, std::span<const double> condor_daily,
                                 std::span<const double> hedge_daily, std::span<const double> condor_held_daily = {});

struct RecoverySummary {
  int events = 0;                       // n: counted rows (a held condor lost money)
  int rows = 0;                         // every row, counted or not
  std::optional<double> mean;           // simple mean of HRR
  std::optional<double> median;
  std::optional<double> min, max;
  std::optional<double> loss_weighted;  // sum(hedge) / sum(-condor held), counted rows
  double condor_loss = 0;               // sum(-condor held) over counted rows, $
  double hedge_pnl = 0;                 // sum(hedge) over counted rows, $
};
RecoverySummary summarize_recovery(std::span<const CrashRow> rows);

}  // namespace alvh::backtest
