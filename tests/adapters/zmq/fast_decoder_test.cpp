// The order path's decoder (simdjson) must never accept what the general decoder (nlohmann tree)
// rejects, and must read the same values when it accepts: it only exists to be faster.
#include "fast_decoder.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "../../support/fast_decoder_oracle.hpp"
#include "zmq_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;
using alvh::wire::detail::FastDecoder;

namespace {

constexpr std::size_t kMax = 1 << 20;

std::string envelope(MessageType type, const std::string& payload, const std::string& correlation = "") {
  Envelope e;
  e.type = type;
  e.id = "alvh-1710000000000000000-7";
  e.correlation_id = correlation;
  e.source = "alvh";
  e.seq = 7;
  e.send_time_ns = 1710000000123456789;
  e.event_time_ns = 1710000000000000000;
  return detail::encode_envelope_canonical(e, payload);
}

SingleOrder vix_call() {
  return {vix_option(make_date(2024, 4, 17), 22.5, OptionType::Call), Side::Buy, 3, 1.35, "alvh:30d"};
}

std::vector<std::string> valid_messages() {
  return {envelope(MessageType::SubmitCombo, to_json_text(SubmitCombo{"p-1", test::iron_condor()})),
          envelope(MessageType::SubmitOrder, to_json_text(SubmitSingle{"p-2", vix_call()})),
          envelope(MessageType::SubmitOrder, to_json_text(SubmitSingle{"p-3", {vx_future(make_date(2024, 4, 17)), Side::Sell, 1, 15.5, ""}})),
          envelope(MessageType::Cancel, to_json_text(CancelRequest{"p-1"})),
          envelope(MessageType::Ack, to_json_text(OrderAck{"p-1", true}), "alvh-1710000000000000000-6")};
}

std::string general_command(const std::string& bytes) { return oracle::general_reading(bytes, kMax); }
std::optional<std::string> fast_reading(FastDecoder& fast, const std::string& bytes) {
  return oracle::fast_reading(fast, bytes, kMax);
}

}  // namespace

TEST_CASE("the fast decoder reads every order-path message exactly as the general decoder does") {
  FastDecoder fast;
  for (const auto& m : valid_messages()) {
    INFO(m);
    auto f = fast_reading(fast, m);
    REQUIRE(f.has_value());
    CHECK(*f == general_command(m));
  }
}

TEST_CASE("the fast decoder declines what it does not cover and leaves it to the general decoder") {
  FastDecoder fast;
  const std::string combo = valid_messages()[0];
  auto declined = [&](const std::string& m) {
    INFO(m);
    return !fast.command(m, kMax) && !fast.order_ack(m, kMax);
  };
  CHECK(declined(envelope(MessageType::Heartbeat, "{}")));
  CHECK(declined(envelope(MessageType::Hello, to_json_text(Hello{"DU1", {1}, 1000}))));
  CHECK(declined(combo.substr(0, combo.size() - 1)));                       // broken JSON
  CHECK(!fast.command(combo, combo.size() - 1));                             // oversized
  std::string v2 = combo;
  v2.replace(v2.find("\"version\":1"), 11, "\"version\":2");
  CHECK(declined(v2));                                                       // wrong version
  std::string ratio = combo;
  ratio.replace(ratio.find("\"ratio\":1"), 9, "\"ratio\":1.0");
  CHECK(declined(ratio));                                                    // 1.0 is not an integer
  CHECK(general_command(ratio).empty());
  std::string ack_extra = envelope(MessageType::Ack, R"({"client_order_id":"p-1","duplicate":false,"note":"x"})", "c");
  CHECK(!fast.order_ack(ack_extra, kMax));                                   // its payload text would differ
}

TEST_CASE("a repeated key reads as its last value on both decoders") {
  FastDecoder fast;
  std::string combo = valid_messages()[0];
  combo.replace(combo.find("\"limit\":"), 8, "\"limit\":9.75,\"limit\":");
  INFO(combo);
  auto f = fast_reading(fast, combo);
  REQUIRE(f.has_value());
  CHECK(*f == general_command(combo));
  CHECK_THAT(*f, Catch::Matchers::Contains("\"limit\":3.45"));
}

// Random damage to valid messages: whatever the fast decoder accepts, the general decoder accepts
// with the same reading. Seeded, so a failure reproduces.
TEST_CASE("on 20000 damaged messages the fast decoder never accepts what the general decoder rejects") {
  FastDecoder fast;
  std::mt19937 rng(20261125);
  const std::string alphabet = "{}[]\":,0123456789.-+eE ntrufalsx\\";
  const auto messages = valid_messages();
  int accepted = 0, compared = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string m = messages[rng() % messages.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits && !m.empty(); ++k) {
      const std::size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0: m.erase(at, 1); break;
        case 1: m[at] = alphabet[rng() % alphabet.size()]; break;
        default: m.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
    }
    auto f = fast_reading(fast, m);
    if (!f) continue;
    ++accepted;
    const std::string g = general_command(m);
    INFO("case " << n << ": " << m);
    REQUIRE(!g.empty());
    REQUIRE(*f == g);
    ++compared;
  }
  INFO(accepted << " of 20000 damaged messages were still valid and read alike");
  CHECK(compared == accepted);
  CHECK(accepted > 0);
}

TEST_CASE("order payload text is written exactly as the json tree would dump it") {
  const std::vector<std::string> texts{to_json_text(SubmitCombo{"p-1", test::iron_condor()}),
                                       to_json_text(SubmitSingle{"p-2", vix_call()}),
                                       to_json_text(SubmitSingle{"p-é\"\\", {vx_future(make_date(2024, 4, 17)), Side::Sell, 1, 1e-7, "t\n"}}),
                                       to_json_text(CancelRequest{"p-1"}), to_json_text(OrderAck{"p-1", false}),
                                       envelope(MessageType::SubmitCombo, to_json_text(SubmitCombo{"p-1", test::iron_condor()}))};
  for (const auto& t : texts) {
    INFO(t);
    CHECK(nlohmann::json::parse(t).dump() == t);
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> price(0.0, 20000.0);
  for (int n = 0; n < 2000; ++n) {
    ComboOrder o = test::iron_condor();
    o.limit = price(rng) / static_cast<double>(1 + rng() % 1000);
    o.legs[0].instrument.strike = price(rng);
    const std::string t = to_json_text(o);
    INFO(t);
    REQUIRE(nlohmann::json::parse(t).dump() == t);
    REQUIRE(from_json_text<ComboOrder>(t).value().limit == o.limit);
  }
}
