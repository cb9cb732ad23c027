#include "alvh/zmq/curve_keys.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "zmq_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;
using namespace alvh::wire::test;

TEST_CASE("CURVE keys written to Z85 files read back identically") {
  if (!curve_available()) {
    WARN("libzmq built without CURVE");
    return;
  }
  auto dir = std::filesystem::temp_directory_path() / "alvh_zmq_curve_keys";
  std::filesystem::create_directories(dir);
  auto keys = generate_curve_keypair();
  CHECK(keys.public_key.size() == 40);
  write_curve_keypair(keys, dir / "client.key", dir / "client.key_secret");
  CHECK(read_z85_key_file(dir / "client.key") == keys.public_key);
  CHECK(read_z85_key_file(dir / "client.key_secret") == keys.secret_key);
  auto perms = std::filesystem::status(dir / "client.key_secret").permissions();
  CHECK((perms & std::filesystem::perms::others_read) == std::filesystem::perms::none);
  CHECK_THROWS(read_z85_key_file(dir / "missing.key"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("with CURVE on, only a client holding an allowed key gets a session") {
  if (!curve_available()) {
    WARN("libzmq built without CURVE");
    return;
  }
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  auto server_keys = generate_curve_keypair();
  auto allowed = generate_curve_keypair();
  auto stranger = generate_curve_keypair();
  ServerConfig scfg = server_config(clock);
  scfg.curve = CurveServerConfig{server_keys, {allowed.public_key}};
  ZmqBackendServer server(ctx, scfg, handler);

  auto try_client = [&](std::optional<CurveClientConfig> curve, std::chrono::milliseconds budget) {
    ClientConfig c = client_config(server, clock);
    c.curve = std::move(curve);
    ZmqExecutionClient client(ctx, c);
    client.hello();
    pump(server, client, [](const auto& ev) { return has<SessionEstablished>(ev); }, budget);
    return client.state();
  };

  SECTION("a plain client cannot even complete the handshake") {
    CHECK(try_client(std::nullopt, 300ms) == LinkState::Connecting);
    CHECK(server.session_count() == 0);
  }
  SECTION("a CURVE client with a key not on the list is denied by ZAP") {
    CHECK(try_client(CurveClientConfig{stranger, server_keys.public_key}, 300ms) == LinkState::Connecting);
    CHECK(server.rejections().count(RejectReason::AuthDenied) >= 1);
    CHECK(server.session_count() == 0);
  }
  SECTION("the allowed key gets in") {
    CHECK(try_client(CurveClientConfig{allowed, server_keys.public_key}, 1500ms) == LinkState::Up);
    CHECK(server.rejections().count(RejectReason::AuthDenied) == 0);
  }
}
