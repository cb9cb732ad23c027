// The plug-in and the statically linked strategy, replayed side by side over the same days with
// the same fill model, must book the same trades and end with the same equity: the C boundary
// changes nothing. Rules: the backtest evaluates them in the host, the plug-in evaluates its own.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "alvh/config/config_loader.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/host/plugin_library.hpp"
#include "alvh/host/plugin_strategy.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/strategies/alvh_portfolio.hpp"

using namespace alvh;

TEST_CASE("the plugin replays the whole bundled history exactly like the in-process strategy") {
  const std::string file = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
  auto loaded = config::load_config(file);
  REQUIRE(loaded.ok());
  const config::AlvhConfig& cfg = *loaded.config;
  std::ifstream in(file);
  std::ostringstream yaml;
  yaml << in.rdbuf();

  const DailyPanel panel = build_daily_panel(load_market_history(ALVH_TEST_DATA_DIR));
  const SignalTable signals = SignalEngine(cfg.signals).compute(panel);
  const RuleBook rules = config::build_rule_book(cfg);
  const QuantLibPricer pricer;
  const NyseCalendar calendar;
  const host::PluginLibrary lib(ALVH_PLUGIN_PATH);

  backtest::BacktestSettings settings;
  const backtest::BacktestInputs inputs{&panel, &signals, &rules, &calendar, &pricer};
  std::vector<backtest::VariantSpec> variants;
  variants.push_back({"in-process", std::nullopt, [&] {
                        return std::make_unique<strategies::AlvhPortfolio>(cfg.condor, cfg.ladder, cfg.risk);
                      }});
  variants.push_back({"plugin", std::nullopt, [&] {
                        return std::make_unique<host::PluginStrategy>(
                            lib, host::PluginStrategyOptions{"alvh_portfolio", yaml.str(), file, false, true});
                      }});
  const auto result = backtest::run_backtest(inputs, variants, settings);
  const auto& a = result.variants[0];
  const auto& b = result.variants[1];
  INFO("in-process end equity " << a.metrics.end_equity << ", plugin " << b.metrics.end_equity);
  REQUIRE(a.daily.size() == b.daily.size());
  CHECK(a.trades.size() > 1000);
  CHECK(a.trades.size() == b.trades.size());
  for (std::size_t i = 0; i < a.daily.size(); ++i) {
    INFO("day " << to_iso(a.daily[i].date));
    CHECK(a.daily[i].equity == Approx(b.daily[i].equity).epsilon(1e-12));
  }
}
