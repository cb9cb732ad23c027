// The chains alvh-feed publishes with each day: the backtest option model's chains at the index time,
// sent as protocol-v1 `chain` messages that alvh::wire decodes.
#include <catch2/catch.hpp>

#include <zmq.hpp>

#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/feed/feed_days.hpp"
#include "alvh/feed/model_chains.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "../support/feed_test_support.hpp"

using namespace alvh;
using namespace alvh::feed;
using namespace alvh::wire;

TEST_CASE("the modelled chains of a 2024 day hold the SPXW 1DTE expiry and the listed VX expiries at 15:40") {
  auto history = try_load_market_history(ALVH_TEST_DATA_DIR);
  REQUIRE(history.ok());
  const DailyPanel panel = build_daily_panel(history.value());
  const auto days = feed_days(panel, nullptr, make_date(2024, 3, 6), make_date(2024, 3, 6), 9 * 60 + 30);
  REQUIRE(days.size() == 1);
  const QuantLibPricer pricer;
  const NyseCalendar calendar;
  const ModelChains chains(calendar, pricer);
  const auto got = chains(days.front());
  REQUIRE(got.size() == 2);
  const OptionChainSnapshot& spxw = got[0];
  const OptionChainSnapshot& vix = got[1];
  CAPTURE(spxw.quotes.size(), vix.quotes.size(), spxw.underlying, vix.underlying);
  CHECK(spxw.root == "SPXW");
  CHECK(spxw.time == ExchangeTime{make_date(2024, 3, 6), 15 * 60 + 40});
  CHECK(spxw.underlying == days.front().row.spx.close);
  REQUIRE(spxw.forwards.size() == 1);
  CHECK(spxw.forwards[0].expiry == make_date(2024, 3, 7));  // 1DTE: Thursday's SPXW
  REQUIRE_FALSE(spxw.quotes.empty());
  for (const Quote& q : spxw.quotes) CHECK(q.instrument.expiry == make_date(2024, 3, 7));
  CHECK(vix.root == "VIX");
  REQUIRE_FALSE(vix.quotes.empty());
  CHECK(vix.forwards.size() >= 2);
  for (const auto& f : vix.forwards) CHECK(f.expiry >= make_date(2024, 3, 6));
}

TEST_CASE("chains go out after their day as v1 chain messages numbered per chain topic") {
  zmq::context_t ctx;
  FeedSettings s;
  s.pub_endpoint = "inproc://chains-pub";
  s.snapshot_endpoint = "inproc://chains-snap";
  s.chains = [](const FeedDay& d) {
    OptionChainSnapshot c;
    c.root = "SPXW";
    c.time = {d.row.date, 15 * 60 + 40};
    c.underlying = *d.row.spx.close;
    Quote q;
    q.instrument = Instrument{InstrumentKind::Option, "SPXW", add_days(d.row.date, 1), 5000, OptionType::Put, 100};
    q.bid = 1.0;
    q.ask = 1.2;
    c.quotes.push_back(q);
    return std::vector<OptionChainSnapshot>{c};
  };
  const auto days = test::synthetic_days(3);
  // Subscribed and connected before the feed binds: inproc hands a waiting subscription to the
  // PUB as it binds, so nothing the feed publishes can miss it (no slow-joiner sleep).
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(s.pub_endpoint);
  FeedPublisher feed(ctx, s, days);
  feed.poll(std::chrono::milliseconds(0));
  std::vector<std::string> topics;
  std::uint64_t expect_chain_seq = 1;
  zmq::message_t topic, body;
  // Three days with a chain each, then end_of_data: 7 messages, polled for until they are all in.
  const auto next = [&] {
    return test::poll_until([&] { return sub.recv(topic, zmq::recv_flags::dontwait).has_value(); },
                            std::chrono::seconds(5), std::chrono::milliseconds(1));
  };
  while (topics.size() < 7 && next()) {
    REQUIRE(sub.recv(body, zmq::recv_flags::none));
    topics.push_back(topic.to_string());
    if (topic.to_string() != "chain.SPXW") continue;
    auto env = alvh::wire::decode_envelope(body.to_string_view());  // a plain v1 message
    INFO(body.to_string());
    REQUIRE(env.ok());
    CHECK(env.value().type == alvh::wire::MessageType::Chain);
    CHECK(env.value().seq == expect_chain_seq++);
    auto chain = alvh::wire::from_json_text<OptionChainSnapshot>(env.value().payload);
    REQUIRE(chain.ok());
    CHECK(chain.value().quotes.size() == 1);
  }
  CHECK(topics == std::vector<std::string>{"md.day", "chain.SPXW", "md.day", "chain.SPXW", "md.day", "chain.SPXW", "md.day"});
}
