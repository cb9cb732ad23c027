#pragma once
// Runs several variants (condors alone; condors + ALVH per sizing mode) side by side over the same
// replayed days and turns their ledgers into a BacktestResult: metrics, hedge cost, crash table
// and the labels of every modelling fallback used. Strategies are built by factories, so core
// never depends on strategies/ (the runner composes AlvhPortfolio).
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alvh/backtest/backtest_result.hpp"
#include "alvh/backtest/crash_table.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/metrics.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/core/rule_book.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/signal_table.hpp"
#include "alvh/core/strategy.hpp"

namespace alvh::backtest {

struct VariantSpec {
  std::string name;                        // "condors", "alvh:vix_point_ratio", ...
  std::optional<std::string> sizing_mode;  // empty = the unhedged baseline
  std::function<std::unique_ptr<Strategy>()> make_strategy;
  std::optional<std::string> exit_policy = std::nullopt;  // "hold", "monetize"; empty for the baseline
};

struct BacktestSettings {
  std::optional<Date> from, to;  // default: replay_range() below
  ReplaySettings replay;
  venue::OptionModelParams model;
  venue::FillParams fills;
  MetricParams metrics;
  std::vector<CrashEvent> named_crash_days = default_named_crash_days();
  std::vector<CrashEvent> crash_windows = default_crash_windows();
  double crash_threshold = -0.03;  // every day the SPX closed this much below the previous close
  std::optional<double> gap_threshold = -0.02;      // ... or opened this much below it
  std::optional<double> vix_jump_threshold = 0.40;  // ... or spot VIX closed this much above its previous close
};

struct BacktestInputs {
  const DailyPanel* panel = nullptr;
  const SignalTable* signals = nullptr;  // SignalEngine::compute over the same panel; optional
  const RuleBook* rules = nullptr;       // optional
  const ExchangeCalendar* calendar = nullptr;
  const OptionPricer* pricer = nullptr;
};

struct ReplayRange {
  std::size_t first_row = 0, last_row = 0;  // inclusive panel rows
  Date from{}, to{};
};

// Rows in [from, to]. Defaults: from = the first day with a VX curve (2007-04-02: the hedge needs
// futures; VVIX is reliable from 2007), to = the last day with SPX and VIX closes. Empty when the
// range holds no such day.
std::optional<ReplayRange> replay_range(const DailyPanel& panel, std::optional<Date> from, std::optional<Date> to);

// Called after each replayed day with (days done, days in total).
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// Fills `out`'s metrics, P&L totals, per-year hedge figures, realized vega ratio and crash recovery
// (single days and windows) from its daily records and ledger; returns its rows of the crash table
// (single days, then windows), each row without hedge P&L saying why (holdings at the previous close
// and the last `out.ladder_exits` before it). Shared by the backtest and the paper host so both
// report a variant the same way.
struct VariantCrashRows {
  std::vector<CrashRow> days, windows;
};
VariantCrashRows summarize_variant(VariantResult& out, const Ledger& ledger, const MetricParams& metrics,
                                   std::span<const CrashEvent> crash_days, std::span<const CrashEvent> windows);

// Throws std::invalid_argument when inputs are missing, there are no variants or the range is empty.
BacktestResult run_backtest(const BacktestInputs& inputs, const std::vector<VariantSpec>& variants,
                            const BacktestSettings& settings, const ProgressFn& progress = {},
                            const LogSink& log = {});

}  // namespace alvh::backtest
