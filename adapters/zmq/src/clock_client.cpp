#include "alvh/zmq/clock_client.hpp"

#include <zmq.hpp>

#include "alvh/zmq/curve_socket.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace alvh::wire {

struct ClockClient::Impl {
  zmq::socket_t dealer;
  std::string source, prefix;
  std::uint64_t next = 0;

  Impl(zmq::context_t& ctx, const std::string& endpoint, std::string src, const std::optional<CurveClientConfig>& curve)
      : dealer(ctx, zmq::socket_type::dealer), source(std::move(src)) {
    dealer.set(zmq::sockopt::linger, 0);
    if (curve) make_curve_client(dealer, *curve);
    dealer.connect(endpoint);
    prefix = source + "-clock-" + std::to_string(wire::to_wire_ns(wire::system_now())) + "-";
  }
};

ClockClient::ClockClient(zmq::context_t& context, const std::string& endpoint, std::string source,
                         std::optional<CurveClientConfig> curve)
    : impl_(std::make_unique<Impl>(context, endpoint, std::move(source), curve)) {}
ClockClient::~ClockClient() = default;

ClockReply ClockClient::advance(ExchangeTime t, const std::string& session, std::chrono::milliseconds timeout) {
  Impl& s = *impl_;
  const ClockRequest request{s.prefix + std::to_string(++s.next), s.source, t, session};
  const std::string bytes = encode_clock_request(request, s.next, wire::to_wire_ns(wire::system_now()));
  if (!s.dealer.send(zmq::buffer(bytes), zmq::send_flags::dontwait)) return ClockTimeout{};
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ClockTimeout{};
    std::vector<zmq::pollitem_t> items{{s.dealer.handle(), 0, ZMQ_POLLIN, 0}};
    if (zmq::poll(items, left) == 0) continue;
    zmq::message_t m;
    if (!s.dealer.recv(m, zmq::recv_flags::dontwait)) continue;
    auto env = wire::decode_envelope(m.to_string_view());
    if (!env || env.value().correlation_id != request.id) continue;  // a stale answer to a timed-out request
    if (env.value().type == wire::MessageType::Nack) {
      auto n = wire::from_json_text<wire::Nack>(env.value().payload);
      return n ? ClockReply{n.value()} : ClockReply{wire::Nack{"not_json", "unreadable nack", {}, false}};
    }
    auto ack = decode_clock_ack(env.value().payload);
    if (ack) return ack.value();
    return wire::Nack{std::string(wire::to_string(ack.error().reason)), ack.error().detail, {}, false};
  }
}

}  // namespace alvh::wire
