#pragma once
// report.html: one self-contained page (inline CSS and SVG; no scripts, fonts or network) with
// the metrics table, equity curves with and without the hedge, drawdowns, hedge P&L per year,
// the ladder's contracts over time and the crash table.
#include <string>

#include "alvh/backtest/backtest_result.hpp"

namespace alvh::report {

std::string report_html(const backtest::BacktestResult& result);

}  // namespace alvh::report
