// Time to load the bundled data/ directory (all seven files) and each file alone.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "alvh/data/market_history_loader.hpp"
#include "alvh/data/nyse_breadth_csv.hpp"
#include "alvh/data/ohlc_csv.hpp"
#include "alvh/data/open_dates_txt.hpp"
#include "alvh/data/text_file.hpp"
#include "alvh/data/vol_indices_csv.hpp"
#include "alvh/data/vx_contracts_csv.hpp"
#include "alvh/data/vx_curve_csv.hpp"

namespace {

const std::filesystem::path kDataDir{ALVH_BENCH_DATA_DIR};

void BM_LoadMarketHistory(benchmark::State& state) {
  for (auto _ : state) {
    auto history = alvh::load_market_history(kDataDir);
    benchmark::DoNotOptimize(history);
  }
}
BENCHMARK(BM_LoadMarketHistory)->Unit(benchmark::kMillisecond);

// Reading alone, to separate I/O from parsing.
void BM_ReadAllFiles(benchmark::State& state) {
  const alvh::MarketDataFiles f;
  for (auto _ : state) {
    for (auto name : {f.spx, f.vix, f.vol_indices, f.vx_curve, f.vx_contracts, f.breadth, f.open_dates}) {
      auto text = alvh::read_text_file(kDataDir / name);
      benchmark::DoNotOptimize(text);
    }
  }
}
BENCHMARK(BM_ReadAllFiles)->Unit(benchmark::kMillisecond);

template <class Load>
void BM_LoadFile(benchmark::State& state, Load load, const char* name) {
  for (auto _ : state) {
    auto rows = load(kDataDir / name);
    benchmark::DoNotOptimize(rows);
  }
}
BENCHMARK_CAPTURE(BM_LoadFile, spx, &alvh::load_spx_daily, "spx_daily.csv")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, vix, &alvh::load_vix_ohlc, "vix_ohlc_daily.csv")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, vol_indices, &alvh::load_vol_indices, "cboe_vol_indices_daily.csv")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, vx_curve, &alvh::load_vx_curve, "vx_futures_m1_m8_settle.csv")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, vx_contracts, &alvh::load_vx_contracts, "vx_contracts_daily.csv")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, breadth, &alvh::load_nyse_breadth, "nyse_breadth_daily.csv")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadFile, open_dates, &alvh::load_open_dates, "nyse_open_dates.txt")
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
