#pragma once
// Loads every bundled file of data/ into one MarketHistory.
#include <filesystem>
#include <string_view>

#include "alvh/core/market_series.hpp"
#include "alvh/data/load_result.hpp"

namespace alvh {

// File names inside the data directory.
struct MarketDataFiles {
  std::string_view spx = "spx_daily.csv";
  std::string_view vix = "vix_ohlc_daily.csv";
  std::string_view vol_indices = "cboe_vol_indices_daily.csv";
  std::string_view vx_curve = "vx_futures_m1_m8_settle.csv";
  std::string_view vx_contracts = "vx_contracts_daily.csv";
  std::string_view breadth = "nyse_breadth_daily.csv";
  std::string_view open_dates = "nyse_open_dates.txt";
};

// Throws DataError (naming file, line, column) on the first bad input.
MarketHistory load_market_history(const std::filesystem::path& data_dir,
                                  const MarketDataFiles& files = {});
// Same, with the error as a value instead of an exception.
LoadResult<MarketHistory> try_load_market_history(const std::filesystem::path& data_dir,
                                                  const MarketDataFiles& files = {});

}  // namespace alvh
