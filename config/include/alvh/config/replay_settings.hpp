#pragma once
// The config read into the replay engine's settings, in one place for every program that replays
// or fills orders: `alvh backtest`, the reference host and `alvh-paper-broker`.
#include "alvh/config/alvh_config.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/venue/fill_model.hpp"

namespace alvh::config {

// execution: costs as the shared fill model's parameters.
venue::FillParams fill_params(const ExecutionConfig& e);
// data.from/to, the fill parameters and the report's crash days, windows and threshold.
backtest::BacktestSettings backtest_settings(const AlvhConfig& cfg);

}  // namespace alvh::config
