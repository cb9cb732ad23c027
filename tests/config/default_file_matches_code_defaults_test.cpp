// config/alvh.yaml spells out every default; the code's struct defaults must say the same thing,
// so a host that builds the structs directly behaves like a user of the default file.
#include <catch2/catch.hpp>

#include "alvh/config/config_loader.hpp"

using namespace alvh;

TEST_CASE("config/alvh.yaml holds the same values as the code defaults") {
  auto r = config::load_config(std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& c = *r.config;
  const strategies::RiskGateConfig risk{};
  CHECK(c.risk.max_contracts_per_order == risk.max_contracts_per_order);
  CHECK(c.risk.max_loss_per_condor == risk.max_loss_per_condor);
  CHECK(c.risk.max_open_condors == risk.max_open_condors);
  CHECK(c.risk.daily_loss_limit == risk.daily_loss_limit);
  CHECK(c.risk.hedge_spend_limit_12m == risk.hedge_spend_limit_12m);
  CHECK(c.risk.max_orders_per_minute == risk.max_orders_per_minute);
  CHECK(c.risk.max_quote_age_seconds == risk.max_quote_age_seconds);
  CHECK(c.risk.max_relative_spread == risk.max_relative_spread);

  const strategies::IronCondorConfig ic{};
  CHECK(c.condor.entry_minutes == ic.entry_minutes);
  CHECK(c.condor.short_delta == ic.short_delta);
  CHECK(c.condor.em_multiple == ic.em_multiple);
  CHECK(c.condor.wing_width == ic.wing_width);
  CHECK(c.condor.strike_step == ic.strike_step);
  CHECK(c.condor.min_credit == ic.min_credit);
  CHECK(c.condor.risk_budget == ic.risk_budget);
  CHECK(c.condor.max_quantity == ic.max_quantity);
  CHECK(c.condor.vix_tiers.size() == ic.vix_tiers.size());
  CHECK(c.condor.max_relative_spread == ic.max_relative_spread);

  const strategies::VixLadderConfig lad{};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("layer " << i);
    CHECK(c.ladder.layers[i].target_dte == lad.layers[i].target_dte);
    CHECK(c.ladder.layers[i].roll_floor_dte == lad.layers[i].roll_floor_dte);
    CHECK(c.ladder.layers[i].contracts_per_unit == lad.layers[i].contracts_per_unit);
    CHECK(c.ladder.layers[i].target_delta == lad.layers[i].target_delta);
  }
  CHECK(c.ladder.sizing_mode == lad.sizing_mode);
  CHECK(c.ladder.vix_point_ratio == lad.vix_point_ratio);
  CHECK(c.ladder.vega_ratio == lad.vega_ratio);
  CHECK(c.ladder.exit_policy == lad.exit_policy);
  CHECK(c.ladder.fractional == config::AlvhConfig{}.ladder.fractional);
  CHECK(c.ladder.fixed_units_per_condor == lad.fixed_units_per_condor);
  CHECK(c.ladder.gap_cover_fraction == lad.gap_cover_fraction);
  CHECK(c.ladder.monetize_multiple == lad.monetize_multiple);
  CHECK(c.ladder.monetize_vix == lad.monetize_vix);
  CHECK(c.ladder.max_front_future_for_buys == lad.max_front_future_for_buys);
  CHECK(c.ladder.establish_vix_below == lad.establish_vix_below);
  CHECK(c.ladder.reestablish_vix_below == lad.reestablish_vix_below);
  CHECK(c.ladder.max_relative_spread == lad.max_relative_spread);

  const config::AdaptersConfig ad{};
  CHECK(c.adapters.zmq.enabled == ad.zmq.enabled);
  CHECK(c.adapters.zmq.command_endpoint == ad.zmq.command_endpoint);
  CHECK(c.adapters.zmq.event_endpoint == ad.zmq.event_endpoint);
  CHECK(c.adapters.zmq.allow_non_loopback == ad.zmq.allow_non_loopback);
  CHECK(c.adapters.zmq.heartbeat_interval_ms == ad.zmq.heartbeat_interval_ms);
  CHECK(c.adapters.zmq.heartbeat_timeout_ms == ad.zmq.heartbeat_timeout_ms);
  CHECK(c.adapters.market_data.enabled == ad.market_data.enabled);
  CHECK(c.adapters.market_data.pub_endpoint == ad.market_data.pub_endpoint);
  CHECK(c.adapters.market_data.snapshot_endpoint == ad.market_data.snapshot_endpoint);
  CHECK(c.adapters.market_data.allow_non_loopback == ad.market_data.allow_non_loopback);
  CHECK(c.adapters.market_data.timeout_ms == ad.market_data.timeout_ms);
  CHECK(c.adapters.market_data.curve_server_public_key == ad.market_data.curve_server_public_key);
  CHECK(c.adapters.market_data.curve_client_public_key == ad.market_data.curve_client_public_key);
  CHECK(c.adapters.market_data.curve_client_secret_key == ad.market_data.curve_client_secret_key);
}
