// The hostile-client corpus: orders a client may send that the paper broker must refuse with a clear
// reason, booking nothing. Contract terms come from the venue's instrument definitions, never from
// the client; quantities are counted in 64 bits against per-order and per-position caps.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "alvh/broker/paper_broker.hpp"
#include "broker_test_support.hpp"

using namespace alvh;
using namespace alvh::broker;
using namespace alvh::broker::test;

namespace {

const Date kToday = make_date(2024, 3, 18), kExpiry = make_date(2024, 3, 19);

struct Case {
  std::string name;
  ComboOrder combo;
  std::string reason;  // a fragment of the refusal
};

ComboOrder with(std::function<void(ComboOrder&)> change) {
  ComboOrder o = condor(kExpiry, "ic:hostile");
  change(o);
  return o;
}

}  // namespace

TEST_CASE("the paper broker refuses every order of the hostile-client corpus and books nothing", "[broker][hostile]") {
  const std::vector<Case> corpus = {
      {"a negative multiplier (a buy that would credit cash)", with([](ComboOrder& o) { o.legs[0].instrument.multiplier = -100; }),
       "multiplier -100 is not SPXW's 100"},
      {"a multiplier of 1e300", with([](ComboOrder& o) { o.legs[1].instrument.multiplier = 1e300; }), "is not SPXW's 100"},
      {"ratio x quantity beyond 32 bits", with([](ComboOrder& o) {
         o.legs[0].ratio = std::numeric_limits<int>::max();
         o.quantity = 4;
       }),
       "exceeds the venue's cap"},
      {"an order above the per-order cap", with([](ComboOrder& o) { o.quantity = 100000; }), "exceeds the venue's cap"},
      {"a strike of 1e308", with([](ComboOrder& o) { o.legs[3].instrument.strike = 1e308; }), "is not listed"},
      {"a strike off the 5-point grid", with([](ComboOrder& o) { o.legs[3].instrument.strike = 5251; }), "not on the 5-point grid"},
      {"a NaN strike", with([](ComboOrder& o) { o.legs[2].instrument.strike = std::numeric_limits<double>::quiet_NaN(); }),
       "not a positive number"},
      {"an expiry that is not listed", with([](ComboOrder& o) { o.legs[0].instrument.expiry = make_date(2024, 3, 23); }),
       "no SPXW expiry on 2024-03-23"},
      {"an expired contract", with([](ComboOrder& o) { o.legs[0].instrument.expiry = make_date(2024, 3, 15); }), "is past"},
      {"an unknown root", with([](ComboOrder& o) { o.legs[0].instrument.root = "SPX"; }), "root 'SPX' is not listed"},
      {"a ratio of zero", with([](ComboOrder& o) { o.legs[0].ratio = 0; }), "ratio 0"},
      {"a negative ratio", with([](ComboOrder& o) { o.legs[0].ratio = -3; }), "ratio -3"},
      {"a future with a strike", with([](ComboOrder& o) { o.legs[0].instrument = vx_future(make_date(2024, 4, 17)); o.legs[0].instrument.strike = 20; }),
       "a VX future has no strike"},
      {"an option marked as a future", with([](ComboOrder& o) { o.legs[0].instrument.kind = InstrumentKind::Future; }),
       "is an option, not a future"},
      {"an infinite limit", with([](ComboOrder& o) { o.limit = std::numeric_limits<double>::infinity(); }), "non-finite limit"},
      {"no legs", with([](ComboOrder& o) { o.legs.clear(); }), "no legs"},
  };
  PaperBroker broker(bundled().market);
  RecordingPublisher pub;
  broker.set_publisher(&pub);
  broker.set_clock({kToday, hhmm(15, 45)});
  int n = 0;
  for (const Case& c : corpus) {
    INFO("case: " << c.name);
    const auto v = broker.on_submit_combo("hostile-" + std::to_string(++n), c.combo);
    CHECK_FALSE(v.accepted);
    CHECK_THAT(v.reason, Catch::Matchers::Contains(c.reason));
  }
  CHECK(pub.fills.empty());
  CHECK(broker.positions().empty());
  CHECK(broker.venue().cash() == 0);
  // The same broker still trades a well-formed order afterwards.
  CHECK(broker.on_submit_combo("fine", condor(kExpiry, "ic:fine")).accepted);
  CHECK(pub.fills.size() == 1);
}

TEST_CASE("the paper broker caps the net position per instrument, counted in 64 bits", "[broker][hostile]") {
  venue::VenueSettings s;
  s.max_order_contracts = 10;
  s.max_position_contracts = 15;
  PaperBroker broker(bundled().market, s);
  broker.set_clock({kToday, hhmm(15, 45)});
  const SingleOrder buy{vix_option(make_date(2024, 4, 17), 20, OptionType::Call), Side::Buy, 10, 1.0, "ladder:front"};
  CHECK(broker.on_submit_order("a", buy).accepted);
  const auto second = broker.on_submit_order("b", buy);
  CHECK_FALSE(second.accepted);
  CHECK_THAT(second.reason, Catch::Matchers::Contains("would exceed the venue's cap of 15"));
  SingleOrder big = buy;
  big.quantity = 11;
  CHECK_THAT(broker.on_submit_order("c", big).reason, Catch::Matchers::Contains("cap of 10 per order"));
  REQUIRE(broker.positions().size() == 1);
  CHECK(broker.positions()[0].quantity == 10);
}

TEST_CASE("a clock jump settles each expiry at its own day's value, not the day jumped to", "[broker][hostile]") {
  PaperBroker broker(bundled().market);
  RecordingPublisher pub;
  broker.set_publisher(&pub);
  broker.set_clock({kToday, hhmm(15, 45)});
  REQUIRE(broker.on_submit_combo("ic", condor(kExpiry, "ic:2024-03-18")).accepted);
  // Jump straight to a week later: the condor expired on the 19th and settles at the 19th's SPX close.
  broker.set_clock({make_date(2024, 3, 26), hhmm(15, 45)});
  REQUIRE(pub.settlements.size() == 4);
  const auto close19 = bundled().market.settlement(spxw_option(kExpiry, 5100, OptionType::Put), kExpiry);
  REQUIRE(close19);
  for (const Settlement& s : pub.settlements) {
    CAPTURE(symbol(s.instrument), s.settlement_price, close19->value);
    CHECK(s.settlement_price == close19->value);
    CHECK(s.date == kExpiry);
  }
  CHECK(broker.positions().empty());
}
