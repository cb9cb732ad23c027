// examples/python_backend.py: a backend written from docs/protocol.md in another language, driven
// by the C++ client. Skipped (with a message) when python3 or pyzmq is missing.
#include <catch2/catch.hpp>

#include <filesystem>

#include <zmq.hpp>

#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"
#include "broker_test_support.hpp"
#include "subprocess.hpp"

using namespace alvh;
using namespace alvh::broker::test;
using namespace std::chrono_literals;
namespace wire = alvh::wire;

namespace {

bool python_has_zmq() {
  if (!std::filesystem::exists(ALVH_PYTHON3)) return false;
  Subprocess probe({ALVH_PYTHON3, "-c", "import zmq"});
  return probe.started() && probe.wait(5000ms) == std::optional<int>(0);
}

template <class T>
std::vector<T> all_of_type(const std::vector<wire::ClientEvent>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const T* x = std::get_if<T>(&e)) out.push_back(*x);
  return out;
}

template <class Done>
std::vector<wire::ClientEvent> pump(wire::ZmqExecutionClient& client, Done done, std::chrono::milliseconds budget = 3000ms) {
  std::vector<wire::ClientEvent> all;
  const auto deadline = std::chrono::steady_clock::now() + budget;
  while (std::chrono::steady_clock::now() < deadline && !done(all))
    for (auto& e : client.poll(5ms)) all.push_back(std::move(e));
  return all;
}

// A bare DEALER for hand-written messages; returns the decoded reply.
std::optional<wire::Envelope> raw_exchange(zmq::context_t& ctx, const std::string& endpoint, const std::string& bytes) {
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.set(zmq::sockopt::linger, 0);
  s.connect(endpoint);
  s.send(zmq::buffer(bytes), zmq::send_flags::none);
  std::vector<zmq::pollitem_t> items{{s.handle(), 0, ZMQ_POLLIN, 0}};
  if (zmq::poll(items, 3000ms) <= 0) return std::nullopt;
  zmq::message_t m;
  if (!s.recv(m, zmq::recv_flags::dontwait)) return std::nullopt;
  auto e = wire::decode_envelope(m.to_string_view(), 1 << 20);
  if (!e) return std::nullopt;
  return e.value();
}

std::string nack_code(const std::optional<wire::Envelope>& e) {
  if (!e || e->type != wire::MessageType::Nack) return "(no nack)";
  auto n = wire::from_json_text<wire::Nack>(e->payload);
  return n ? n.value().code : "(unreadable)";
}

}  // namespace

TEST_CASE("the Python example backend follows protocol v1 as the C++ client speaks it", "[broker][python]") {
  if (!python_has_zmq()) {
    WARN("skipped: " << ALVH_PYTHON3 << " with pyzmq (Debian: python3-zmq) is not available");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("alvh-pybackend-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string command = "ipc://" + (dir / "cmd").string(), event = "ipc://" + (dir / "ev").string();
  Subprocess backend({ALVH_PYTHON3, ALVH_PYTHON_BACKEND, "--command-endpoint", command, "--event-endpoint", event,
                      "--account", "DU1", "--heartbeat-ms", "100"});
  REQUIRE(backend.started());
  const auto ready = backend.read_line(5000ms);
  REQUIRE(ready);
  CHECK(*ready == "ready command=" + command + " event=" + event);

  zmq::context_t ctx;
  wire::ClientConfig cfg;
  cfg.command_endpoint = command;
  cfg.event_endpoint = event;
  cfg.account = "DU1";
  cfg.expected_mode = wire::BackendMode::Paper;
  wire::ZmqExecutionClient client(ctx, cfg);
  client.hello();
  auto events = pump(client, [](const auto& ev) { return !all_of_type<wire::SnapshotReceived>(ev).empty(); });
  REQUIRE(all_of_type<wire::SnapshotReceived>(events).size() == 1);
  REQUIRE(client.session());
  CHECK(client.session()->account == "DU1");

  const ComboOrder order = condor(make_date(2024, 3, 19), "ic:2024-03-18");
  REQUIRE(client.submit_combo("ic-1", order));
  events = pump(client, [](const auto& ev) { return !all_of_type<Fill>(ev).empty() && !all_of_type<wire::CommandAck>(ev).empty(); });
  const auto fills = all_of_type<Fill>(events);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].id == "ic-1");
  CHECK(fills[0].net_price == order.limit);
  CHECK(fills[0].effect == PriceEffect::Credit);
  CHECK(fills[0].legs.size() == 4);
  const auto states = all_of_type<OrderEvent>(events);
  REQUIRE(states.size() == 2);
  CHECK(states[0].state == OrderState::Accepted);
  CHECK(states[1].state == OrderState::Filled);
  CHECK(client.gaps_detected() == 0);

  // Idempotence: the same id answered again, flagged, not filled again (its recorded outcome is
  // re-published: same events, same fill, no new position).
  REQUIRE(client.submit_combo("ic-1", order));
  events = pump(client, [](const auto& ev) { return !all_of_type<wire::CommandAck>(ev).empty(); });
  REQUIRE(all_of_type<wire::CommandAck>(events).size() == 1);
  CHECK(all_of_type<wire::CommandAck>(events)[0].duplicate);
  for (const Fill& f : all_of_type<Fill>(events)) CHECK(f.id == "ic-1");  // only the recorded fill, re-published

  // Invalid order: quantity 0.
  SingleOrder bad = vix_call(make_date(2024, 4, 17), 18, 0, "ladder:mid");
  REQUIRE(client.submit_order("bad-1", bad));
  events = pump(client, [](const auto& ev) { return !all_of_type<wire::CommandNack>(ev).empty(); });
  REQUIRE(all_of_type<wire::CommandNack>(events).size() == 1);
  CHECK(all_of_type<wire::CommandNack>(events)[0].nack.code == "invalid_payload");

  REQUIRE(client.request_snapshot());
  events = pump(client, [](const auto& ev) { return !all_of_type<wire::SnapshotReceived>(ev).empty(); });
  const auto snaps = all_of_type<wire::SnapshotReceived>(events);
  REQUIRE(snaps.size() == 1);
  CHECK(snaps[0].snapshot.positions.size() == 4);
  // 3 events of the fill, then the same 3 re-published for the repeated id (its recorded outcome).
  CHECK(snaps[0].snapshot.sequences.at("exec.DU1") == 6);

  // Bad messages from a bare peer: each gets its nack, the backend keeps serving.
  CHECK(nack_code(raw_exchange(ctx, command, "this is not json")) == "not_json");
  CHECK(nack_code(raw_exchange(ctx, command,
                               R"({"version":2,"type":"heartbeat","id":"x-1","source":"x","seq":1,"send_time":1,"payload":{}})")) ==
        "wrong_version");
  CHECK(nack_code(raw_exchange(ctx, command,
                               R"({"version":1,"type":"teleport","id":"x-2","source":"x","seq":1,"send_time":1,"payload":{}})")) ==
        "unknown_type");
  CHECK(nack_code(raw_exchange(ctx, command,
                               R"({"version":1,"type":"heartbeat","id":"x-3","source":"x","seq":1,"send_time":1,"payload":{}})")) ==
        "hello_required");
  CHECK(nack_code(raw_exchange(ctx, command, R"({"version":1,"type":"heartbeat","id":"x-4","source":"x","payload":{}})")) ==
        "missing_field");

  // Still alive: heartbeats answered, status heartbeats keep the link up.
  events = pump(client, [](const auto&) { return false; }, 300ms);
  CHECK(all_of_type<wire::LinkLost>(events).empty());
  CHECK(client.state() == wire::LinkState::Up);

  CHECK(backend.stop(SIGTERM, 3000ms) == std::optional<int>(0));
  std::filesystem::remove_all(dir);
}
