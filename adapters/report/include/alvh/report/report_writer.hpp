#pragma once
// Writes summary.json, trades.csv, daily.csv and report.html into a directory (created if needed).
#include <filesystem>
#include <vector>

#include "alvh/backtest/backtest_result.hpp"

namespace alvh::report {

// Returns the files written. Throws std::runtime_error naming the path when a file cannot be written.
std::vector<std::filesystem::path> write_report(const backtest::BacktestResult& result,
                                                const std::filesystem::path& out_dir);

}  // namespace alvh::report
