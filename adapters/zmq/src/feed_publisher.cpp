#include "alvh/zmq/feed_publisher.hpp"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "alvh/venue/option_model.hpp"
#include "alvh/zmq/md_message.hpp"
#include "alvh/zmq/curve_socket.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/zap_authenticator.hpp"

namespace alvh::wire {

using nlohmann::json;

struct FeedPublisher::Impl {
  FeedSettings settings;
  NowFunction now;
  zmq::socket_t pub, router;
  std::optional<ZapAuthenticator> zap;
  std::string pub_ep, router_ep, session;
  std::vector<MdMessage> messages;  // messages[k] has seq k + 1; the last one is end_of_data
  std::vector<FeedDay> days;        // days[k] is messages[k] (for its chains)
  std::map<std::string, std::uint64_t> chain_seq;  // chain.<root> -> last seq published
  std::size_t next = 0;             // first message not yet published
  std::uint64_t status_seq = 0, reply_seq = 0, counter = 0;
  std::set<std::uint64_t> dropped;
  std::size_t snapshots = 0;
  std::map<std::string, int> rejections;
  WireTime started, last_heartbeat;

  Impl(zmq::context_t& ctx, FeedSettings s, NowFunction n)
      : settings(std::move(s)), now(std::move(n)), pub(ctx, zmq::socket_type::pub), router(ctx, zmq::socket_type::router) {
    for (auto* sock : {&pub, &router}) {
      sock->set(zmq::sockopt::linger, 0);
      sock->set(zmq::sockopt::sndhwm, 100000);  // a whole history fits: late subscribers recover, not the HWM
    }
    if (settings.curve) {
      // The ZAP handler must exist before any subscriber can start a handshake.
      zap.emplace(ctx, settings.curve->allowed_client_keys);
      for (auto* sock : {&pub, &router}) make_curve_server(*sock, settings.curve->server.secret_key);
    }
    pub.bind(settings.pub_endpoint);
    router.bind(settings.snapshot_endpoint);
    pub_ep = pub.get(zmq::sockopt::last_endpoint);
    router_ep = router.get(zmq::sockopt::last_endpoint);
    started = last_heartbeat = now();
    session = settings.source + "-" + std::to_string(to_wire_ns(started));
  }

  std::string new_id() { return settings.source + "-" + std::to_string(to_wire_ns(started)) + "-" + std::to_string(++counter); }

  void send_pub(std::string_view topic, MdMessage& m) {
    m.send_time_ns = to_wire_ns(now());
    const std::string text = encode_md_message(m);
    (void)pub.send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    (void)pub.send(zmq::buffer(text), zmq::send_flags::dontwait);
  }

  void publish_chains(std::size_t k) {
    if (!settings.chains || k >= days.size()) return;
    for (const OptionChainSnapshot& c : settings.chains(days[k])) {
      const std::string topic = "chain." + c.root;
      MdMessage m;
      m.type = "chain";
      m.id = new_id();
      m.source = settings.source;
      m.seq = ++chain_seq[topic];
      m.event_time_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(c.observed.time_since_epoch()).count();
      m.payload = to_json_text(c);
      send_pub(topic, m);
    }
  }

  void publish_due() {
    const auto t = now();
    for (std::size_t sent = 0; next < messages.size() && sent < settings.max_messages_per_poll; ++sent) {
      // Day k is due k / speed seconds after the start; end_of_data right after the last day.
      const bool is_day = messages[next].type == "market_day";
      if (is_day && settings.speed > 0) {
        const auto due = started + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       std::chrono::duration<double>(static_cast<double>(next) / settings.speed));
        if (t < due) break;
      }
      MdMessage& m = messages[next++];
      if (dropped.count(m.seq)) {
        m.send_time_ns = to_wire_ns(t);
      } else {
        send_pub(kDayTopic, m);
      }
      publish_chains(next - 1);
    }
    if (t - last_heartbeat >= settings.heartbeat_interval) heartbeat();
  }

  void heartbeat() {
    last_heartbeat = now();
    MdMessage m;
    m.type = "heartbeat";
    m.id = new_id();
    m.source = settings.source;
    m.seq = ++status_seq;
    m.event_time_ns = to_wire_ns(last_heartbeat);
    json seqs = {{std::string(kDayTopic), next}};
    for (const auto& [topic, seq] : chain_seq) seqs[topic] = seq;
    m.payload = json{{"session", session}, {"mode", "replay"}, {"sequences", seqs}}.dump();
    send_pub(kStatusTopic, m);
  }

  void reply(const zmq::message_t& rid, bool delimiter, MdMessage m) {
    m.id = new_id();
    m.source = settings.source;
    m.seq = ++reply_seq;
    m.send_time_ns = m.event_time_ns = to_wire_ns(now());
    const std::string text = encode_md_message(m);
    (void)router.send(zmq::buffer(rid.data(), rid.size()), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (delimiter) (void)router.send(zmq::message_t{}, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    (void)router.send(zmq::buffer(text), zmq::send_flags::dontwait);
  }
  void nack(const zmq::message_t& rid, bool delimiter, const std::string& correlation, RejectReason r,
            const std::string& message) {
    const std::string code(to_string(r));
    ++rejections[code];
    MdMessage m;
    m.type = "nack";
    m.correlation_id = correlation;
    m.payload = json{{"code", code}, {"message", message}}.dump();
    reply(rid, delimiter, std::move(m));
  }

  void serve_one() {
    std::vector<zmq::message_t> frames;
    while (true) {
      zmq::message_t f;
      if (!router.recv(f, zmq::recv_flags::dontwait)) break;
      const bool more = f.more();
      frames.push_back(std::move(f));
      if (!more) break;
    }
    if (frames.empty()) return;
    const bool delimiter = frames.size() == 3 && frames[1].size() == 0;
    if (frames.size() != 2 && !delimiter) {
      nack(frames[0], false, {}, RejectReason::BadFrames, "expected [routing-id][envelope]");
      return;
    }
    const zmq::message_t& body = frames.back();
    auto decoded = decode_md_message(std::string_view(static_cast<const char*>(body.data()), body.size()), kDefaultCommandBytes);
    if (!decoded) {
      nack(frames[0], delimiter, decoded.error().message_id, decoded.error().reason, decoded.error().detail);
      return;
    }
    const MdMessage& cmd = decoded.value();
    if (cmd.type == "heartbeat") {
      MdMessage m;
      m.type = "ack";
      m.correlation_id = cmd.id;
      reply(frames[0], delimiter, std::move(m));
      return;
    }
    if (cmd.type != "snapshot_request") {
      nack(frames[0], delimiter, cmd.id, RejectReason::UnknownType, "'" + cmd.type + "' is not a command of the feed");
      return;
    }
    const json p = json::parse(cmd.payload);
    std::string topic(kDayTopic);
    if (auto it = p.find("topic"); it != p.end()) {
      if (!it->is_string()) {
        nack(frames[0], delimiter, cmd.id, RejectReason::WrongType, "field 'topic': expected string");
        return;
      }
      topic = it->get<std::string>();
    }
    std::uint64_t from = 1;
    if (auto it = p.find("from_seq"); it != p.end()) {
      if (!it->is_number_unsigned()) {
        nack(frames[0], delimiter, cmd.id, RejectReason::WrongType, "field 'from_seq': expected unsigned integer");
        return;
      }
      from = std::max<std::uint64_t>(1, it->get<std::uint64_t>());
    }
    if (topic != kDayTopic) {
      nack(frames[0], delimiter, cmd.id, RejectReason::InvalidPayload, "no recoverable topic '" + topic + "'");
      return;
    }
    json list = json::array();
    for (std::uint64_t s = from; s <= next && list.size() < settings.max_snapshot_messages; ++s)
      list.push_back(json::parse(encode_md_message(messages[s - 1])));
    ++snapshots;
    MdMessage m;
    m.type = "ack";
    m.correlation_id = cmd.id;
    m.payload = json{{"topic", topic}, {"last_seq", next}, {"messages", std::move(list)}}.dump();
    reply(frames[0], delimiter, std::move(m));
  }

  static constexpr std::size_t kDefaultCommandBytes = 64 * 1024;
};

FeedPublisher::FeedPublisher(zmq::context_t& context, FeedSettings settings, std::vector<FeedDay> days, NowFunction now)
    : impl_(std::make_unique<Impl>(context, std::move(settings), std::move(now))) {
  auto& msgs = impl_->messages;
  impl_->days = days;
  msgs.reserve(days.size() + 1);
  for (const FeedDay& d : days) {
    MdMessage m;
    m.type = "market_day";
    m.id = impl_->new_id();
    m.source = impl_->settings.source;
    m.seq = msgs.size() + 1;
    // The day's record is complete at its close.
    m.event_time_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
        venue::replay_timestamp(d.row.date, 16 * 60).time_since_epoch()).count();
    m.payload = market_day_to_json(d);
    msgs.push_back(std::move(m));
  }
  MdMessage end;
  end.type = "end_of_data";
  end.id = impl_->new_id();
  end.source = impl_->settings.source;
  end.seq = msgs.size() + 1;
  end.event_time_ns = msgs.empty() ? 0 : msgs.back().event_time_ns;
  end.payload = json{{"days", days.size()}}.dump();
  msgs.push_back(std::move(end));
}

FeedPublisher::~FeedPublisher() = default;

const std::string& FeedPublisher::pub_endpoint() const { return impl_->pub_ep; }
const std::string& FeedPublisher::snapshot_endpoint() const { return impl_->router_ep; }
const std::string& FeedPublisher::session() const { return impl_->session; }
bool FeedPublisher::finished() const { return impl_->next == impl_->messages.size(); }
std::uint64_t FeedPublisher::last_seq() const { return impl_->next; }
std::size_t FeedPublisher::snapshots_served() const { return impl_->snapshots; }
const std::map<std::string, int>& FeedPublisher::rejections() const { return impl_->rejections; }
void FeedPublisher::drop_on_wire(std::uint64_t seq) { impl_->dropped.insert(seq); }

std::uint64_t FeedPublisher::auth_denied() const { return impl_->zap ? impl_->zap->denied() : 0; }

void FeedPublisher::poll(std::chrono::milliseconds wait) {
  zmq::pollitem_t items[2] = {{impl_->router.handle(), 0, ZMQ_POLLIN, 0}, {}};
  const std::size_t n = impl_->zap ? 2 : 1;
  if (impl_->zap) items[1] = {impl_->zap->native_handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(items, n, wait) > 0) {
    // ZAP first: subscribers waiting in a CURVE handshake get their answer before any publishing.
    if (n == 2 && (items[1].revents & ZMQ_POLLIN)) impl_->zap->serve();
    for (int i = 0; i < 64 && (impl_->router.get(zmq::sockopt::events) & ZMQ_POLLIN); ++i) impl_->serve_one();
  }
  impl_->publish_due();
}

}  // namespace alvh::wire
