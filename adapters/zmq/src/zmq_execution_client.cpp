#include "alvh/zmq/zmq_execution_client.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "alvh/zmq/curve_socket.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/topics.hpp"
#include "envelope_codec.hpp"
#include "fast_decoder.hpp"
#include "json_codec_tree.hpp"
#include "socket_setup.hpp"

namespace alvh::wire {

using detail::DecodedEnvelope;
using detail::from_json_value;

namespace {
constexpr int kMaxMessagesPerPoll = 10000;
}

struct ZmqExecutionClient::Impl {
  struct TopicState {
    std::uint64_t last = 0;
    bool known = false;
  };

  ClientConfig cfg;
  zmq::socket_t dealer;
  zmq::socket_t sub;
  std::string own_exec_topic;
  LinkState state = LinkState::Idle;
  std::optional<HelloAck> session;
  std::string last_session_id;
  RejectionCounters rejections;
  std::uint64_t gaps = 0;
  std::string id_prefix;
  std::uint64_t next_id = 0;
  std::map<std::string, MessageType> pending;  // command id -> command type, until answered
  std::map<std::string, TopicState> topics;
  // While a snapshot is outstanding, exec messages wait here (snapshot-then-delta).
  bool snapshot_pending = false;
  std::vector<std::pair<std::string, DecodedEnvelope>> buffered;
  WireTime last_rx{}, last_heartbeat_sent{}, hello_sent{};
  std::vector<ClientEvent> out;
  detail::FastDecoder fast;  // acks of the order path; everything else takes the general decoder

  Impl(zmq::context_t& ctx, ClientConfig c)
      : cfg(std::move(c)), dealer(ctx, zmq::socket_type::dealer), sub(ctx, zmq::socket_type::sub) {
    if (!cfg.now) cfg.now = system_now;
    own_exec_topic = exec_topic(cfg.account);
    id_prefix = cfg.source + "-" + std::to_string(to_wire_ns(cfg.now())) + "-";
    last_rx = last_heartbeat_sent = cfg.now();
    for (auto* s : {&dealer, &sub}) {
      detail::common_options(*s, cfg.send_hwm, cfg.receive_hwm, cfg.max_message_bytes);
      if (cfg.curve) make_curve_client(*s, *cfg.curve);
    }
    sub.set(zmq::sockopt::subscribe, std::string(kStatusTopic));
    if (!cfg.account.empty()) sub.set(zmq::sockopt::subscribe, own_exec_topic);
    for (const auto& t : cfg.topics) sub.set(zmq::sockopt::subscribe, t);
    dealer.connect(cfg.command_endpoint);
    sub.connect(cfg.event_endpoint);
  }

  // `payload` is to_json_text output or "{}", so it is spliced into the envelope as it is.
  std::optional<std::string> send_command(MessageType type, std::string_view payload) {
    Envelope e;
    e.type = type;
    e.id = id_prefix + std::to_string(++next_id);
    e.source = cfg.source;
    e.seq = next_id;
    e.send_time_ns = e.event_time_ns = to_wire_ns(cfg.now());
    std::string bytes = detail::encode_envelope_canonical(e, payload);
    auto sent = dealer.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
    if (!sent) return std::nullopt;  // queue full: the caller decides, we never block
    pending[e.id] = type;
    return e.id;
  }

  std::optional<std::string> hello() {
    state = LinkState::Connecting;
    session.reset();
    hello_sent = cfg.now();
    Hello h{cfg.account, {kProtocolVersion}, cfg.heartbeat_interval.count()};
    return send_command(MessageType::Hello, to_json_text(h));
  }

  std::optional<std::string> request_snapshot() {
    auto id = send_command(MessageType::SnapshotRequest, "{}");
    if (id) snapshot_pending = true;
    return id;
  }

  std::optional<std::string> send_heartbeat() {
    last_heartbeat_sent = cfg.now();
    return send_command(MessageType::Heartbeat, "{}");
  }

  void received_something() {
    last_rx = cfg.now();
    if (state == LinkState::Lost) {
      // The backend is back (ZeroMQ reconnected underneath): re-open the session and resync.
      out.emplace_back(LinkRestored{});
      hello();
    }
  }

  void on_reply(std::string_view bytes) {
    if (auto a = fast.order_ack(bytes, cfg.max_message_bytes)) {
      auto it = pending.find(a->header.correlation_id);
      if (it != pending.end() && (it->second == MessageType::SubmitCombo || it->second == MessageType::SubmitOrder ||
                                  it->second == MessageType::Cancel)) {
        received_something();
        const MessageType command = it->second;
        pending.erase(it);
        // The payload text the general path would carry (the dump of {client_order_id, duplicate}).
        std::string text = to_json_text(a->ack);
        out.emplace_back(CommandAck{a->header.correlation_id, command, std::move(text), std::move(a->ack.client_order_id),
                                    a->ack.duplicate});
        return;
      }
    }
    auto decoded = detail::decode_envelope_tree(bytes, cfg.max_message_bytes);
    if (!decoded) {
      rejections.add(decoded.error().reason);
      return;
    }
    const DecodedEnvelope& d = decoded.value();
    const Envelope& env = d.header;
    if (env.type != MessageType::Ack && env.type != MessageType::Nack) {
      rejections.add(RejectReason::UnknownType);
      return;
    }
    received_something();
    MessageType command = MessageType::Heartbeat;
    if (auto it = pending.find(env.correlation_id); it != pending.end()) {
      command = it->second;
      pending.erase(it);
    }
    if (env.type == MessageType::Nack) on_nack(d, command);
    else on_ack(d, command);
  }

  void on_nack(const DecodedEnvelope& d, MessageType command) {
    const Envelope& env = d.header;
    auto nack = from_json_value<Nack>(d.payload);
    if (!nack) {
      rejections.add(nack.error().reason);
      return;
    }
    const Nack& n = nack.value();
    if (n.code == to_string(RejectReason::HelloRequired) && state != LinkState::Connecting &&
        state != LinkState::Refused) {
      hello();  // the backend restarted or expired our session
    } else if (command == MessageType::Hello) {
      state = LinkState::Refused;
      out.emplace_back(SessionRefused{n.code + ": " + n.message});
    } else if (command == MessageType::SnapshotRequest) {
      snapshot_pending = false;  // release buffered events rather than hold them forever
      replay_buffered();
    }
    out.emplace_back(CommandNack{env.correlation_id, command, n});
  }

  void on_ack(const DecodedEnvelope& d, MessageType command) {
    const Envelope& env = d.header;
    switch (command) {
      case MessageType::Hello: {
        auto ack = from_json_value<HelloAck>(d.payload);
        if (!ack) {
          rejections.add(ack.error().reason);
          return;
        }
        // The backend picks the version; one this client does not speak ends the session here.
        if (ack.value().version != kProtocolVersion) {
          state = LinkState::Refused;
          out.emplace_back(SessionRefused{"backend answered hello with protocol version " + std::to_string(ack.value().version) +
                                          "; this client speaks version " + std::to_string(kProtocolVersion) + " only"});
          return;
        }
        if (cfg.expected_mode && ack.value().mode != *cfg.expected_mode) {
          state = LinkState::Refused;
          out.emplace_back(SessionRefused{std::string("backend declares ") +
                                          (ack.value().mode == BackendMode::Live ? "live" : "paper") +
                                          " mode, this client expects the other"});
          return;
        }
        if (!last_session_id.empty() && last_session_id != ack.value().session)
          topics.clear();  // a restarted backend numbers every stream from 1 again
        last_session_id = ack.value().session;
        session = ack.value();
        state = LinkState::Up;
        out.emplace_back(SessionEstablished{ack.value()});
        request_snapshot();
        return;
      }
      case MessageType::SnapshotRequest: {
        auto snap = from_json_value<BackendSnapshot>(d.payload);
        if (!snap) {
          rejections.add(snap.error().reason);
          return;
        }
        apply_snapshot(snap.value());
        out.emplace_back(SnapshotReceived{std::move(snap).value()});
        replay_buffered();
        return;
      }
      case MessageType::SubmitCombo:
      case MessageType::SubmitOrder:
      case MessageType::Cancel: {
        auto ack = from_json_value<OrderAck>(d.payload);
        if (!ack) {
          rejections.add(ack.error().reason);
          return;
        }
        out.emplace_back(CommandAck{env.correlation_id, command, d.payload_text(), std::move(ack.value().client_order_id),
                                    ack.value().duplicate});
        return;
      }
      case MessageType::Heartbeat: return;  // liveness only
      default: out.emplace_back(CommandAck{env.correlation_id, command, d.payload_text(), {}, false}); return;
    }
  }

  void apply_snapshot(const BackendSnapshot& snap) {
    snapshot_pending = false;
    if (!cfg.account.empty()) topics[own_exec_topic] = TopicState{0, true};  // absent = nothing published yet
    for (const auto& [topic, seq] : snap.sequences) {
      auto& ts = topics[topic];
      // Exec topics were held back, so the snapshot defines where they resume. Other streams kept
      // flowing; never move them backwards.
      ts.last = (is_exec_topic(topic) || !ts.known) ? seq : std::max(ts.last, seq);
      ts.known = true;
    }
  }

  void replay_buffered() {
    auto held = std::move(buffered);
    buffered.clear();
    for (auto& [topic, d] : held) sequenced(topic, std::move(d));
  }

  void on_published(std::string topic, std::string_view bytes) {
    auto decoded = detail::decode_envelope_tree(bytes, cfg.max_message_bytes);
    if (!decoded) {
      rejections.add(decoded.error().reason);
      return;
    }
    received_something();
    if (is_exec_topic(topic) && topic != own_exec_topic) return;  // prefix match of another account
    sequenced(topic, std::move(decoded).value());
  }

  void sequenced(const std::string& topic, DecodedEnvelope&& d) {
    const Envelope& env = d.header;
    bool recoverable = is_exec_topic(topic);
    if (recoverable && snapshot_pending) {
      buffered.emplace_back(topic, std::move(d));
      return;
    }
    auto& ts = topics[topic];
    if (!ts.known || topic == kStatusTopic) {
      ts = TopicState{env.seq, true};
      deliver(d);
      return;
    }
    if (env.seq == ts.last + 1) {
      ts.last = env.seq;
      deliver(d);
      return;
    }
    // Duplicate or stale (already covered by a snapshot). A restarted backend is recognised by its
    // new session id at hello, not here.
    if (env.seq <= ts.last) return;
    ++gaps;
    out.emplace_back(SequenceGap{topic, ts.last + 1, env.seq});
    if (recoverable) {
      buffered.emplace_back(topic, std::move(d));
      request_snapshot();
    } else {
      ts.last = env.seq;  // market data: newer data supersedes what was lost
      deliver(d);
    }
  }

  template <class T>
  void deliver_as(const DecodedEnvelope& d) {
    auto value = from_json_value<T>(d.payload);
    if (!value) {
      rejections.add(value.error().reason);
      return;
    }
    out.emplace_back(std::move(value).value());
  }

  void deliver(const DecodedEnvelope& d) {
    switch (d.header.type) {
      case MessageType::OrderEvent: deliver_as<OrderEvent>(d); return;
      case MessageType::Fill: deliver_as<Fill>(d); return;
      case MessageType::Settlement: deliver_as<Settlement>(d); return;
      case MessageType::Quote: deliver_as<Quote>(d); return;
      case MessageType::Chain: deliver_as<OptionChainSnapshot>(d); return;
      case MessageType::Heartbeat: return;
      default: rejections.add(RejectReason::UnknownType); return;
    }
  }

  // Reads every waiting message of one socket (up to the cap). Only sockets that poll reported
  // ready are read: each failed non-blocking read still costs libzmq system calls, which showed
  // in the event-to-order latency (docs/performance.md).
  void drain_replies() {
    for (int n = 0; n < kMaxMessagesPerPoll; ++n) {
      zmq::message_t reply;
      if (!dealer.recv(reply, zmq::recv_flags::dontwait)) return;
      if (reply.more()) {  // replies are single-frame; drop the rest of a malformed one
        rejections.add(RejectReason::BadFrames);
        while (reply.more() && dealer.recv(reply, zmq::recv_flags::dontwait)) {
        }
      } else {
        on_reply(reply.to_string_view());
      }
    }
  }
  void drain_published() {
    std::vector<zmq::message_t> frames;
    for (int n = 0; n < kMaxMessagesPerPoll; ++n) {
      frames.clear();
      if (!zmq::recv_multipart(sub, std::back_inserter(frames), zmq::recv_flags::dontwait)) return;
      if (frames.size() == 2)
        on_published(std::string(frames[0].to_string_view()), frames[1].to_string_view());
      else
        rejections.add(RejectReason::BadFrames);
    }
  }

  void timers() {
    WireTime now = cfg.now();
    if ((state == LinkState::Up || state == LinkState::Lost) && now - last_heartbeat_sent >= cfg.heartbeat_interval)
      send_heartbeat();
    if (state == LinkState::Up && now - last_rx > cfg.heartbeat_timeout) {
      state = LinkState::Lost;
      out.emplace_back(LinkLost{now - last_rx});
    }
    if (state == LinkState::Connecting && now - hello_sent > cfg.heartbeat_timeout) hello();  // retry
  }
};

ZmqExecutionClient::ZmqExecutionClient(zmq::context_t& context, ClientConfig config)
    : impl_(std::make_unique<Impl>(context, std::move(config))) {}
ZmqExecutionClient::~ZmqExecutionClient() = default;

std::optional<std::string> ZmqExecutionClient::hello() { return impl_->hello(); }

std::optional<std::string> ZmqExecutionClient::submit_combo(const ClientOrderId& id, const ComboOrder& order) {
  if (impl_->state != LinkState::Up) return std::nullopt;
  return impl_->send_command(MessageType::SubmitCombo, to_json_text(SubmitCombo{id, order}));
}
std::optional<std::string> ZmqExecutionClient::submit_order(const ClientOrderId& id, const SingleOrder& order) {
  if (impl_->state != LinkState::Up) return std::nullopt;
  return impl_->send_command(MessageType::SubmitOrder, to_json_text(SubmitSingle{id, order}));
}
std::optional<std::string> ZmqExecutionClient::cancel(const ClientOrderId& id) {
  if (impl_->state != LinkState::Up) return std::nullopt;
  return impl_->send_command(MessageType::Cancel, to_json_text(CancelRequest{id}));
}
std::optional<std::string> ZmqExecutionClient::request_snapshot() { return impl_->request_snapshot(); }
std::optional<std::string> ZmqExecutionClient::send_heartbeat() { return impl_->send_heartbeat(); }

std::vector<ClientEvent> ZmqExecutionClient::poll(std::chrono::milliseconds timeout) {
  impl_->out.clear();
  // zmq_poll returns at once when a socket already holds a message, so waiting first costs nothing
  // when work is pending.
  std::array<zmq::pollitem_t, 2> items{{{impl_->dealer.handle(), 0, ZMQ_POLLIN, 0},
                                          {impl_->sub.handle(), 0, ZMQ_POLLIN, 0}}};
  zmq::poll(items.data(), items.size(), std::max(timeout, std::chrono::milliseconds{0}));
  if (items[0].revents & ZMQ_POLLIN) impl_->drain_replies();
  if (items[1].revents & ZMQ_POLLIN) impl_->drain_published();
  impl_->timers();
  return std::move(impl_->out);
}

LinkState ZmqExecutionClient::state() const { return impl_->state; }
const std::optional<HelloAck>& ZmqExecutionClient::session() const { return impl_->session; }
const RejectionCounters& ZmqExecutionClient::rejections() const { return impl_->rejections; }
std::uint64_t ZmqExecutionClient::gaps_detected() const { return impl_->gaps; }
std::uint64_t ZmqExecutionClient::last_sequence(const std::string& topic) const {
  auto it = impl_->topics.find(topic);
  return it == impl_->topics.end() ? 0 : it->second.last;
}

}  // namespace alvh::wire
