#include <catch2/catch.hpp>

#include "alvh/core/signals/default_signals.hpp"
#include "alvh/core/signals/indicator_registry.hpp"

using Catch::Matchers::Contains;

TEST_CASE("the registry lists every indicator the engine computes, with MACD defaults 12/26/9") {
  for (auto name : {"sma", "ema", "macd", "rsi", "roc", "pct_rank", "zscore", "adl", "ratio", "contango", "cm_vx"}) {
    INFO(name);
    CHECK(alvh::find_indicator(name) != nullptr);
  }
  const auto* macd = alvh::find_indicator("macd");
  REQUIRE(macd != nullptr);
  CHECK(macd->find_param("fast")->default_value == 12);
  CHECK(macd->find_param("slow")->default_value == 26);
  CHECK(macd->find_param("signal")->default_value == 9);
  CHECK(macd->outputs.size() == 3);
  CHECK(alvh::find_indicator("rsi")->find_param("period")->default_value == 14);
  CHECK(alvh::find_indicator("nope") == nullptr);
}

TEST_CASE("the default signal specs are valid against the registry") {
  for (const auto& spec : alvh::default_signal_specs()) {
    INFO(spec.name << ": " << alvh::spec_errors(spec));
    CHECK(alvh::spec_errors(spec).empty());
  }
}

TEST_CASE("spec validation names the signal and the problem") {
  alvh::SignalSpec bad{"x", "macd", "VIX", {{"fast", 30}, {"slow", 26}}};
  CHECK_THAT(alvh::spec_errors(bad), Contains("fast"));
  alvh::SignalSpec frac{"r", "rsi", "VIX", {{"period", 14.5}}};
  CHECK_THAT(alvh::spec_errors(frac), Contains("whole number"));
  alvh::SignalSpec unknown_param{"r", "rsi", "VIX", {{"length", 14}}};
  CHECK_THAT(alvh::spec_errors(unknown_param), Contains("no parameter 'length'"));
  alvh::SignalSpec bad_source{"r", "rsi", "VIXX", {}};
  CHECK_THAT(alvh::spec_errors(bad_source), Contains("VIXX"));
  alvh::SignalSpec bad_pair{"t", "ratio", "VX1-VX2", {}};
  CHECK_FALSE(alvh::spec_errors(bad_pair).empty());
  alvh::SignalSpec good_pair{"t", "ratio", "VIX9D/VIX", {}};
  CHECK(alvh::spec_errors(good_pair).empty());
  alvh::SignalSpec adl_on_spx{"a", "adl", "SPX", {}};
  CHECK_THAT(alvh::spec_errors(adl_on_spx), Contains("NYSE"));
  alvh::SignalSpec unknown{"u", "stochastic", "SPX", {}};
  CHECK_THAT(alvh::spec_errors(unknown), Contains("unknown indicator"));
}

TEST_CASE("signal columns are the name, or name.output for multi-output indicators") {
  alvh::SignalSpec macd{"macd_vix", "macd", "VIX", {}};
  CHECK(alvh::signal_columns(macd) == std::vector<std::string>{"macd_vix.macd", "macd_vix.signal", "macd_vix.hist"});
  alvh::SignalSpec rsi{"rsi_vix", "rsi", "VIX", {}};
  CHECK(alvh::signal_columns(rsi) == std::vector<std::string>{"rsi_vix"});
  CHECK(alvh::is_series_name("VX3"));
  CHECK_FALSE(alvh::is_series_name("VX9"));
  CHECK(alvh::split_series_pair("VX1/VX2").has_value());
  CHECK_FALSE(alvh::split_series_pair("VX1/").has_value());
}
