#include "alvh/backtest/backtest_runner.hpp"

#include <algorithm>
#include <stdexcept>

#include "alvh/backtest/replay_day_inputs.hpp"

namespace alvh::backtest {

std::optional<ReplayRange> replay_range(const DailyPanel& panel, std::optional<Date> from, std::optional<Date> to) {
  const auto& rows = panel.rows;
  if (!from) {
    const auto first_curve = std::find_if(rows.begin(), rows.end(), [](const PanelRow& r) { return r.vx.has_value(); });
    if (first_curve == rows.end()) return std::nullopt;
    from = first_curve->date;
  }
  std::optional<std::size_t> first, last;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].date < *from || (to && rows[i].date > *to) || !is_replayable(rows[i])) continue;
    if (!first) first = i;
    last = i;
  }
  if (!first) return std::nullopt;
  return ReplayRange{*first, *last, rows[*first].date, rows[*last].date};
}

VariantCrashRows summarize_variant(VariantResult& out, const Ledger& ledger, const MetricParams& metrics,
                                   std::span<const CrashEvent> crash_days, std::span<const CrashEvent> windows) {
  std::vector<Date> dates;
  std::vector<double> equity, condor, hedge;
  for (const DailyRecord& d : out.daily) {
    dates.push_back(d.date);
    equity.push_back(d.equity);
    condor.push_back(d.condor_pnl);
    hedge.push_back(d.hedge_pnl);
    out.condor_pnl_total += d.condor_pnl;
    out.hedge_pnl_total += d.hedge_pnl;
  }
  out.metrics = compute_metrics(dates, equity, metrics);
  if (out.metrics.years > 0) {
    out.hedge_pnl_per_year = out.hedge_pnl_total / out.metrics.years;
    out.hedge_premium_per_year = ledger.book_premium(Book::hedge) / out.metrics.years;
  }
  VariantCrashRows rows{crash_rows(crash_days, out.name, dates, condor, hedge),
                        crash_rows(windows, out.name, dates, condor, hedge)};
  out.recovery = summarize_recovery(rows.days);
  return rows;
}

BacktestResult run_backtest(const BacktestInputs& inputs, const std::vector<VariantSpec>& variants,
                            const BacktestSettings& settings, const ProgressFn& progress, const LogSink& log) {
  if (!inputs.panel || !inputs.calendar || !inputs.pricer)
    throw std::invalid_argument("run_backtest: panel, calendar and pricer are required");
  if (variants.empty()) throw std::invalid_argument("run_backtest: no variants");
  const auto range = replay_range(*inputs.panel, settings.from, settings.to);
  if (!range) throw std::invalid_argument("run_backtest: no replayable day in the requested range");
  const auto& rows = inputs.panel->rows;

  const venue::OptionModel model(*inputs.pricer, settings.model);
  const venue::FillModel fills(settings.fills);
  const ReplayMarket market{inputs.panel, inputs.calendar, inputs.pricer, &model, &fills};

  std::vector<std::unique_ptr<ReplaySession>> sessions;
  for (const VariantSpec& v : variants) {
    if (!v.make_strategy) throw std::invalid_argument("run_backtest: variant '" + v.name + "' has no strategy factory");
    sessions.push_back(std::make_unique<ReplaySession>(market, settings.replay, v.name, v.make_strategy(), log));
  }

  BacktestResult result;
  result.from = range->from;
  result.to = range->to;
  std::vector<std::size_t> replay_rows;
  for (std::size_t i = range->first_row; i <= range->last_row; ++i)
    if (is_replayable(rows[i])) replay_rows.push_back(i);

  ReplayDayInputs day_inputs(*inputs.panel, inputs.signals, inputs.rules, settings.replay.open_minutes);
  for (std::size_t n = 0; n < replay_rows.size(); ++n) {
    const std::size_t r = replay_rows[n];
    ReplayDay day(market, settings.replay, r, day_inputs.signals_for(r));
    day_inputs.count_fallbacks(day.market(), model);
    if (n == 0)
      for (auto& s : sessions) s->start(day);
    for (auto& s : sessions) s->step(day);
    if (progress) progress(n + 1, replay_rows.size());
  }
  for (auto& s : sessions) s->stop();

  result.signals = day_inputs.take_recorded();
  const auto crash_days =
      replay_crash_days(*inputs.panel, settings.named_crash_days, settings.crash_threshold, range->from, range->to);

  std::optional<double> baseline_cagr;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const ReplaySession& s = *sessions[v];
    VariantResult out;
    out.name = variants[v].name;
    out.sizing_mode = variants[v].sizing_mode;
    out.ladder_layers = settings.replay.ladder_layers;
    out.daily = s.daily();
    out.trades = s.ledger().trades();
    auto rows_of_variant = summarize_variant(out, s.ledger(), settings.metrics, crash_days, settings.crash_windows);
    if (!out.sizing_mode && !baseline_cagr) baseline_cagr = out.metrics.cagr;
    result.crash_days.insert(result.crash_days.end(), rows_of_variant.days.begin(), rows_of_variant.days.end());
    result.crash_windows.insert(result.crash_windows.end(), rows_of_variant.windows.begin(), rows_of_variant.windows.end());
    for (const auto& [label, count] : s.diagnostics())
      result.notes.push_back(out.name + ": " + label + ": " + std::to_string(count));
    result.variants.push_back(std::move(out));
  }
  for (VariantResult& out : result.variants)
    if (out.sizing_mode && baseline_cagr) out.hedge_cost_drag = hedge_cost_drag(*baseline_cagr, out.metrics.cagr);

  std::vector<std::string> notes{
      "replayed " + to_iso(range->from) + " .. " + to_iso(range->to) + ", " + std::to_string(replay_rows.size()) +
          " trading days",
      "signals and rules: values of the previous close (no look-ahead); 15:40 index levels are the day's closes",
      "SPXW: Black-Scholes, ATM vol VIX1D (from 2023-04-24) else VIX9D else VIX, skew clamp(1 - 0.10 z, 0.5, 3)",
      "VIX options: Black-76 on the same-expiry VX future; settlement at the VIX open as a stand-in for the SOQ (VRO)",
      "fills: model mid -/+ slippage per leg, fees per contract; no option quotes are bundled",
  };
  for (auto& note : day_inputs.notes()) notes.push_back(std::move(note));
  result.notes.insert(result.notes.begin(), notes.begin(), notes.end());
  return result;
}

}  // namespace alvh::backtest
