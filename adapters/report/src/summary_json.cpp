#include "alvh/report/summary_json.hpp"

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "alvh/report/number_format.hpp"

namespace alvh::report {

namespace {

using Json = nlohmann::ordered_json;
constexpr int kDecimals = 6;

Json num(double x) { return std::isfinite(x) ? Json(round_to(x, kDecimals)) : Json(nullptr); }
Json num(const std::optional<double>& x) { return x ? num(*x) : Json(nullptr); }

// n, median, range and loss-weighted mean over the counted rows (a held condor lost money).
Json recovery_json(const backtest::RecoverySummary& r) {
  Json j;
  j["n"] = r.events;
  j["rows"] = r.rows;
  j["median"] = num(r.median);
  j["loss_weighted_mean"] = num(r.loss_weighted);
  j["mean"] = num(r.mean);
  j["min"] = num(r.min);
  j["max"] = num(r.max);
  j["condor_loss"] = num(r.condor_loss);
  j["hedge_pnl"] = num(r.hedge_pnl);
  return j;
}

Json metrics_json(const backtest::VariantResult& v) {
  const backtest::Metrics& m = v.metrics;
  Json j;
  j["days"] = m.days;
  j["years"] = num(m.years);
  j["start_equity"] = num(m.start_equity);
  j["end_equity"] = num(m.end_equity);
  j["total_return"] = num(m.total_return);
  j["cagr"] = num(m.cagr);
  j["volatility"] = num(m.volatility);
  j["sharpe"] = num(m.sharpe);
  j["sortino"] = num(m.sortino);
  j["max_drawdown"] = num(m.max_drawdown);
  j["calmar"] = num(m.calmar);
  j["var95"] = num(m.var95);
  j["cvar95"] = num(m.cvar95);
  j["var99"] = num(m.var99);
  j["cvar99"] = num(m.cvar99);
  j["worst_day"] = num(m.worst_day);
  j["best_day"] = num(m.best_day);
  j["win_rate"] = num(m.win_rate);
  j["hedge_cost_drag"] = num(v.hedge_cost_drag);
  j["hedge_pnl_per_year"] = num(v.hedge_pnl_per_year);
  j["hedge_premium_per_year"] = num(v.hedge_premium_per_year);
  j["condor_pnl_total"] = num(v.condor_pnl_total);
  j["hedge_pnl_total"] = num(v.hedge_pnl_total);
  j["crash_days_with_condor_loss"] = v.recovery.events;
  j["mean_recovery_ratio"] = num(v.recovery.mean);
  j["median_recovery_ratio"] = num(v.recovery.median);
  j["loss_weighted_recovery_ratio"] = num(v.recovery.loss_weighted);
  j["trades"] = v.trades.size();
  return j;
}

// Single-session crash days against multi-day windows: the claim to test is that the hedge does
// better over the windows.
Json recovery_comparison(const backtest::VariantResult& v) {
  Json j;
  j["single_days"] = recovery_json(v.recovery);
  j["windows"] = recovery_json(v.window_recovery);
  if (v.recovery.loss_weighted && v.window_recovery.loss_weighted)
    j["windows_minus_single_days_loss_weighted"] = num(*v.window_recovery.loss_weighted - *v.recovery.loss_weighted);
  else
    j["windows_minus_single_days_loss_weighted"] = nullptr;
  return j;
}

Json halts_json(const backtest::VariantResult& v) {
  Json halts = Json::array();
  for (const auto& h : v.halts) {
    Json j;
    j["date"] = to_iso(h.from);
    j["until"] = h.until ? Json(to_iso(*h.until)) : Json(nullptr);
    j["state"] = h.state;
    j["reason"] = h.reason;
    halts.push_back(std::move(j));
  }
  return halts;
}

Json crash_json(const backtest::CrashRow& r, bool window) {
  Json j;
  if (window) {
    j["from"] = to_iso(r.first);
    j["to"] = to_iso(r.last);
  } else {
    j["date"] = to_iso(r.first);
  }
  j["event"] = r.event;
  j["variant"] = r.variant;
  j["condor_pnl"] = num(r.condor_pnl);
  j["hedge_pnl"] = num(r.hedge_pnl);
  j["recovery_ratio"] = num(r.recovery_ratio);
  j["condor_pnl_held"] = num(r.condor_pnl_held);
  j["counted"] = r.counted;
  j["note"] = r.note;
  return j;
}

}  // namespace

std::string summary_json(const backtest::BacktestResult& result) {
  Json root;
  root["from"] = to_iso(result.from);
  root["to"] = to_iso(result.to);
  Json variants = Json::array();
  for (const auto& v : result.variants) {
    Json j;
    j["name"] = v.name;
    j["sizing_mode"] = v.sizing_mode ? Json(*v.sizing_mode) : Json(nullptr);
    j["exit_policy"] = v.exit_policy ? Json(*v.exit_policy) : Json(nullptr);
    j["metrics"] = metrics_json(v);
    j["recovery"] = recovery_comparison(v);
    Json vega;
    vega["median"] = num(v.realized_vega_ratio_median);
    vega["share_in_1_6_to_1_4"] = num(v.realized_vega_ratio_in_band);
    vega["days"] = v.realized_vega_ratio_days;
    j["realized_hedge_to_condor_vega"] = std::move(vega);
    j["halts"] = halts_json(v);
    j["daily_loss_limit_resets"] = v.daily_loss_resets;
    Json exits = Json::array();
    for (const auto& e : v.ladder_exits) exits.push_back({{"date", to_iso(e.date)}, {"event", e.message}});
    j["ladder_emptied"] = std::move(exits);
    variants.push_back(std::move(j));
  }
  root["variants"] = std::move(variants);
  Json days = Json::array();
  for (const auto& r : result.crash_days) days.push_back(crash_json(r, false));
  root["crash_days"] = std::move(days);
  Json windows = Json::array();
  for (const auto& r : result.crash_windows) windows.push_back(crash_json(r, true));
  root["crash_windows"] = std::move(windows);
  root["notes"] = result.notes;
  return root.dump(2) + "\n";
}

}  // namespace alvh::report
