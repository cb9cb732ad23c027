// Core types <-> ABI structs: round trips, missing values, and validation of what arrives.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "alvh/plugin_abi/abi_error.hpp"
#include "alvh/plugin_abi/from_c.hpp"
#include "alvh/plugin_abi/to_c.hpp"

using namespace alvh;
using namespace alvh::plugin_abi;

namespace {

ComboOrder condor() {
  const Date e = make_date(2024, 3, 14);
  ComboOrder o;
  o.legs = {{spxw_option(e, 5085, OptionType::Put), Side::Buy, 1},
            {spxw_option(e, 5110, OptionType::Put), Side::Sell, 1},
            {spxw_option(e, 5195, OptionType::Call), Side::Sell, 1},
            {spxw_option(e, 5220, OptionType::Call), Side::Buy, 1}};
  o.quantity = 2;
  o.limit = 2.6;
  o.effect = PriceEffect::Credit;
  o.tag = "ic:2024-03-14";
  return o;
}

alvh_status status_of(auto&& f) {
  try {
    f();
  } catch (const AbiError& e) {
    return e.status();
  }
  return ALVH_OK;
}

}  // namespace

TEST_CASE("a combo order survives the round trip core to C to core") {
  const ComboOrder o = condor();
  const CComboOrder c(o);
  CHECK(c.order.leg_count == 4);
  CHECK(c.order.effect == ALVH_CREDIT);
  CHECK(c.order.legs[1].instrument.expiry == 20240314);
  CHECK(c.order.legs[1].instrument.right == ALVH_PUT);
  const ComboOrder back = from_c(&c.order);
  REQUIRE(back.legs.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(back.legs[i].instrument == o.legs[i].instrument);
    CHECK(back.legs[i].side == o.legs[i].side);
    CHECK(back.legs[i].instrument.multiplier == 100);
  }
  CHECK(back.quantity == 2);
  CHECK(back.limit == 2.6);
  CHECK(back.effect == PriceEffect::Credit);
  CHECK(back.tag == o.tag);
}

TEST_CASE("a fill, an order event, a chain and a timer survive the round trip") {
  const Timestamp t = Timestamp{std::chrono::seconds{1710359100}};
  Fill f{"combo-1", 2, 2.55, PriceEffect::Credit, {{spxw_option(make_date(2024, 3, 14), 5110, OptionType::Put), Side::Sell, 2, 1.4}}, 10.0, t};
  const CFill cf(f);
  const Fill fb = from_c(&cf.fill);
  CHECK(fb.id == "combo-1");
  CHECK(fb.legs.size() == 1);
  CHECK(fb.legs[0].price == 1.4);
  CHECK(fb.time == t);

  const OrderEvent e{"combo-1", OrderState::PartiallyFilled, 1, "partial", t};
  const auto ce = to_c(e);
  CHECK(ce.state == ALVH_PARTIALLY_FILLED);
  const OrderEvent eb = from_c(&ce);
  CHECK(eb.state == OrderState::PartiallyFilled);
  CHECK(eb.reason == "partial");

  OptionChainSnapshot chain;
  chain.root = "VIX";
  chain.time = {make_date(2024, 3, 13), hhmm(15, 50)};
  chain.observed = t;
  chain.underlying = 14.5;
  chain.forwards = {{make_date(2024, 4, 17), 15.6}};
  Quote q{vix_option(make_date(2024, 4, 17), 17, OptionType::Call), 1.15, 1.25, t, 0.85, 0.42, std::nullopt};
  chain.quotes = {q};
  const CChainSnapshot cc(chain);
  CHECK(std::isnan(cc.quotes[0].vega));
  const OptionChainSnapshot cb = from_c(&cc.chain);
  CHECK(cb.root == "VIX");
  CHECK(cb.forward_for(make_date(2024, 4, 17)) == 15.6);
  REQUIRE(cb.quotes.size() == 1);
  CHECK(cb.quotes[0].iv == 0.85);
  CHECK_FALSE(cb.quotes[0].vega.has_value());

  const TimerEvent te{7, "vix_ladder.review", {make_date(2024, 3, 13), hhmm(15, 50)}};
  const auto ct = to_c(te);
  const TimerEvent tb = from_c(&ct);
  CHECK(tb.id == 7);
  CHECK(tb.name == "vix_ladder.review");
  CHECK(tb.scheduled == te.scheduled);
}

TEST_CASE("missing index values cross as NaN with their present bit clear, never as zero") {
  IndexValues v;
  v.time = {make_date(2024, 3, 13), hhmm(15, 40)};
  v.spx = 5150.0;
  v.vix = 0.0;  // a present zero stays a value
  const auto c = to_c(v);
  CHECK(c.present_mask == 0b11u);
  CHECK(std::isnan(c.vvix));
  const IndexValues b = from_c(&c);
  CHECK(b.spx == 5150.0);
  CHECK(b.vix == 0.0);
  CHECK_FALSE(b.vvix.has_value());
  CHECK_FALSE(b.vx_front.has_value());
}

TEST_CASE("a null struct is an argument error and a short one an ABI error") {
  CHECK(status_of([] { from_c(static_cast<const alvh_index_values*>(nullptr)); }) == ALVH_ERR_ARGUMENT);
  alvh_index_values v{};
  v.struct_size = sizeof v - 8;
  CHECK(status_of([&] { from_c(&v); }) == ALVH_ERR_ABI);
  const ComboOrder o = condor();
  CComboOrder c(o);
  c.legs[2].instrument.struct_size = 4;
  CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ABI);
}

TEST_CASE("impossible dates, enum values and null strings are argument errors") {
  const ComboOrder o = condor();
  {
    CComboOrder c(o);
    c.legs[0].instrument.expiry = 20240231;
    CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ARGUMENT);
  }
  {
    CComboOrder c(o);
    c.legs[0].side = 7;
    CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ARGUMENT);
  }
  {
    CComboOrder c(o);
    c.order.effect = -1;
    CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ARGUMENT);
  }
  {
    CComboOrder c(o);
    c.legs[3].instrument.root = nullptr;
    CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ARGUMENT);
  }
  {
    CComboOrder c(o);
    c.order.legs = nullptr;
    CHECK(status_of([&] { from_c(&c.order); }) == ALVH_ERR_ARGUMENT);
  }
  alvh_order_event e = to_c(OrderEvent{"x", OrderState::Accepted, 0, "", {}});
  e.state = 99;
  CHECK(status_of([&] { from_c(&e); }) == ALVH_ERR_ARGUMENT);
}

TEST_CASE("an array of longer elements from a newer writer is read with the writer's stride") {
  // A v1.x writer whose alvh_combo_leg carries 16 more bytes at the end.
  struct LongerLeg {
    alvh_combo_leg leg;
    double extra[2];
  };
  const ComboOrder o = condor();
  const CComboOrder c(o);
  LongerLeg legs[4];
  for (int i = 0; i < 4; ++i) {
    legs[i].leg = c.legs[static_cast<std::size_t>(i)];
    legs[i].leg.struct_size = sizeof(LongerLeg);
    legs[i].extra[0] = legs[i].extra[1] = -1;
  }
  alvh_combo_order order = c.order;
  order.legs = &legs[0].leg;
  const ComboOrder back = from_c(&order);
  REQUIRE(back.legs.size() == 4);
  CHECK(back.legs[3].instrument.strike == 5220);
  CHECK(back.legs[3].side == Side::Buy);
}

TEST_CASE("error messages are truncated to the buffer and always NUL-terminated") {
  alvh_error err{};
  const std::string long_message(5000, 'x');
  set_error(&err, ALVH_ERR_CONFIG, long_message.c_str());
  CHECK(err.status == ALVH_ERR_CONFIG);
  CHECK(std::strlen(err.message) == ALVH_ERROR_MESSAGE_CAP - 1);
  set_error(nullptr, ALVH_ERR_CONFIG, "ignored");  // a null err is allowed
  CHECK(std::string(status_name(ALVH_ERR_HOST)) == "ALVH_ERR_HOST");
}
