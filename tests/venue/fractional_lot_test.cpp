// The study's fractional lot (ladder.fractional): an option order at 1/100 of the contract
// multiplier is 1/100 contract at the simulated venue, in cash and in fees.
#include <catch2/catch.hpp>

#include <chrono>

#include "alvh/venue/simulated_venue.hpp"
#include "../support/closed_form_pricer.hpp"

using namespace alvh;
using namespace alvh::venue;

namespace {

class Weekdays final : public ExchangeCalendar {
 public:
  bool is_trading_day(Date d) const override {
    const auto w = weekday_of(d);
    return w != std::chrono::Saturday && w != std::chrono::Sunday;
  }
  bool is_early_close(Date) const override { return false; }
};

// 2018-02-05 from the bundled data: SPX 2648.94, VIX 37.32, VVIX 177.34, VX Feb/Mar 33.225 / 27.975.
DailyPanel one_day() {
  const Date d = make_date(2018, 2, 5);
  PanelRow row;
  row.date = d;
  row.spx = {d, 2741.06, 2763.39, 2638.17, 2648.94};
  row.vix = {d, 18.44, 38.80, 16.80, 37.32};
  row.vol.date = d;
  row.vol.close[static_cast<std::size_t>(VolIndex::VIX)] = 37.32;
  row.vol.close[static_cast<std::size_t>(VolIndex::VVIX)] = 177.34;
  VxCurveRow c;
  c.date = d;
  c.expiry[0] = make_date(2018, 2, 14);
  c.settle[0] = 33.225;
  c.expiry[1] = make_date(2018, 3, 21);
  c.settle[1] = 27.975;
  row.vx = c;
  DailyPanel panel;
  panel.rows.push_back(row);
  return panel;
}

}  // namespace

TEST_CASE("a VIX call at multiplier 1 fills as 1/100 contract: a hundredth of the cash and of the fees") {
  const DailyPanel panel = one_day();
  const test::ClosedFormPricer pricer;
  const Weekdays calendar;
  const SimulatedMarket market(panel, pricer, calendar);
  const ExchangeTime review{make_date(2018, 2, 5), hhmm(15, 50)};
  SimulatedVenue whole_account(market), fractional_account(market);
  whole_account.advance(review);
  fractional_account.advance(review);

  const Instrument contract = vix_option(make_date(2018, 3, 21), 20, OptionType::Call);
  Instrument lot = contract;
  lot.multiplier = 1;
  const auto whole = whole_account.execute("w", SingleOrder{contract, Side::Buy, 1, 50.0, "ladder:front"});
  const auto hundredths = fractional_account.execute("f", SingleOrder{lot, Side::Buy, 100, 50.0, "ladder:front"});
  INFO(whole.reason << " / " << hundredths.reason);
  REQUIRE(whole.state == OrderState::Filled);
  REQUIRE(hundredths.state == OrderState::Filled);
  CAPTURE(whole.booked.cash, hundredths.booked.cash, whole.booked.fees, hundredths.booked.fees);
  CHECK(hundredths.booked.net_price == Approx(whole.booked.net_price));
  CHECK(hundredths.booked.cash == Approx(whole.booked.cash));  // 100 x 1/100 contract = 1 contract
  CHECK(hundredths.booked.fees == Approx(whole.booked.fees));
  CHECK(fractional_account.positions().at(0).instrument.multiplier == 1);

  // Other multipliers are still refused, with the venue's terms in the reason.
  Instrument odd = contract;
  odd.multiplier = 10;
  const auto refused = fractional_account.execute("x", SingleOrder{odd, Side::Buy, 1, 50.0, "ladder:front"});
  CHECK(refused.state == OrderState::Rejected);
  CHECK_THAT(refused.reason, Catch::Matchers::Contains("multiplier 10 is not VIX's 100 (or 1 for a fractional lot)"));
}
