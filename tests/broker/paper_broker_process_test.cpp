// alvh-paper-broker as a separate process, driven over ipc:// by the C++ protocol client and the
// clock client, the way `alvh paper` drives it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <zmq.hpp>

#include "alvh/broker/broker_app.hpp"
#include "alvh/zmq/clock_client.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"
#include "broker_test_support.hpp"
#include "subprocess.hpp"

using namespace alvh;
using namespace alvh::broker;
using namespace alvh::broker::test;
using alvh::wire::ClockAck;
using alvh::wire::ClockClient;
using namespace std::chrono_literals;

namespace {

struct Endpoints {
  std::filesystem::path dir;
  std::string command, event, clock;
  explicit Endpoints(const std::string& name) {
    dir = std::filesystem::temp_directory_path() / ("alvh-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    command = "ipc://" + (dir / "cmd").string();
    event = "ipc://" + (dir / "ev").string();
    clock = "ipc://" + (dir / "clock").string();
  }
  ~Endpoints() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

std::vector<std::string> broker_argv(const Endpoints& e) {
  return {ALVH_PAPER_BROKER_PATH, "--config", std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml",
          "--data", ALVH_TEST_DATA_DIR, "--command-endpoint", e.command, "--event-endpoint", e.event,
          "--clock-endpoint", e.clock, "--state", (e.dir / "state.jsonl").string(), "--account", "DU1"};
}

alvh::wire::ClientConfig client_config(const Endpoints& e) {
  alvh::wire::ClientConfig c;
  c.command_endpoint = e.command;
  c.event_endpoint = e.event;
  c.account = "DU1";
  c.source = "strat";
  c.expected_mode = alvh::wire::BackendMode::Paper;
  return c;
}

// Polls the client until `done(all events)` or the budget runs out.
template <class Done>
std::vector<alvh::wire::ClientEvent> pump(alvh::wire::ZmqExecutionClient& client, Done done, std::chrono::milliseconds budget = 3000ms) {
  std::vector<alvh::wire::ClientEvent> all;
  const auto deadline = std::chrono::steady_clock::now() + budget;
  while (std::chrono::steady_clock::now() < deadline && !done(all))
    for (auto& e : client.poll(5ms)) all.push_back(std::move(e));
  return all;
}

template <class T>
std::vector<T> all_of_type(const std::vector<alvh::wire::ClientEvent>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const T* x = std::get_if<T>(&e)) out.push_back(*x);
  return out;
}

bool has_snapshot(const std::vector<alvh::wire::ClientEvent>& ev) { return !all_of_type<alvh::wire::SnapshotReceived>(ev).empty(); }

}  // namespace

TEST_CASE("alvh-paper-broker parses its command line: --help exits 0, bad arguments exit 2", "[broker][cli]") {
  std::ostringstream out, err;
  auto help = parse_broker_args({"--help"}, out, err);
  REQUIRE(std::holds_alternative<int>(help));
  CHECK(std::get<int>(help) == 0);
  CHECK_THAT(out.str(), Catch::Matchers::Contains("--clock-endpoint"));
  auto missing = parse_broker_args({"--state", "x"}, out, err);
  REQUIRE(std::holds_alternative<int>(missing));
  CHECK(std::get<int>(missing) == 2);
  auto unknown = parse_broker_args({"--config", std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml", "--bogus"}, out, err);
  REQUIRE(std::holds_alternative<int>(unknown));
  CHECK(std::get<int>(unknown) == 2);
  auto ok = parse_broker_args({"--config", std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml", "--command-endpoint",
                               "ipc:///tmp/x"},
                              out, err);
  REQUIRE(std::holds_alternative<BrokerOptions>(ok));
  CHECK(std::get<BrokerOptions>(ok).command_endpoint == "ipc:///tmp/x");

  Subprocess bad({ALVH_PAPER_BROKER_PATH, "--no-such-flag"});
  REQUIRE(bad.started());
  CHECK(bad.wait(3000ms) == std::optional<int>(2));

  // CURVE needs both halves: the broker's secret key and at least one client allowed in.
  const std::string config = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
  std::ostringstream err2;
  auto lone_secret = parse_broker_args({"--config", config, "--curve-secret-key", "server.key"}, out, err2);
  REQUIRE(std::holds_alternative<int>(lone_secret));
  CHECK(std::get<int>(lone_secret) == 2);
  CHECK_THAT(err2.str(), Catch::Matchers::Contains("--curve-secret-key needs at least one --curve-allowed-key"));
  auto lone_allowed = parse_broker_args({"--config", config, "--curve-allowed-key", "client.pub"}, out, err2);
  REQUIRE(std::holds_alternative<int>(lone_allowed));
  CHECK(std::get<int>(lone_allowed) == 2);
  CHECK_THAT(err2.str(), Catch::Matchers::Contains("--curve-allowed-key needs --curve-secret-key"));
}

TEST_CASE("alvh-paper-broker fills over ZeroMQ at the announced replay time and survives a restart", "[broker][process]") {
  const Endpoints ep("paper-broker");
  zmq::context_t ctx;
  const ComboOrder order = condor(make_date(2024, 3, 19), "ic:2024-03-18");
  std::vector<Position> positions_before;
  {
    Subprocess broker(broker_argv(ep));
    REQUIRE(broker.started());
    const auto ready = broker.read_line(4000ms);
    REQUIRE(ready);
    CHECK_THAT(*ready, Catch::Matchers::StartsWith("ready command=" + ep.command));

    alvh::wire::ZmqExecutionClient client(ctx, client_config(ep));
    ClockClient clock(ctx, ep.clock);
    client.hello();
    auto start = pump(client, has_snapshot);
    REQUIRE(has_snapshot(start));
    REQUIRE(client.session());
    CHECK(client.session()->mode == alvh::wire::BackendMode::Paper);

    const std::string session = client.session()->session;
    // The clock is bound to the broker's session: a stranger's clock is refused and changes nothing.
    const auto stranger = clock.advance({make_date(2024, 3, 18), hhmm(15, 45)}, "someone-else");
    REQUIRE(std::holds_alternative<alvh::wire::Nack>(stranger));
    CHECK_THAT(std::get<alvh::wire::Nack>(stranger).message, Catch::Matchers::Contains("this broker's session"));
    // A clock beyond the data (the replay range) is refused, and is not saved: no wedge after a restart.
    const auto far = clock.advance({make_date(2200, 1, 1), hhmm(15, 45)}, session);
    REQUIRE(std::holds_alternative<alvh::wire::Nack>(far));
    CHECK_THAT(std::get<alvh::wire::Nack>(far).message, Catch::Matchers::Contains("after the last replayed day"));
    const auto reply = clock.advance({make_date(2024, 3, 18), hhmm(15, 45)}, session);
    REQUIRE(std::holds_alternative<ClockAck>(reply));
    CHECK(std::get<ClockAck>(reply).time.minutes == hhmm(15, 45));

    REQUIRE(client.submit_combo("ic-1", order));
    auto events = pump(client, [](const auto& ev) { return !all_of_type<Fill>(ev).empty() && !all_of_type<alvh::wire::CommandAck>(ev).empty(); });
    const auto fills = all_of_type<Fill>(events);
    REQUIRE(fills.size() == 1);
    CHECK(fills[0].id == "ic-1");
    CHECK(fills[0].legs.size() == 4);
    CHECK(fills[0].time == venue::replay_timestamp(make_date(2024, 3, 18), hhmm(15, 45)));

    // The same id again in the same session: the server's record answers, nothing executes.
    REQUIRE(client.submit_combo("ic-1", order));
    events = pump(client, [](const auto& ev) { return !all_of_type<alvh::wire::CommandAck>(ev).empty(); });
    const auto acks = all_of_type<alvh::wire::CommandAck>(events);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].duplicate);

    // A clock that goes backwards is refused.
    const auto back = clock.advance({make_date(2024, 3, 18), hhmm(9, 30)}, session);
    REQUIRE(std::holds_alternative<alvh::wire::Nack>(back));
    CHECK(std::get<alvh::wire::Nack>(back).code == "invalid_payload");

    REQUIRE(client.request_snapshot());
    events = pump(client, has_snapshot);
    const auto snaps = all_of_type<alvh::wire::SnapshotReceived>(events);
    REQUIRE(snaps.size() == 1);
    positions_before = snaps[0].snapshot.positions;
    CHECK(positions_before.size() == 4);

    CHECK(broker.stop(SIGTERM, 3000ms) == std::optional<int>(0));
  }
  {
    Subprocess broker(broker_argv(ep));
    REQUIRE(broker.started());
    const auto ready = broker.read_line(4000ms);
    REQUIRE(ready);
    CHECK_THAT(*ready, Catch::Matchers::Contains("orders=1 positions=4"));
    alvh::wire::ZmqExecutionClient client(ctx, client_config(ep));
    client.hello();
    auto start = pump(client, has_snapshot);
    const auto snaps = all_of_type<alvh::wire::SnapshotReceived>(start);
    REQUIRE(snaps.size() == 1);
    CHECK(snaps[0].snapshot.positions.size() == positions_before.size());

    // The strategy re-sends ic-1 after reconnecting: acked as a duplicate, its recorded outcome
    // (events and fill) published again, not executed again.
    REQUIRE(client.submit_combo("ic-1", order));
    auto events = pump(client, [](const auto& ev) {
      return !all_of_type<alvh::wire::CommandAck>(ev).empty() && !all_of_type<Fill>(ev).empty();
    });
    const auto acks = all_of_type<alvh::wire::CommandAck>(events);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].duplicate);
    const auto orders = all_of_type<OrderEvent>(events);
    REQUIRE(orders.size() == 2);
    CHECK(orders[0].state == OrderState::Accepted);
    CHECK(orders[1].state == OrderState::Filled);
    const auto fills = all_of_type<Fill>(events);
    REQUIRE(fills.size() == 1);
    CHECK(fills[0].id == "ic-1");
    CHECK(fills[0].quantity == orders[1].filled_quantity);
    CHECK(broker.stop(SIGINT, 3000ms) == std::optional<int>(0));
  }
}
