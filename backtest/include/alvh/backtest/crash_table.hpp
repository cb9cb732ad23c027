#pragma once
// Crash-day evaluation: named events, every day the SPX fell by at least a threshold, multi-day
// windows, and the hedge recovery ratio HRR = hedge P&L / condor loss (domain.md 6).
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

// Named single-day crashes of domain.md 4.3.
std::vector<CrashEvent> default_named_crash_days();
// 2020-02-20..2020-03-23 (COVID) and 2008-09-15..2008-11-20 (GFC).
std::vector<CrashEvent> default_crash_windows();

// Days in [from, to] whose close-to-close SPX return is <= threshold (-0.03 = a 3% fall), each
// named "SPX -x.x%".
std::vector<CrashEvent> spx_drop_days(const OhlcSeries& spx, double threshold, Date from, Date to);

// Named days plus drop days, deduplicated by date (the name wins), sorted by date.
std::vector<CrashEvent> merge_crash_days(std::vector<CrashEvent> named, const std::vector<CrashEvent>& drops);

// HRR = hedge / (-condor) when the condor lost money, else empty.
std::optional<double> recovery_ratio(double hedge_pnl, double condor_pnl);

struct CrashRow {
  std::string event;
  Date first{}, last{};
  std::string variant;
  double condor_pnl = 0;
  double hedge_pnl = 0;
  std::optional<double> recovery_ratio;
};

// Sums the daily condor and hedge P&L of one variant over each event that overlaps `dates`.
// Events with no replayed day inside are skipped.
std::vector<CrashRow> crash_rows(std::span<const CrashEvent> events, const std::string& variant,
                                 std::span<const Date> dates, std::span<const double> condor_daily,
                                 std::span<const double> hedge_daily);

struct RecoverySummary {
  int events = 0;                       // rows with a condor loss
  std::optional<double> mean;           // simple mean of HRR
  std::optional<double> median;
  std::optional<double> loss_weighted;  // sum(hedge) / sum(-condor)
};
RecoverySummary summarize_recovery(std::span<const CrashRow> rows);

}  // namespace alvh::backtest
