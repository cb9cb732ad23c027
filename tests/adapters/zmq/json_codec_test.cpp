#include "alvh/zmq/json_codec.hpp"

#include <catch2/catch.hpp>

#include "zmq_test_support.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
using namespace alvh::wire;
using alvh::wire::test::iron_condor;
using alvh::wire::test::test_expiry;

namespace {
template <class T>
T round_trip(const T& value) {
  std::string text = to_json_text(value);
  INFO(text);
  auto back = from_json_text<T>(text);
  if (!back) FAIL(back.error().detail);
  return back.value();
}
Timestamp ts(long long s) { return Timestamp{std::chrono::seconds{s}}; }
}  // namespace

TEST_CASE("a four-leg combo order round-trips through JSON") {
  ComboOrder o = iron_condor();
  ComboOrder b = round_trip(o);
  REQUIRE(b.legs.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(b.legs[i].instrument == o.legs[i].instrument);
    CHECK(b.legs[i].instrument.multiplier == 100);
    CHECK(b.legs[i].side == o.legs[i].side);
    CHECK(b.legs[i].ratio == 1);
  }
  CHECK(b.quantity == 2);
  CHECK(b.limit == 3.45);
  CHECK(b.effect == PriceEffect::Credit);
  CHECK(b.tag == "ic:2024-03-14");
}

TEST_CASE("single orders, futures instruments and positions round-trip through JSON") {
  SingleOrder s{vix_option(make_date(2024, 4, 17), 14.5, OptionType::Call), Side::Buy, 10, 1.25, "ladder:front"};
  SingleOrder sb = round_trip(s);
  CHECK(sb.instrument == s.instrument);
  CHECK(sb.instrument.strike == 14.5);
  CHECK(sb.quantity == 10);
  CHECK(sb.limit == 1.25);
  CHECK(sb.side == Side::Buy);

  Instrument fut = vx_future(make_date(2024, 4, 17));
  Instrument fb = round_trip(fut);
  CHECK(fb == fut);
  CHECK(fb.multiplier == 1000);

  Position p{spxw_option(test_expiry(), 5050, OptionType::Put), -2, 1.8, "ic:1"};
  Position pb = round_trip(p);
  CHECK(pb.instrument == p.instrument);
  CHECK(pb.quantity == -2);
  CHECK(pb.average_price == 1.8);
  CHECK(pb.tag == "ic:1");
}

TEST_CASE("order events, fills and settlements round-trip through JSON with second-resolution times") {
  OrderEvent e{"ic-1", OrderState::PartiallyFilled, 1, "", ts(1710442800)};
  OrderEvent eb = round_trip(e);
  CHECK(eb.id == "ic-1");
  CHECK(eb.state == OrderState::PartiallyFilled);
  CHECK(eb.filled_quantity == 1);
  CHECK(eb.time == e.time);

  Fill f;
  f.id = "ic-1";
  f.quantity = 1;
  f.net_price = 3.4;
  f.effect = PriceEffect::Credit;
  for (const auto& l : iron_condor().legs) f.legs.push_back({l.instrument, l.side, 1, 2.0});
  f.commission = 2.6;
  f.time = ts(1710442801);
  Fill fb = round_trip(f);
  CHECK(fb.id == f.id);
  CHECK(fb.net_price == 3.4);
  CHECK(fb.effect == PriceEffect::Credit);
  REQUIRE(fb.legs.size() == 4);
  CHECK(fb.legs[3].instrument == f.legs[3].instrument);
  CHECK(fb.commission == 2.6);
  CHECK(fb.time == f.time);

  Settlement s{spxw_option(test_expiry(), 5050, OptionType::Put), test_expiry(), 5123.4, -2, -0.0};
  Settlement sb = round_trip(s);
  CHECK(sb.instrument == s.instrument);
  CHECK(sb.date == test_expiry());
  CHECK(sb.settlement_price == 5123.4);
  CHECK(sb.quantity == -2);
}

TEST_CASE("quotes keep absent greeks absent and chains keep forwards through JSON") {
  Quote q{vix_option(make_date(2024, 4, 17), 15, OptionType::Call), 1.1, 1.2, ts(1710442800), 0.85, 0.45,
          std::nullopt};
  Quote qb = round_trip(q);
  CHECK(qb.instrument == q.instrument);
  CHECK(qb.bid == 1.1);
  CHECK(qb.ask == 1.2);
  CHECK(qb.iv == 0.85);
  CHECK(qb.delta == 0.45);
  CHECK_FALSE(qb.vega.has_value());

  OptionChainSnapshot c;
  c.root = "VIX";
  c.time = {make_date(2024, 3, 14), 945};
  c.observed = ts(1710445500);
  c.underlying = 14.4;
  c.forwards = {{make_date(2024, 4, 17), 15.1}};
  c.quotes = {q};
  auto cb = round_trip(c);
  CHECK(cb.root == "VIX");
  CHECK(cb.time == c.time);
  CHECK(cb.forward_for(make_date(2024, 4, 17)) == 15.1);
  REQUIRE(cb.quotes.size() == 1);
  CHECK(cb.quotes[0].instrument == q.instrument);
}

TEST_CASE("a snapshot with open orders and stream sequence numbers round-trips through JSON") {
  BackendSnapshot s;
  s.account = "DU123";
  s.positions = {{spxw_option(test_expiry(), 5050, OptionType::Put), -1, 2.0, "ic"}};
  Order o;
  o.id = "ic-1";
  o.combo = iron_condor();
  o.state = OrderState::Accepted;
  s.open_orders = {o};
  s.sequences = {{"exec.DU123", 42}, {"md.SPXW", 7}};
  auto b = round_trip(s);
  CHECK(b.account == "DU123");
  REQUIRE(b.open_orders.size() == 1);
  CHECK(b.open_orders[0].combo.has_value());
  CHECK_FALSE(b.open_orders[0].single.has_value());
  CHECK(b.open_orders[0].quantity() == 2);
  CHECK(b.sequences.at("exec.DU123") == 42);
  CHECK(b.positions.size() == 1);
}

TEST_CASE("payload decoding names the field and reason when a type or field is wrong") {
  auto missing = from_json_text<ComboOrder>(R"({"legs":[],"limit":1,"effect":"credit"})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().reason == RejectReason::MissingField);
  CHECK_THAT(missing.error().detail, Contains("quantity"));

  auto fractional = from_json_text<ComboOrder>(R"({"legs":[],"quantity":1.5,"limit":1,"effect":"credit"})");
  REQUIRE_FALSE(fractional.ok());
  CHECK(fractional.error().reason == RejectReason::WrongType);

  auto bad_enum = from_json_text<ComboOrder>(R"({"legs":[],"quantity":1,"limit":1,"effect":"free"})");
  REQUIRE_FALSE(bad_enum.ok());
  CHECK(bad_enum.error().reason == RejectReason::WrongType);

  auto bad_date = from_json_text<Instrument>(
      R"({"kind":"option","root":"SPXW","expiry":"2024-02-30","strike":1,"right":"put","multiplier":100})");
  REQUIRE_FALSE(bad_date.ok());
  CHECK(bad_date.error().reason == RejectReason::WrongType);

  auto not_json = from_json_text<Quote>("{oops");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().reason == RejectReason::NotJson);
}
