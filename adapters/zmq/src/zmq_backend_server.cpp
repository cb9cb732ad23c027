#include "alvh/zmq/zmq_backend_server.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <stdexcept>
#include <type_traits>
#include <variant>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "alvh/zmq/curve_socket.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/topics.hpp"
#include "alvh/zmq/zap_authenticator.hpp"
#include "envelope_codec.hpp"
#include "fast_decoder.hpp"
#include "json_codec_tree.hpp"
#include "socket_setup.hpp"

namespace alvh::wire {

using detail::DecodedEnvelope;
using detail::from_json_value;

namespace {

constexpr int kMaxMessagesPerPoll = 1000;                        // keeps timers running under load
constexpr std::size_t kMaxClientOrderIdLength = 128;

std::int64_t ns_of(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::string message_to_string(const zmq::message_t& m) { return std::string(m.to_string_view()); }

// Structural checks the wire types cannot express (core orders.hpp: 2..4 legs, positive sizes).
std::optional<std::string> invalid_reason(const ClientOrderId& id) {
  if (id.empty()) return "client_order_id is empty";
  if (id.size() > kMaxClientOrderIdLength) return "client_order_id longer than 128 characters";
  return std::nullopt;
}
std::optional<std::string> invalid_reason(const ComboOrder& o) {
  if (o.legs.size() < 2 || o.legs.size() > 4) return "a combo needs 2 to 4 legs";
  for (const auto& l : o.legs)
    if (l.ratio < 1) return "leg ratio must be >= 1";
  if (o.quantity <= 0) return "quantity must be > 0";
  if (!(o.limit > 0)) return "limit must be > 0 (net price magnitude; the effect gives the sign)";
  return std::nullopt;
}
std::optional<std::string> invalid_reason(const SingleOrder& o) {
  if (o.quantity <= 0) return "quantity must be > 0";
  if (!(o.limit > 0)) return "limit must be > 0";
  return std::nullopt;
}

}  // namespace

struct ZmqBackendServer::Impl {
  struct Session {
    std::string source;
    WireTime last_seen{};
  };
  // The first answer given to a client order id, replayed for duplicates.
  struct StoredReply {
    MessageType type = MessageType::Ack;
    std::string payload;
  };
  // Where a command came from, so its reply can be routed back.
  struct Origin {
    std::string identity;
    bool delimiter = false;  // REQ-style peers put an empty frame before the envelope
    std::string message_id;
  };

  ServerConfig cfg;
  BackendHandler& handler;
  zmq::socket_t router;
  zmq::socket_t pub;
  std::optional<ZapAuthenticator> zap;
  std::string command_ep, event_ep, session;
  RejectionCounters rejections;
  std::uint64_t duplicates = 0;
  std::map<std::string, std::uint64_t, std::less<>> sequences;
  std::map<std::string, Session> sessions;  // by routing identity
  std::map<ClientOrderId, StoredReply> submits;
  std::uint64_t next_id = 0;
  std::uint64_t reply_seq = 0;
  WireTime last_heartbeat{};
  detail::FastDecoder fast;  // the order path's commands; everything else takes the general decoder

  Impl(zmq::context_t& ctx, ServerConfig c, BackendHandler& h)
      : cfg(std::move(c)), handler(h), router(ctx, zmq::socket_type::router), pub(ctx, zmq::socket_type::pub) {
    if (!cfg.now) cfg.now = system_now;
    if (cfg.transport_max_message_bytes == 0) cfg.transport_max_message_bytes = 4 * cfg.max_message_bytes;
    session = cfg.source + "-" + std::to_string(to_wire_ns(cfg.now()));
    last_heartbeat = cfg.now();

    detail::common_options(router, cfg.send_hwm, cfg.receive_hwm, cfg.transport_max_message_bytes);
    detail::common_options(pub, cfg.send_hwm, cfg.receive_hwm, cfg.transport_max_message_bytes);
    if (cfg.curve) {
      // The ZAP handler must exist before any client can start a handshake.
      zap.emplace(ctx, cfg.curve->allowed_client_keys);
      for (auto* s : {&router, &pub}) make_curve_server(*s, cfg.curve->server.secret_key);
    }
    router.bind(cfg.command_endpoint);
    pub.bind(cfg.event_endpoint);
    command_ep = detail::last_endpoint(router);
    event_ep = detail::last_endpoint(pub);
  }

  std::string new_id() { return session + "-" + std::to_string(++next_id); }

  // `payload` is to_json_text output or "{}": spliced into the envelope as it is.
  void send_reply(const Origin& to, MessageType type, std::string_view payload) {
    Envelope e;
    e.type = type;
    e.id = new_id();
    e.correlation_id = to.message_id;
    e.source = cfg.source;
    e.seq = ++reply_seq;
    e.send_time_ns = e.event_time_ns = to_wire_ns(cfg.now());
    std::string bytes = detail::encode_envelope_canonical(e, payload);
    // dontwait everywhere: a slow or vanished peer must never block the loop (ROUTER drops instead).
    router.send(zmq::buffer(to.identity), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (to.delimiter) router.send(zmq::message_t{}, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
  }

  void reject(const Origin& to, RejectReason reason, std::string message, ClientOrderId id = {}) {
    rejections.add(reason);
    send_reply(to, MessageType::Nack,
               to_json_text(Nack{std::string(to_string(reason)), std::move(message), std::move(id), false}));
  }

  void handle_router_message(std::vector<zmq::message_t>& frames) {
    Origin origin;
    if (frames.empty()) return;
    origin.identity = message_to_string(frames[0]);
    const zmq::message_t* body = nullptr;
    if (frames.size() == 2) {
      body = &frames[1];
    } else if (frames.size() == 3 && frames[1].size() == 0) {
      origin.delimiter = true;
      body = &frames[2];
    } else {
      reject(origin, RejectReason::BadFrames,
             "expected one envelope frame after the routing id, got " + std::to_string(frames.size() - 1));
      return;
    }
    if (auto fast_cmd = fast.command(body->to_string_view(), cfg.max_message_bytes)) {
      origin.message_id = fast_cmd->header.id;
      if (!has_session(origin)) return;
      std::visit([&](const auto& c) { act(origin, c); }, fast_cmd->command);
      return;
    }
    auto decoded = detail::decode_envelope_tree(body->to_string_view(), cfg.max_message_bytes);
    if (!decoded) {
      origin.message_id = decoded.error().message_id;
      reject(origin, decoded.error().reason, decoded.error().detail);
      return;
    }
    const DecodedEnvelope& env = decoded.value();
    const MessageType type = env.header.type;
    origin.message_id = env.header.id;
    if (!is_command(type)) {
      reject(origin, RejectReason::UnknownType, "'" + std::string(to_string(type)) + "' is not a command");
      return;
    }
    if (type == MessageType::Hello) {
      handle_hello(origin, env);
      return;
    }
    if (!has_session(origin)) return;
    switch (type) {
      case MessageType::Heartbeat: send_reply(origin, MessageType::Ack, "{}"); return;
      case MessageType::SubmitCombo: handle_submit<SubmitCombo>(origin, env); return;
      case MessageType::SubmitOrder: handle_submit<SubmitSingle>(origin, env); return;
      case MessageType::Cancel: handle_cancel(origin, env); return;
      case MessageType::SnapshotRequest: handle_snapshot(origin); return;
      default: reject(origin, RejectReason::UnknownType, "unhandled command"); return;
    }
  }

  // Every command but hello needs a session; its use keeps the session alive.
  bool has_session(const Origin& origin) {
    auto s = sessions.find(origin.identity);
    if (s == sessions.end()) {
      reject(origin, RejectReason::HelloRequired, "no session: send hello first");
      return false;
    }
    s->second.last_seen = cfg.now();
    return true;
  }

  void handle_hello(const Origin& origin, const DecodedEnvelope& env) {
    auto hello = from_json_value<Hello>(env.payload);
    if (!hello) {
      reject(origin, hello.error().reason, "hello: " + hello.error().detail);
      return;
    }
    const auto& h = hello.value();
    if (std::find(h.versions.begin(), h.versions.end(), kProtocolVersion) == h.versions.end()) {
      reject(origin, RejectReason::UnsupportedVersion, "backend speaks protocol version 1 only");
      return;
    }
    if (!cfg.account.empty() && !h.account.empty() && h.account != cfg.account) {
      reject(origin, RejectReason::WrongAccount, "backend trades account '" + cfg.account + "'");
      return;
    }
    sessions[origin.identity] = Session{env.header.source, cfg.now()};
    HelloAck ack{kProtocolVersion, cfg.account, cfg.mode, session, cfg.heartbeat_interval.count()};
    send_reply(origin, MessageType::Ack, to_json_text(ack));
    try {
      handler.on_session_open(env.header.source);
    } catch (...) {  // a notification; its failure must not affect the session
    }
  }

  template <class Submit>
  void handle_submit(const Origin& origin, const DecodedEnvelope& env) {
    auto cmd = from_json_value<Submit>(env.payload);
    if (!cmd) {
      reject(origin, cmd.error().reason, cmd.error().detail);
      return;
    }
    act(origin, cmd.value());
  }

  template <class Submit>
    requires std::is_same_v<Submit, SubmitCombo> || std::is_same_v<Submit, SubmitSingle>
  void act(const Origin& origin, const Submit& c) {
    if (auto why = invalid_reason(c.client_order_id)) {
      reject(origin, RejectReason::InvalidPayload, *why, c.client_order_id);
      return;
    }
    if (auto prior = submits.find(c.client_order_id); prior != submits.end()) {
      // Idempotence: the same answer again, flagged; the handler is not called a second time.
      ++duplicates;
      if (prior->second.type == MessageType::Ack) {
        send_reply(origin, MessageType::Ack, to_json_text(OrderAck{c.client_order_id, true}));
        try {
          handler.on_duplicate(c.client_order_id);
        } catch (...) {  // the answer is given; re-publishing is a courtesy
        }
      } else {
        auto n = from_json_text<Nack>(prior->second.payload).value();
        n.duplicate = true;
        send_reply(origin, MessageType::Nack, to_json_text(n));
      }
      return;
    }
    if (auto why = invalid_reason(c.order)) {
      reject(origin, RejectReason::InvalidPayload, *why, c.client_order_id);
      return;
    }
    CommandVerdict verdict;
    try {
      if constexpr (std::is_same_v<Submit, SubmitCombo>)
        verdict = handler.on_submit_combo(c.client_order_id, c.order);
      else
        verdict = handler.on_submit_order(c.client_order_id, c.order);
    } catch (const std::exception& x) {
      reject(origin, RejectReason::HandlerError, x.what(), c.client_order_id);
      return;
    } catch (...) {
      reject(origin, RejectReason::HandlerError, "unknown exception", c.client_order_id);
      return;
    }
    if (verdict.duplicate) ++duplicates;
    if (verdict.accepted) {
      std::string payload = to_json_text(OrderAck{c.client_order_id, verdict.duplicate});
      submits[c.client_order_id] = {MessageType::Ack, payload};
      send_reply(origin, MessageType::Ack, payload);
    } else {
      rejections.add(RejectReason::Rejected);
      std::string payload = to_json_text(
          Nack{std::string(to_string(RejectReason::Rejected)), verdict.reason, c.client_order_id, verdict.duplicate});
      submits[c.client_order_id] = {MessageType::Nack, payload};
      send_reply(origin, MessageType::Nack, payload);
    }
  }

  void handle_cancel(const Origin& origin, const DecodedEnvelope& env) {
    auto cmd = from_json_value<CancelRequest>(env.payload);
    if (!cmd) {
      reject(origin, cmd.error().reason, cmd.error().detail);
      return;
    }
    act(origin, cmd.value());
  }

  void act(const Origin& origin, const CancelRequest& cancel) {
    const auto& id = cancel.client_order_id;
    if (auto why = invalid_reason(id)) {
      reject(origin, RejectReason::InvalidPayload, *why, id);
      return;
    }
    CommandVerdict verdict;
    try {
      verdict = handler.on_cancel(id);
    } catch (const std::exception& x) {
      reject(origin, RejectReason::HandlerError, x.what(), id);
      return;
    } catch (...) {
      reject(origin, RejectReason::HandlerError, "unknown exception", id);
      return;
    }
    if (verdict.accepted)
      send_reply(origin, MessageType::Ack, to_json_text(OrderAck{id, false}));
    else
      reject(origin, RejectReason::Rejected, verdict.reason, id);
  }

  void handle_snapshot(const Origin& origin) {
    BackendSnapshot snap;
    try {
      snap = handler.on_snapshot();
    } catch (const std::exception& x) {
      reject(origin, RejectReason::HandlerError, x.what());
      return;
    } catch (...) {
      reject(origin, RejectReason::HandlerError, "unknown exception");
      return;
    }
    snap.account = cfg.account;
    // Taken in the same loop turn as the state: every event after these numbers is newer.
    snap.sequences.clear();
    for (const auto& [topic, seq] : sequences) snap.sequences[topic] = seq;
    send_reply(origin, MessageType::Ack, to_json_text(snap));
  }

  // Reads what is waiting on the router; poll() calls this only when it is reported ready
  // (a failed non-blocking read still costs libzmq system calls on the order path).
  int drain_router() {
    int handled = 0;
    std::vector<zmq::message_t> frames;
    while (handled < kMaxMessagesPerPoll) {
      frames.clear();
      if (!zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
      handle_router_message(frames);
      ++handled;
    }
    return handled;
  }

  void timers() {
    WireTime now = cfg.now();
    if (now - last_heartbeat >= cfg.heartbeat_interval) {
      last_heartbeat = now;
      std::string payload = std::string(R"({"session":")") + session + R"(","mode":")" +
                            (cfg.mode == BackendMode::Live ? "live" : "paper") + "\"}";
      publish(kStatusTopic, MessageType::Heartbeat, payload, now);
    }
    for (auto it = sessions.begin(); it != sessions.end();) {
      if (now - it->second.last_seen > cfg.session_timeout) {
        std::string source = it->second.source;
        it = sessions.erase(it);
        try {
          handler.on_session_lost(source);
        } catch (...) {
        }
      } else {
        ++it;
      }
    }
  }

  // `canonical`: payload is to_json_text output and is spliced as it is; otherwise (the public
  // publish() and the heartbeat) it is validated and normalised by encode_envelope.
  std::uint64_t publish(std::string_view topic, MessageType type, const std::string& payload, WireTime event_time,
                        bool canonical = false) {
    auto it = sequences.find(topic);
    if (it == sequences.end()) it = sequences.emplace(std::string(topic), 0).first;
    Envelope e;
    e.type = type;
    e.id = new_id();
    e.source = cfg.source;
    e.seq = ++it->second;
    e.event_time_ns = to_wire_ns(event_time);
    e.send_time_ns = to_wire_ns(cfg.now());
    std::string bytes;
    if (canonical) {
      bytes = detail::encode_envelope_canonical(e, payload);
    } else {
      e.payload = payload;
      bytes = encode_envelope(e);
    }
    // PUB never blocks: at the high-water mark a slow subscriber loses messages and sees a gap.
    pub.send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    pub.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
    return e.seq;
  }
};

ZmqBackendServer::ZmqBackendServer(zmq::context_t& context, ServerConfig config, BackendHandler& handler)
    : impl_(std::make_unique<Impl>(context, std::move(config), handler)) {}
ZmqBackendServer::~ZmqBackendServer() = default;

std::string ZmqBackendServer::command_endpoint() const { return impl_->command_ep; }
std::string ZmqBackendServer::event_endpoint() const { return impl_->event_ep; }

int ZmqBackendServer::poll(std::chrono::milliseconds timeout) {
  // zmq_poll returns at once when a socket already holds a message.
  std::array<zmq::pollitem_t, 2> items{{{impl_->router.handle(), 0, ZMQ_POLLIN, 0}, {}}};
  std::size_t n = 1;
  if (impl_->zap) items[n++] = {impl_->zap->native_handle(), 0, ZMQ_POLLIN, 0};
  zmq::poll(items.data(), n, std::max(timeout, std::chrono::milliseconds{0}));
  if (impl_->zap && (items[1].revents & ZMQ_POLLIN)) {
    for (std::size_t denied = impl_->zap->serve(); denied > 0; --denied)
      impl_->rejections.add(RejectReason::AuthDenied);
  }
  const int handled = (items[0].revents & ZMQ_POLLIN) ? impl_->drain_router() : 0;
  impl_->timers();
  return handled;
}

void* ZmqBackendServer::native_handle() const { return impl_->router.handle(); }

std::uint64_t ZmqBackendServer::publish_order_event(const OrderEvent& e) {
  return impl_->publish(exec_topic(impl_->cfg.account), MessageType::OrderEvent, to_json_text(e),
                        from_wire_ns(ns_of(e.time)), true);
}
std::uint64_t ZmqBackendServer::publish_fill(const Fill& f) {
  return impl_->publish(exec_topic(impl_->cfg.account), MessageType::Fill, to_json_text(f), from_wire_ns(ns_of(f.time)), true);
}
std::uint64_t ZmqBackendServer::publish_settlement(const Settlement& s) {
  return impl_->publish(exec_topic(impl_->cfg.account), MessageType::Settlement, to_json_text(s), impl_->cfg.now(), true);
}
std::uint64_t ZmqBackendServer::publish_quote(const Quote& q) {
  return impl_->publish(md_topic(q.instrument), MessageType::Quote, to_json_text(q), from_wire_ns(ns_of(q.time)), true);
}
std::uint64_t ZmqBackendServer::publish_chain(const OptionChainSnapshot& c) {
  return impl_->publish(chain_topic(c.root), MessageType::Chain, to_json_text(c), from_wire_ns(ns_of(c.observed)), true);
}
std::uint64_t ZmqBackendServer::publish(std::string_view topic, MessageType type, const std::string& payload_json,
                                        WireTime event_time) {
  return impl_->publish(topic, type, payload_json, event_time);
}

const RejectionCounters& ZmqBackendServer::rejections() const { return impl_->rejections; }
std::uint64_t ZmqBackendServer::duplicates() const { return impl_->duplicates; }
std::uint64_t ZmqBackendServer::last_sequence(std::string_view topic) const {
  auto it = impl_->sequences.find(topic);
  return it == impl_->sequences.end() ? 0 : it->second;
}
std::size_t ZmqBackendServer::session_count() const { return impl_->sessions.size(); }
const std::string& ZmqBackendServer::session_id() const { return impl_->session; }

}  // namespace alvh::wire
