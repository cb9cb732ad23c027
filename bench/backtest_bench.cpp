// Full historical replay speed (issue "Historical replay ..."): 2007-2026, condors alone plus
// AlvhPortfolio in each sizing mode, QuantLib pricer. Target: < 5 s and < 200 MB for all variants.
// Run: cmake --build <build> --target backtest_bench && <build>/bench/backtest_bench
// (peak memory: /usr/bin/time -v <build>/bench/backtest_bench)
#include <benchmark/benchmark.h>

#include <memory>
#include <utility>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/signals/default_signals.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/strategies/alvh_portfolio.hpp"

namespace {

using namespace alvh;
using namespace alvh::strategies;

std::vector<backtest::VariantSpec> variants() {
  std::vector<backtest::VariantSpec> out;
  out.push_back({"condors", std::nullopt, [] {
                   VixLadderConfig ladder;  // zero hedge units: the same portfolio and gate, no calls
                   ladder.sizing_mode = HedgeSizingMode::FixedUnits;
                   ladder.fixed_units_per_condor = 0;
                   return std::make_unique<AlvhPortfolio>(IronCondorConfig{}, ladder, RiskGateConfig{});
                 }});
  for (const auto& [name, mode] : kHedgeSizingModes)
    out.push_back({"alvh:" + std::string(name), std::string(name), [m = mode] {
                     VixLadderConfig ladder;
                     ladder.sizing_mode = m;
                     return std::make_unique<AlvhPortfolio>(IronCondorConfig{}, ladder, RiskGateConfig{});
                   }});
  return out;
}

void BM_FullReplayAllVariants(benchmark::State& state) {
  const MarketHistory history = load_market_history(ALVH_BENCH_DATA_DIR);
  const DailyPanel panel = build_daily_panel(history);
  const SignalTable signals = SignalEngine(default_signal_specs()).compute(panel);
  const QuantLibPricer pricer;
  const NyseCalendar calendar;
  const backtest::BacktestInputs inputs{&panel, &signals, nullptr, &calendar, &pricer};
  const auto specs = variants();
  for (auto _ : state) {
    auto result = backtest::run_backtest(inputs, specs, backtest::BacktestSettings{});
    benchmark::DoNotOptimize(result.variants.data());
    state.counters["days"] = static_cast<double>(result.variants.front().daily.size());
  }
}
BENCHMARK(BM_FullReplayAllVariants)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
BENCHMARK_MAIN();
