#pragma once
// What a backtest run returns: per-variant daily records, trades and metrics, the crash table
// and the labels of every modelling fallback used. The report writer renders this as is.
#include <optional>
#include <string>
#include <vector>

#include "alvh/backtest/crash_table.hpp"
#include "alvh/backtest/ledger.hpp"
#include "alvh/backtest/metrics.hpp"
#include "alvh/core/date.hpp"
#include "alvh/core/signals/signal_table.hpp"

namespace alvh::backtest {

// $ Greeks of one book: delta/gamma per underlying point (SPX for the condors, VX for the hedge),
// vega per vol point, theta per calendar day.
struct BookGreeks {
  double delta = 0, gamma = 0, vega = 0, theta = 0;
};

struct DailyRecord {
  Date date{};
  double equity = 0;
  double condor_pnl = 0;  // $ that day (marks + cash flows)
  double condor_pnl_held = 0;  // part of condor_pnl from condors open at the previous close
  double hedge_pnl = 0;
  double hedge_value = 0;  // $ mark of the open hedge positions at the close
  BookGreeks condor_greeks;
  BookGreeks hedge_greeks;
  std::vector<double> ladder_contracts;  // per VariantResult::ladder_layers; contracts (fractional: hundredths)
  int open_condors = 0;
};

// A dated line of a variant's decision log that the report needs.
struct VariantEvent {
  Date date{};
  std::string message;  // e.g. "front layer emptied: monetize: spot VIX 36.00 >= 35.00"
};

// A trading restriction (REDUCING or HALTED) that outlived its session, or was still on at the end.
struct TradingHalt {
  Date from{};
  std::optional<Date> until;  // the session it was lifted on; empty = still on at the end
  std::string state;          // "REDUCING", "HALTED"
  std::string reason;
};

struct VariantResult {
  std::string name;           // "condors", "condors+alvh:vix_point_ratio", ...
  std::optional<std::string> sizing_mode;  // empty for the unhedged variant
  std::optional<std::string> exit_policy = std::nullopt;  // "hold", "monetize"; empty for the unhedged variant
  std::vector<std::string> ladder_layers;  // "front", "mid", "back"
  std::vector<DailyRecord> daily;
  std::vector<TradeRecord> trades;
  Metrics metrics;
  std::optional<double> hedge_cost_drag;  // CAGR(condors alone) - CAGR(this variant)
  double hedge_pnl_per_year = 0;          // $ net hedge P&L / years
  double hedge_premium_per_year = 0;      // $ gross premium paid for the hedge / years
  double condor_pnl_total = 0;
  double hedge_pnl_total = 0;
  RecoverySummary recovery;               // over the single crash days
  RecoverySummary window_recovery;        // over the multi-day windows
  std::vector<VariantEvent> ladder_exits;  // every "<layer> layer emptied: <reason>", by date
  std::vector<TradingHalt> halts;          // lasting restrictions only
  int daily_loss_resets = 0;               // daily-loss REDUCING states lifted at the next session
  // Realized hedge vega / condor vega at the close, on days with a condor and a hedge.
  std::optional<double> realized_vega_ratio_median;
  double realized_vega_ratio_in_band = 0;  // share of those days inside 1:6 .. 1:4
  int realized_vega_ratio_days = 0;
};

struct BacktestResult {
  Date from{}, to{};
  std::vector<VariantResult> variants;
  std::vector<CrashRow> crash_days;     // single days (named + SPX drops), every variant
  std::vector<CrashRow> crash_windows;  // multi-day windows, every variant
  SignalTable signals;                  // replayed dates only, as the strategies saw them
  std::vector<std::string> notes;       // model sources and fallbacks, with day counts
};

}  // namespace alvh::backtest
