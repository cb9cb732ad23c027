// Option pricing speed: QuantLibPricer's closed-form path against QuantLib's generic
// instrument/engine path, and implied vol. Figures go to docs/performance.md ("Option pricing").
#include <benchmark/benchmark.h>

#include <ql/exercise.hpp>
#include <ql/instruments/payoffs.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include "alvh/quantlib/quantlib_pricer.hpp"

namespace {

// One 30-day SPX put; the spot alternates between two values so that neither path can reuse a
// cached result.
constexpr double kSpot = 5500.0, kStrike = 5450.0, kRate = 0.045, kDiv = 0.013, kVol = 0.18;
constexpr int kDays = 30;

void BM_QuantLibPricer_PriceAndGreeks(benchmark::State& state) {
  const alvh::QuantLibPricer pricer;
  alvh::BsmInput in{alvh::OptionType::Put, kSpot, kStrike, kDays / 365.0, kRate, kDiv, kVol};
  std::size_t i = 0;
  for (auto _ : state) {
    in.spot = (++i & 1U) ? kSpot : kSpot + 0.01;
    const alvh::OptionGreeks g = pricer.bsm(in);
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_QuantLibPricer_PriceAndGreeks)->Repetitions(10)->DisplayAggregatesOnly(true);

void BM_QuantLibGeneric_PriceAndGreeks(benchmark::State& state) {
  using namespace QuantLib;
  const Date today(2, January, 2026);
  Settings::instance().evaluationDate() = today;
  const DayCounter dc = Actual365Fixed();
  auto spot = ext::make_shared<SimpleQuote>(kSpot);
  Handle<YieldTermStructure> rates(ext::make_shared<FlatForward>(today, kRate, dc));
  Handle<YieldTermStructure> divs(ext::make_shared<FlatForward>(today, kDiv, dc));
  Handle<BlackVolTermStructure> vols(ext::make_shared<BlackConstantVol>(today, NullCalendar(), kVol, dc));
  auto process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(spot), divs, rates, vols);
  VanillaOption option(ext::make_shared<PlainVanillaPayoff>(Option::Put, kStrike),
                       ext::make_shared<EuropeanExercise>(today + kDays));
  option.setPricingEngine(ext::make_shared<AnalyticEuropeanEngine>(process));
  std::size_t i = 0;
  for (auto _ : state) {
    spot->setValue((++i & 1U) ? kSpot : kSpot + 0.01);
    benchmark::DoNotOptimize(option.NPV());
    benchmark::DoNotOptimize(option.delta());
    benchmark::DoNotOptimize(option.gamma());
    benchmark::DoNotOptimize(option.vega());
    benchmark::DoNotOptimize(option.theta());
  }
}
BENCHMARK(BM_QuantLibGeneric_PriceAndGreeks)->Repetitions(10)->DisplayAggregatesOnly(true);

// The hard case the strategy meets daily: a 1DTE deep OTM SPX put quoted at 0.05.
void BM_QuantLibPricer_ImpliedVol_1DTE_DeepOTM(benchmark::State& state) {
  const alvh::QuantLibPricer pricer;
  const alvh::BsmInput in{alvh::OptionType::Put, 5500.0, 5400.0, 1.0 / 365.0, kRate, kDiv, 0.0};
  std::size_t i = 0;
  for (auto _ : state) {
    const double price = (++i & 1U) ? 0.05 : 0.0501;
    const alvh::ImpliedVol iv = pricer.bsm_implied_vol(in, price);
    benchmark::DoNotOptimize(iv.vol);
  }
}
BENCHMARK(BM_QuantLibPricer_ImpliedVol_1DTE_DeepOTM)->Repetitions(20)->DisplayAggregatesOnly(true);

void BM_QuantLibPricer_ImpliedVol_30D_NearATM(benchmark::State& state) {
  const alvh::QuantLibPricer pricer;
  const alvh::BsmInput in{alvh::OptionType::Put, kSpot, kStrike, kDays / 365.0, kRate, kDiv, 0.0};
  std::size_t i = 0;
  for (auto _ : state) {
    const double price = (++i & 1U) ? 85.0 : 85.01;
    const alvh::ImpliedVol iv = pricer.bsm_implied_vol(in, price);
    benchmark::DoNotOptimize(iv.vol);
  }
}
BENCHMARK(BM_QuantLibPricer_ImpliedVol_30D_NearATM)->Repetitions(20)->DisplayAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
