#include "alvh/config/replay_settings.hpp"

namespace alvh::config {

venue::FillParams fill_params(const ExecutionConfig& e) {
  venue::FillParams f;
  f.spxw_fee = e.spxw_fee_per_contract;
  f.vix_fee = e.vix_fee_per_contract;
  f.spxw_slippage = e.spxw_slippage_per_leg;
  f.spxw_slippage_high = e.spxw_slippage_per_leg_high;
  f.spxw_high_premium = e.spxw_high_premium_threshold;
  f.vix_slippage = e.vix_slippage_per_leg;
  return f;
}

backtest::BacktestSettings backtest_settings(const AlvhConfig& cfg) {
  backtest::BacktestSettings s;
  s.from = cfg.data.from;
  s.to = cfg.data.to;
  s.fills = fill_params(cfg.execution);
  s.model = cfg.model.params;
  s.named_crash_days.clear();
  for (const Date& d : cfg.report.crash_events) s.named_crash_days.push_back({to_iso(d), d, d});
  s.crash_windows.clear();
  for (const auto& w : cfg.report.windows) s.crash_windows.push_back({w.name, w.from, w.to});
  s.crash_threshold = cfg.report.crash_threshold;
  s.gap_threshold = cfg.report.gap_threshold;
  s.vix_jump_threshold = cfg.report.vix_jump_threshold;
  return s;
}

}  // namespace alvh::config
