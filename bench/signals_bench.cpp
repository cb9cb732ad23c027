// Signal engine speed over the bundled history (1990-2026). Targets (issue "Signal engine"):
// all default signals in batch < 50 ms; streaming update of the whole set < 1 us per bar.
// Run: cmake --build <build> --target signals_bench && <build>/bench/signals_bench
#include <benchmark/benchmark.h>

#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/default_signals.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"

namespace {

const alvh::MarketHistory& history() {
  static const alvh::MarketHistory h = alvh::load_market_history(ALVH_BENCH_DATA_DIR);
  return h;
}

const alvh::DailyPanel& panel() {
  static const alvh::DailyPanel p = alvh::build_daily_panel(history());
  return p;
}

std::vector<alvh::SignalSpec> extended_specs() {
  auto specs = alvh::default_signal_specs();
  specs.push_back({"sma_vix", "sma", "VIX", {{"period", 20}}});
  specs.push_back({"ema_spx", "ema", "SPX", {{"period", 50}}});
  specs.push_back({"roc_spx", "roc", "SPX", {{"period", 5}}});
  specs.push_back({"rank_vix", "pct_rank", "VIX", {{"period", 252}}});
  specs.push_back({"z_vix", "zscore", "VIX", {{"period", 20}}});
  specs.push_back({"contango", "contango", "VX1/VX2", {}});
  specs.push_back({"cm30", "cm_vx", "VX", {{"tenor", 30}}});
  return specs;
}

void BM_BuildDailyPanel(benchmark::State& state) {
  const auto& h = history();
  for (auto _ : state) {
    auto p = alvh::build_daily_panel(h);
    benchmark::DoNotOptimize(p.rows.data());
  }
  state.counters["rows"] = static_cast<double>(panel().rows.size());
}

void batch(benchmark::State& state, const std::vector<alvh::SignalSpec>& specs) {
  const auto& p = panel();
  const alvh::SignalEngine engine(specs);
  for (auto _ : state) {
    auto table = engine.compute(p);
    benchmark::DoNotOptimize(table.values.data());
  }
  state.counters["rows"] = static_cast<double>(p.rows.size());
}

// One iteration = one streaming pass over the whole history; bar_time = time per bar.
void streaming(benchmark::State& state, const std::vector<alvh::SignalSpec>& specs) {
  const auto& p = panel();
  alvh::SignalEngine engine(specs);
  for (auto _ : state) {
    engine.reset();
    for (const auto& row : p.rows) benchmark::DoNotOptimize(engine.update(row).data());
  }
  state.counters["rows"] = static_cast<double>(p.rows.size());
  state.counters["bar_time"] = benchmark::Counter(static_cast<double>(p.rows.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate |
                                                      benchmark::Counter::kInvert);
}

void BM_DefaultSignalsBatch(benchmark::State& state) { batch(state, alvh::default_signal_specs()); }
void BM_DefaultSignalsStreaming(benchmark::State& state) { streaming(state, alvh::default_signal_specs()); }
void BM_ExtendedSignalsBatch(benchmark::State& state) { batch(state, extended_specs()); }
void BM_ExtendedSignalsStreaming(benchmark::State& state) { streaming(state, extended_specs()); }

}  // namespace

BENCHMARK(BM_BuildDailyPanel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultSignalsBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultSignalsStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtendedSignalsBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtendedSignalsStreaming)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
