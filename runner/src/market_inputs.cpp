#include "market_inputs.hpp"

#include <stdexcept>

#include "alvh/config/config_loader.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"

namespace alvh::runner {

config::AlvhConfig load_config_or_throw(const std::string& file) {
  auto result = config::load_config(file);
  if (!result.ok()) throw std::runtime_error("invalid config:\n" + result.format_errors());
  return std::move(*result.config);
}

MarketInputs load_market_inputs(const std::string& config_file, const std::optional<std::string>& data_dir) {
  MarketInputs in;
  in.config = load_config_or_throw(config_file);
  const std::filesystem::path dir = data_dir ? std::filesystem::path(*data_dir) : in.config.data.dir;
  in.history = load_market_history(dir);
  in.panel = build_daily_panel(in.history);
  in.signals = SignalEngine(in.config.signals).compute(in.panel);
  return in;
}

}  // namespace alvh::runner
