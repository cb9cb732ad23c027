#pragma once
// Loading what every data-driven command needs: the config, the bundled history, the daily panel
// and the signal table. Errors are thrown as std::runtime_error with file:line:col already in them.
#include <filesystem>
#include <optional>
#include <string>

#include "alvh/config/alvh_config.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/signal_table.hpp"

namespace alvh::runner {

struct MarketInputs {
  config::AlvhConfig config;
  MarketHistory history;
  DailyPanel panel;     // the whole history the data supports (signals need warm-up)
  SignalTable signals;  // over `panel`
};

// Throws std::runtime_error listing every config error, or the data file:line:col error.
config::AlvhConfig load_config_or_throw(const std::string& file);
MarketInputs load_market_inputs(const std::string& config_file, const std::optional<std::string>& data_dir);

}  // namespace alvh::runner
