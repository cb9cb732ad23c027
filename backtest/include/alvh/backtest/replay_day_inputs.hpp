#pragma once
// What `alvh backtest` (run_backtest) and the paper host both do around each replayed day besides
// stepping the engine: hand the strategy the previous close's signals (no look-ahead), record the
// signals it saw for the report, and count the modelling fallbacks each day used. One
// implementation so both report the same notes and signal columns.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/backtest/crash_table.hpp"
#include "alvh/venue/market_day.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/core/rule_book.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/signal_table.hpp"
#include "alvh/core/strategy.hpp"

namespace alvh::backtest {

class ReplayDayInputs {
 public:
  // `signals` and `rules` are optional; without a rule book the snapshots carry no fired rules (the
  // plug-in evaluates its own). `open_minutes` stamps the snapshots (New York time).
  ReplayDayInputs(const DailyPanel& panel, const SignalTable* signals, const RuleBook* rules, int open_minutes);

  // The signals of the close before panel row `r` (and the rules they fire), recorded for the
  // report. Call once per replayed row, in increasing order: crossings compare with the close before.
  std::optional<SignalSnapshot> signals_for(std::size_t r);
  // A snapshot that came from elsewhere (a market-data feed) for row `r`: recorded only. The first
  // one fixes the columns when no signal table was given (`columns`, else the snapshot's names).
  void record(std::size_t r, const std::optional<SignalSnapshot>& snapshot, const std::vector<std::string>& columns = {});

  // Counts the modelling fallbacks the day uses, e.g. "no VX curve".
  void count_fallbacks(const venue::MarketDay& day, const venue::OptionModel& model);
  // "<fallback>: <n> of <days> days", one per fallback seen, then rule evaluation errors if any.
  std::vector<std::string> notes() const;

  const SignalTable& recorded() const { return recorded_; }  // replayed dates only, as the strategies saw them
  SignalTable take_recorded() { return std::move(recorded_); }
  std::size_t days() const { return days_; }  // replayed so far (take_recorded() leaves it)

 private:
  void record_values(std::size_t r, const SignalValues* values);

  const DailyPanel* panel_;
  const SignalTable* signals_;
  const RuleBook* rules_;
  int open_minutes_;
  SignalTable recorded_;
  std::optional<SignalValues> previous_;  // values two closes back, for crossings
  std::map<std::string, int> fallbacks_;
  int rule_errors_ = 0;
  std::size_t days_ = 0;
};

// The crash days of a replayed range: the named ones plus every day the SPX closed `threshold`
// (e.g. -0.03) or more below the previous close.
std::vector<CrashEvent> replay_crash_days(const DailyPanel& panel, std::vector<CrashEvent> named, double threshold,
                                          Date from, Date to);
// ... plus, when given, every day the SPX opened `gap_threshold` (-0.02) or more below the previous
// close and every day spot VIX closed `vix_jump_threshold` (0.40) or more above its previous close
// (the event set of docs/references.md §R8).
std::vector<CrashEvent> replay_crash_days(const DailyPanel& panel, std::vector<CrashEvent> named, double threshold,
                                          std::optional<double> gap_threshold, std::optional<double> vix_jump_threshold,
                                          Date from, Date to);

}  // namespace alvh::backtest
