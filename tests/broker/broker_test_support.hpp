#pragma once
// Shared fixtures for the paper-broker tests: the bundled market (loaded once), orders around the
// March 2024 market, and a publisher that records what the broker published.
#include <memory>
#include <vector>

#include "alvh/broker/event_publisher.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"

namespace alvh::broker::test {

struct BundledMarket {
  QuantLibPricer pricer;
  NyseCalendar calendar;
  DailyPanel panel = build_daily_panel(load_market_history(ALVH_TEST_DATA_DIR));
  venue::SimulatedMarket market{panel, pricer, calendar};
};

// Loaded once per test run: reading the data takes ~25 ms, the QuantLib calendar a little more.
inline const BundledMarket& bundled() {
  static const BundledMarket m;
  return m;
}

struct RecordingPublisher : EventPublisher {
  std::vector<OrderEvent> events;
  std::vector<Fill> fills;
  std::vector<Settlement> settlements;
  void order_event(const OrderEvent& e) override { events.push_back(e); }
  void fill(const Fill& f) override { fills.push_back(f); }
  void settlement(const Settlement& s) override { settlements.push_back(s); }
};

// A 1DTE iron condor around SPX ~5150 (March 2024).
inline ComboOrder condor(Date expiry, std::string tag, bool close = false) {
  ComboOrder o;
  const Side sell = close ? Side::Buy : Side::Sell, buy = close ? Side::Sell : Side::Buy;
  o.legs = {{spxw_option(expiry, 5050, OptionType::Put), buy, 1},
            {spxw_option(expiry, 5100, OptionType::Put), sell, 1},
            {spxw_option(expiry, 5200, OptionType::Call), sell, 1},
            {spxw_option(expiry, 5250, OptionType::Call), buy, 1}};
  o.quantity = 2;
  o.limit = 1.0;
  o.effect = close ? PriceEffect::Debit : PriceEffect::Credit;
  o.tag = std::move(tag);
  return o;
}

inline SingleOrder vix_call(Date expiry, double strike, int quantity, std::string tag, Side side = Side::Buy) {
  return SingleOrder{vix_option(expiry, strike, OptionType::Call), side, quantity, 0.5, std::move(tag)};
}

}  // namespace alvh::broker::test
