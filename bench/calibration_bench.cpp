// Calibration and model-pricing speed (docs/performance.md, "Option model calibration"):
// - BM_Calibrate: `alvh calibrate`'s work on the real quote set (read, observations, fit), skipped
//   when ALVH_QUOTES_DIR (environment, else the build's default) is absent;
// - the replay's pricing of one SPXW chain (1-day expiry, 121 strikes) with the calibrated model
//   (variance clock, index interpolation, smile, widths) against the pre-calibration formulas
//   (ACT/365, one index, linear skew) in the same run: the ratio bounds what the model change can
//   cost the replay, whose other work is unchanged.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "alvh/calibration/baseline_model.hpp"
#include "alvh/calibration/model_fit.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/quotes/quote_reader.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/venue/year_fraction.hpp"

namespace {

using namespace alvh;

std::string quotes_dir() {
  if (const char* e = std::getenv("ALVH_QUOTES_DIR")) return e;
  return ALVH_BENCH_QUOTES_DIR;
}

void BM_Calibrate(benchmark::State& state) {
  const std::string dir = quotes_dir();
  if (!std::filesystem::is_directory(dir)) {
    state.SkipWithError(("no quote directory " + dir + " (set ALVH_QUOTES_DIR)").c_str());
    return;
  }
  const NyseCalendar calendar;
  const QuantLibPricer pricer;
  const MarketHistory history = load_market_history(ALVH_BENCH_DATA_DIR);
  for (auto _ : state) {
    const auto sessions = quotes::read_quote_dir(dir, calendar);
    const venue::OptionModelParams start{};
    const venue::SpxwOptionModel model(pricer, start.spxw);
    const auto obs = calibration::build_observations(sessions, history, pricer, model);
    const auto result = calibration::calibrate(obs, start);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Calibrate)->Iterations(1)->Repetitions(3)->Unit(benchmark::kMillisecond);

venue::MarketDay sample_day() {
  venue::MarketDay day;
  day.date = make_date(2023, 5, 23);
  day.spx_close = 4145.58;
  day.vix_close = 18.53;
  day.vols.date = day.date;
  day.vols.close[static_cast<std::size_t>(VolIndex::VIX1D)] = 13.43;
  day.vols.close[static_cast<std::size_t>(VolIndex::VIX9D)] = 17.37;
  day.vols.close[static_cast<std::size_t>(VolIndex::VIX)] = 18.53;
  day.vols.close[static_cast<std::size_t>(VolIndex::VIX3M)] = 20.1;
  return day;
}

constexpr int kEntry = 15 * 60 + 45;

void BM_SpxwChain_Calibrated(benchmark::State& state) {
  const QuantLibPricer pricer;
  const venue::OptionModel model(pricer);
  venue::MarketDay day = sample_day();
  const Date expiry = make_date(2023, 5, 24);
  std::size_t i = 0;
  for (auto _ : state) {
    day.spx_close = (++i & 1U) ? 4145.58 : 4145.59;  // no reuse of a previous day's result
    day.vols.close[static_cast<std::size_t>(VolIndex::VIX9D)] = (i & 1U) ? 17.37 : 17.38;
    for (int n = 0; n <= 120; ++n) {
      const double k = 3850.0 + 5.0 * n;
      const auto q = model.quote(spxw_option(expiry, k, k < 4145 ? OptionType::Put : OptionType::Call), day, kEntry);
      benchmark::DoNotOptimize(q);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 121);
}
BENCHMARK(BM_SpxwChain_Calibrated)->Repetitions(5)->DisplayAggregatesOnly(true);

void BM_SpxwChain_PreCalibration(benchmark::State& state) {
  const QuantLibPricer pricer;
  venue::MarketDay day = sample_day();
  const Date expiry = make_date(2023, 5, 24);
  const double years = venue::act365_years(day.date, kEntry, expiry, 16 * 60);
  std::size_t i = 0;
  for (auto _ : state) {
    day.spx_close = (++i & 1U) ? 4145.58 : 4145.59;
    for (int n = 0; n <= 120; ++n) {
      const double k = 3850.0 + 5.0 * n;
      const auto q = calibration::baseline_spxw_quote(pricer, day.vols, day.vix_close,
                                                      k < 4145 ? OptionType::Put : OptionType::Call, day.spx_close, k,
                                                      years);
      benchmark::DoNotOptimize(q);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 121);
}
BENCHMARK(BM_SpxwChain_PreCalibration)->Repetitions(5)->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
