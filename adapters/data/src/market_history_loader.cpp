#include "alvh/data/market_history_loader.hpp"

#include "alvh/data/nyse_breadth_csv.hpp"
#include "alvh/data/ohlc_csv.hpp"
#include "alvh/data/open_dates_txt.hpp"
#include "alvh/data/vol_indices_csv.hpp"
#include "alvh/data/vx_contracts_csv.hpp"
#include "alvh/data/vx_curve_csv.hpp"

namespace alvh {

MarketHistory load_market_history(const std::filesystem::path& data_dir, const MarketDataFiles& files) {
  MarketHistory h;
  h.spx = load_spx_daily(data_dir / files.spx);
  h.vix = load_vix_ohlc(data_dir / files.vix);
  h.vol_indices = load_vol_indices(data_dir / files.vol_indices);
  h.vx_curve = load_vx_curve(data_dir / files.vx_curve);
  h.vx_contracts = load_vx_contracts(data_dir / files.vx_contracts);
  h.breadth = load_nyse_breadth(data_dir / files.breadth);
  h.nyse_open_dates = load_open_dates(data_dir / files.open_dates);
  return h;
}

LoadResult<MarketHistory> try_load_market_history(const std::filesystem::path& data_dir,
                                                  const MarketDataFiles& files) {
  return try_load([&] { return load_market_history(data_dir, files); });
}

}  // namespace alvh
