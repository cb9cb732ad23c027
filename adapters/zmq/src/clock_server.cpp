#include "alvh/zmq/clock_server.hpp"

#include <iterator>
#include <stdexcept>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "alvh/zmq/curve_socket.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace alvh::wire {

namespace {
constexpr int kMaxMessagesPerPoll = 1000;
constexpr std::size_t kMaxMessageBytes = 64 * 1024;
}  // namespace

struct ClockServer::Impl {
  zmq::socket_t router;
  std::string source, bound;
  ClockHandler handler;
  wire::RejectionCounters rejections;
  std::uint64_t next_id = 0;

  Impl(zmq::context_t& ctx, const std::string& endpoint, std::string src, ClockHandler h,
       const std::optional<std::string>& curve_secret_key)
      : router(ctx, zmq::socket_type::router), source(std::move(src)), handler(std::move(h)) {
    router.set(zmq::sockopt::linger, 0);
    if (curve_secret_key) make_curve_server(router, *curve_secret_key);
    router.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(4 * kMaxMessageBytes));
    router.bind(endpoint);
    bound = router.get(zmq::sockopt::last_endpoint);
  }

  void reply(const std::string& identity, bool delimiter, wire::MessageType type, const std::string& correlation,
             const std::string& payload) {
    wire::Envelope e;
    e.type = type;
    e.id = source + "-clock-" + std::to_string(++next_id);
    e.correlation_id = correlation;
    e.source = source;
    e.seq = next_id;
    e.send_time_ns = e.event_time_ns = wire::to_wire_ns(wire::system_now());
    e.payload = payload;
    const std::string bytes = wire::encode_envelope(e);
    router.send(zmq::buffer(identity), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (delimiter) router.send(zmq::message_t{}, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
  }

  void nack(const std::string& identity, bool delimiter, wire::RejectReason r, std::string message,
            const std::string& correlation) {
    rejections.add(r);
    reply(identity, delimiter, wire::MessageType::Nack, correlation,
          wire::to_json_text(wire::Nack{std::string(wire::to_string(r)), std::move(message), {}, false}));
  }

  void handle(std::vector<zmq::message_t>& frames) {
    if (frames.empty()) return;
    const std::string identity(frames[0].to_string_view());
    const zmq::message_t* body = nullptr;
    bool delimiter = false;
    if (frames.size() == 2) {
      body = &frames[1];
    } else if (frames.size() == 3 && frames[1].size() == 0) {
      delimiter = true;
      body = &frames[2];
    } else {
      nack(identity, false, wire::RejectReason::BadFrames, "expected one envelope frame after the routing id", {});
      return;
    }
    auto request = decode_clock_request(body->to_string_view(), kMaxMessageBytes);
    if (!request) {
      nack(identity, delimiter, request.error().reason, request.error().detail, request.error().message_id);
      return;
    }
    try {
      const ClockAck ack = handler(request.value());
      reply(identity, delimiter, wire::MessageType::Ack, request.value().id, encode_clock_ack(ack));
    } catch (const std::invalid_argument& x) {
      nack(identity, delimiter, wire::RejectReason::InvalidPayload, x.what(), request.value().id);
    } catch (const std::exception& x) {
      nack(identity, delimiter, wire::RejectReason::HandlerError, x.what(), request.value().id);
    }
  }

  int drain() {
    int handled = 0;
    std::vector<zmq::message_t> frames;
    while (handled < kMaxMessagesPerPoll) {
      frames.clear();
      if (!zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
      handle(frames);
      ++handled;
    }
    return handled;
  }
};

ClockServer::ClockServer(zmq::context_t& context, const std::string& endpoint, std::string source,
                         ClockHandler handler, std::optional<std::string> curve_secret_key)
    : impl_(std::make_unique<Impl>(context, endpoint, std::move(source), std::move(handler), curve_secret_key)) {}
ClockServer::~ClockServer() = default;

std::string ClockServer::endpoint() const { return impl_->bound; }

int ClockServer::poll(std::chrono::milliseconds timeout) {
  int handled = impl_->drain();
  if (handled == 0 && timeout.count() > 0) {
    std::vector<zmq::pollitem_t> items{{impl_->router.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, timeout);
    handled = impl_->drain();
  }
  return handled;
}

const wire::RejectionCounters& ClockServer::rejections() const { return impl_->rejections; }

}  // namespace alvh::wire
