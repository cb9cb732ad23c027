#include "alvh/backtest/backtest_runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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

namespace {

std::string contracts_text(double n) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", std::round(n * 100.0) / 100.0);
  return b;
}

// Why a crash row has no hedge P&L: the ladder at the previous close and the last sale that
// emptied each layer before the event.
std::string no_hedge_reason(const VariantResult& v, const CrashRow& row) {
  if (!v.sizing_mode) return "no hedge (condors alone)";
  auto it = std::lower_bound(v.daily.begin(), v.daily.end(), row.first,
                             [](const DailyRecord& d, Date x) { return d.date < x; });
  std::string held = "held at the previous close:";
  if (it == v.daily.begin()) {
    held += " nothing (first day)";
  } else {
    const DailyRecord& prev = *std::prev(it);
    for (std::size_t k = 0; k < v.ladder_layers.size(); ++k)
      held += (k ? ", " : " ") + v.ladder_layers[k] + " " +
              contracts_text(k < prev.ladder_contracts.size() ? prev.ladder_contracts[k] : 0.0);
  }
  std::string emptied;
  for (const std::string& layer : v.ladder_layers) {
    const VariantEvent* last = nullptr;
    for (const VariantEvent& e : v.ladder_exits)
      if (e.date < row.first && e.message.rfind(layer + " layer emptied", 0) == 0) last = &e;
    if (last) emptied += "; " + to_iso(last->date) + " " + last->message;
  }
  const bool ever = std::any_of(v.daily.begin(), it, [](const DailyRecord& d) {
    return std::any_of(d.ladder_contracts.begin(), d.ladder_contracts.end(), [](double n) { return n > 0; });
  });
  if (!ever) emptied += "; the ladder had not been established yet";
  return held + emptied;
}

// Gate states ("REDUCING: reason", "ACTIVE: reason") into the restrictions that outlived their
// session; daily-loss states lifted at the next session are only counted.
void record_halts(VariantResult& out, const std::vector<VariantEvent>& states) {
  auto index_of = [&](Date d) {
    return std::lower_bound(out.daily.begin(), out.daily.end(), d, [](const DailyRecord& r, Date x) { return r.date < x; }) -
           out.daily.begin();
  };
  TradingHalt open;  // valid while `restricted`
  bool restricted = false;
  auto close = [&](std::optional<Date> until) {
    if (!restricted) return;
    restricted = false;
    open.until = until;
    const bool lasting = !until || index_of(*until) - index_of(open.from) > 1;
    if (lasting)
      out.halts.push_back(open);
    else if (open.reason.rfind("daily loss", 0) == 0)
      ++out.daily_loss_resets;
  };
  for (const VariantEvent& e : states) {
    const auto colon = e.message.find(": ");
    const std::string state = e.message.substr(0, colon);
    close(e.date);
    if (state == "ACTIVE") continue;
    open = TradingHalt{e.date, std::nullopt, state, colon == std::string::npos ? "" : e.message.substr(colon + 2)};
    restricted = true;
  }
  close(std::nullopt);
}

}  // namespace

VariantCrashRows summarize_variant(VariantResult& out, const Ledger& ledger, const MetricParams& metrics,
                                   std::span<const CrashEvent> crash_days, std::span<const CrashEvent> windows) {
  std::vector<Date> dates;
  std::vector<double> equity, condor, hedge, held, ratios;
  for (const DailyRecord& d : out.daily) {
    dates.push_back(d.date);
    equity.push_back(d.equity);
    condor.push_back(d.condor_pnl);
    held.push_back(d.condor_pnl_held);
    hedge.push_back(d.hedge_pnl);
    out.condor_pnl_total += d.condor_pnl;
    out.hedge_pnl_total += d.hedge_pnl;
    if (d.open_condors > 0 && std::fabs(d.condor_greeks.vega) > 0 && d.hedge_greeks.vega > 0)
      ratios.push_back(d.hedge_greeks.vega / std::fabs(d.condor_greeks.vega));
  }
  out.metrics = compute_metrics(dates, equity, metrics);
  if (out.metrics.years > 0) {
    out.hedge_pnl_per_year = out.hedge_pnl_total / out.metrics.years;
    out.hedge_premium_per_year = ledger.book_premium(Book::hedge) / out.metrics.years;
  }
  out.realized_vega_ratio_days = static_cast<int>(ratios.size());
  if (!ratios.empty()) {
    const auto in_band = std::count_if(ratios.begin(), ratios.end(), [](double r) { return r >= 1.0 / 6 && r <= 1.0 / 4; });
    out.realized_vega_ratio_in_band = static_cast<double>(in_band) / static_cast<double>(ratios.size());
    std::sort(ratios.begin(), ratios.end());
    const std::size_t mid = ratios.size() / 2;
    out.realized_vega_ratio_median = ratios.size() % 2 ? ratios[mid] : 0.5 * (ratios[mid - 1] + ratios[mid]);
  }
  VariantCrashRows rows{crash_rows(crash_days, out.name, dates, condor, hedge, held),
                        crash_rows(windows, out.name, dates, condor, hedge, held)};
  for (auto* list : {&rows.days, &rows.windows})
    for (CrashRow& r : *list)
      if (std::fabs(r.hedge_pnl) < 0.5) r.note += (r.note.empty() ? "" : "; ") + ("no hedge P&L: " + no_hedge_reason(out, r));
  out.recovery = summarize_recovery(rows.days);
  out.window_recovery = summarize_recovery(rows.windows);
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

  // The simulated venue every variant trades (one account each); its chain model prices the chains.
  const venue::SimulatedMarket venue(*inputs.panel, *inputs.pricer, *inputs.calendar, settings.model, settings.fills);
  const ReplayMarket market = replay_market(venue);
  const venue::OptionModel& model = venue.model();

  // Decision-log lines the report needs, per variant, stamped with the replayed day: ladder layers
  // emptied by a sale (and why) and the risk gate's state changes.
  Date today{};
  std::vector<std::vector<VariantEvent>> exits(variants.size()), states(variants.size());
  std::vector<std::unique_ptr<ReplaySession>> sessions;
  for (std::size_t k = 0; k < variants.size(); ++k) {
    const VariantSpec& v = variants[k];
    if (!v.make_strategy) throw std::invalid_argument("run_backtest: variant '" + v.name + "' has no strategy factory");
    LogSink sink = [&, k](std::string_view variant, LogLevel level, std::string_view source, std::string_view message) {
      if (level == LogLevel::Decision) {
        if (const auto pos = message.find(" layer emptied: "); pos != std::string_view::npos) {
          const auto space = message.rfind(' ', pos == 0 ? 0 : pos - 1);  // the layer name starts after it
          exits[k].push_back({today, std::string(message.substr(space == std::string_view::npos ? 0 : space + 1))});
        } else if (source == "risk_gate" && message.rfind("state ", 0) == 0) {
          states[k].push_back({today, std::string(message.substr(6))});
        }
      }
      if (log) log(variant, level, source, message);
    };
    sessions.push_back(std::make_unique<ReplaySession>(market, settings.replay, v.name, v.make_strategy(), sink));
    // Without a caller's log the sink reads only "layer emptied" and risk-gate state lines, which
    // strategies always format: the other decision texts need not be built.
    sessions.back()->set_sink_reads_all_decisions(static_cast<bool>(log));
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
    today = rows[r].date;
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
      replay_crash_days(*inputs.panel, settings.named_crash_days, settings.crash_threshold, settings.gap_threshold,
                        settings.vix_jump_threshold, range->from, range->to);

  std::optional<double> baseline_cagr;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const ReplaySession& s = *sessions[v];
    VariantResult out;
    out.name = variants[v].name;
    out.sizing_mode = variants[v].sizing_mode;
    out.exit_policy = variants[v].exit_policy;
    out.ladder_layers = settings.replay.ladder_layers;
    out.daily = s.daily();
    out.trades = s.ledger().trades();
    out.ladder_exits = std::move(exits[v]);
    record_halts(out, states[v]);
    auto rows_of_variant = summarize_variant(out, s.ledger(), settings.metrics, crash_days, settings.crash_windows);
    if (!out.sizing_mode && !baseline_cagr) baseline_cagr = out.metrics.cagr;
    result.crash_days.insert(result.crash_days.end(), rows_of_variant.days.begin(), rows_of_variant.days.end());
    result.crash_windows.insert(result.crash_windows.end(), rows_of_variant.windows.begin(), rows_of_variant.windows.end());
    for (const auto& [label, count] : s.diagnostics())
      result.notes.push_back(out.name + ": " + label + ": " + std::to_string(count));
    result.variants.push_back(std::move(out));
    sessions[v].reset();  // its records now live in the result: do not hold both copies
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
