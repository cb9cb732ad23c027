#pragma once
// trades.csv (every fill and settlement of every variant) and daily.csv (one row per variant and
// day: equity, drawdown, book P&L, Greeks, ladder contracts per layer, signals the strategy saw).
// Numbers are printed in their shortest round-trip form (format_round_trip): parsing a cell gives
// back exactly the double the run computed.
#include <ostream>
#include <string>

#include "alvh/backtest/backtest_result.hpp"

namespace alvh::report {

std::string trades_csv(const backtest::BacktestResult& result);
std::string daily_csv(const backtest::BacktestResult& result);
// The same tables written to a stream: a full replay's are tens of MB, not worth holding as text.
void write_trades_csv(const backtest::BacktestResult& result, std::ostream& out);
void write_daily_csv(const backtest::BacktestResult& result, std::ostream& out);

}  // namespace alvh::report
