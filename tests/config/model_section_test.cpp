// The `model:` section: config/alvh.yaml carries the fitted values, which are also the code
// defaults; every key is read and checked.
#include <catch2/catch.hpp>

#include "alvh/config/config_loader.hpp"
#include "alvh/config/replay_settings.hpp"

using namespace alvh;
using Catch::Matchers::Contains;

namespace {

config::ConfigLoadResult load(const std::string& yaml) { return config::load_config_from_string(yaml, "m.yaml", "."); }

}  // namespace

TEST_CASE("config/alvh.yaml's model section holds the code defaults") {
  auto r = config::load_config(std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& m = r.config->model.params;
  const venue::OptionModelParams d{};
  CHECK(m.spxw.clock.overnight_share == d.spxw.clock.overnight_share);
  CHECK(m.spxw.clock.weekend_day == d.spxw.clock.weekend_day);
  CHECK(m.spxw.clock.holiday == d.spxw.clock.holiday);
  CHECK(m.spxw.ratio_vix1d == d.spxw.ratio_vix1d);
  CHECK(m.spxw.ratio_vix9d == d.spxw.ratio_vix9d);
  CHECK(m.spxw.ratio_vix == d.spxw.ratio_vix);
  CHECK(m.spxw.ratio_vix3m == d.spxw.ratio_vix3m);
  CHECK(m.spxw.smile.slope == d.spxw.smile.slope);
  CHECK(m.spxw.smile.put_curve == d.spxw.smile.put_curve);
  CHECK(m.spxw.smile.call_curve == d.spxw.smile.call_curve);
  CHECK(m.spxw.smile.term_exponent == d.spxw.smile.term_exponent);
  CHECK(m.spxw.smile.skew_index_scaling == d.spxw.smile.skew_index_scaling);
  CHECK(m.spxw.smile.skew_reference == d.spxw.smile.skew_reference);
  CHECK(m.spxw_spread.base == d.spxw_spread.base);
  CHECK(m.spxw_spread.share == d.spxw_spread.share);
  CHECK(m.spxw_spread.tenor_exponent == d.spxw_spread.tenor_exponent);
  CHECK(m.spxw_spread.max_width == d.spxw_spread.max_width);
  CHECK(m.vix.vvix_ratio == d.vix.vvix_ratio);
  CHECK(m.vix.term_exponent == d.vix.term_exponent);
  CHECK(m.vix.smile_up == d.vix.smile_up);
  CHECK(m.vix.smile_down == d.vix.smile_down);
  CHECK(m.vix.smile_term_exponent == d.vix.smile_term_exponent);
  CHECK(m.vix_spread.base == d.vix_spread.base);
  CHECK(m.vix_spread.share == d.vix_spread.share);
  CHECK(m.vix_spread.tenor_exponent == d.vix_spread.tenor_exponent);
  CHECK(m.vix_spread.max_width == d.vix_spread.max_width);
}

TEST_CASE("the model section reaches the replay settings") {
  auto r = load("schema_version: 1\nmodel:\n  spxw:\n    clock:\n      weekend_day: 0.15\n    smile:\n      skew_index_scaling: true\n"
                "  vix:\n    term_exponent: 0.18\n    width:\n      max_width: 0.4\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto s = config::backtest_settings(*r.config);
  CHECK(s.model.spxw.clock.weekend_day == 0.15);
  CHECK(s.model.spxw.smile.skew_index_scaling);
  CHECK(s.model.vix.term_exponent == 0.18);
  CHECK(s.model.vix_spread.max_width == 0.4);
  CHECK(s.model.spxw.ratio_vix9d == venue::OptionModelParams{}.spxw.ratio_vix9d);  // untouched keys keep defaults
}

TEST_CASE("bad model values are errors naming file, line, column and key") {
  auto r = load("schema_version: 1\nmodel:\n  spxw:\n    clock:\n      overnight_share: 1.5\n    atm_ratio:\n      vix9d: -1\n"
                "    smile:\n      slant: 0.1\n  vix:\n    width:\n      max_width: 0\n");
  REQUIRE_FALSE(r.ok());
  const std::string e = r.format_errors();
  CHECK_THAT(e, Contains("m.yaml:5:24: model.spxw.clock.overnight_share"));
  CHECK_THAT(e, Contains("model.spxw.atm_ratio.vix9d"));
  CHECK_THAT(e, Contains("model.spxw.smile.slant"));
  CHECK_THAT(e, Contains("model.vix.width.max_width"));
}
