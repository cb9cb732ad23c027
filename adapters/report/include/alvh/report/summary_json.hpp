#pragma once
// summary.json: {"from", "to", "variants": [{name, sizing_mode, metrics}], "crash_days":
// [{date, event, variant, condor_pnl, hedge_pnl, recovery_ratio}], "crash_windows": [...],
// "notes": [...]}. Keys in a fixed order and numbers rounded to 6 decimals, so the same result
// always gives the same bytes.
#include <string>

#include "alvh/backtest/backtest_result.hpp"

namespace alvh::report {

std::string summary_json(const backtest::BacktestResult& result);

}  // namespace alvh::report
