#include "alvh/zmq/md_subscriber.hpp"

#include <deque>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "alvh/zmq/md_message.hpp"
#include "alvh/zmq/curve_socket.hpp"

namespace alvh::wire {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct MdSubscriber::Impl {
  SubscriberSettings settings;
  Report report;
  zmq::socket_t sub, dealer;
  SubscriberStats stats;
  std::uint64_t last = 0, counter = 0;
  std::deque<FeedDay> ready;
  bool ended = false, started = false;
  Clock::time_point progress = Clock::now();

  Impl(zmq::context_t& ctx, SubscriberSettings s, Report r)
      : settings(std::move(s)), report(std::move(r)), sub(ctx, zmq::socket_type::sub), dealer(ctx, zmq::socket_type::dealer) {
    for (auto* sock : {&sub, &dealer}) {
      sock->set(zmq::sockopt::linger, 0);
      if (settings.curve) make_curve_client(*sock, *settings.curve);
    }
    sub.set(zmq::sockopt::rcvhwm, 100000);
    sub.set(zmq::sockopt::subscribe, std::string(kDayTopic));
    sub.set(zmq::sockopt::subscribe, std::string(kStatusTopic));
    sub.connect(settings.pub_endpoint);
    dealer.connect(settings.snapshot_endpoint);
  }

  void say(const std::string& s) {
    if (report) report(s);
  }
  // A refused CURVE handshake looks like silence (libzmq reports it only to a socket monitor).
  std::string curve_hint() const {
    return settings.curve
               ? "; CURVE is on: the feed must list this subscriber's public key, and the server key must be the feed's"
               : "";
  }
  void check_timeout() {
    if (Clock::now() - progress > settings.timeout)
      throw std::runtime_error("market-data feed at " + settings.pub_endpoint + " silent for " +
                               std::to_string(settings.timeout.count()) + " ms (last seq " + std::to_string(last) + ")" +
                               curve_hint());
  }

  // A message whose seq is last + 1: deliver it. False when its payload is unusable (not consumed).
  bool apply(const MdMessage& m) {
    if (m.type == "end_of_data") {
      ended = true;
      last = m.seq;
      return true;
    }
    if (m.type != "market_day") {
      ++stats.malformed;
      say("md.day seq " + std::to_string(m.seq) + ": unexpected type '" + m.type + "', skipped");
      return false;
    }
    auto day = market_day_from_json(m.payload);
    if (!day) {
      ++stats.malformed;
      say("md.day seq " + std::to_string(m.seq) + ": malformed market_day (" + day.error().detail + "), skipped");
      return false;
    }
    ready.push_back(std::move(day).value());
    last = m.seq;
    return true;
  }

  // Asks for everything from last + 1 and applies it in order, until the feed has nothing newer.
  void recover() {
    while (true) {
      const std::uint64_t from = last + 1;
      ++stats.snapshot_requests;
      MdMessage req;
      req.type = "snapshot_request";
      req.id = settings.source + "-md-" + std::to_string(++counter);
      req.source = settings.source;
      req.seq = counter;
      req.send_time_ns = req.event_time_ns = to_wire_ns(system_now());
      req.payload = json{{"topic", std::string(kDayTopic)}, {"from_seq", from}}.dump();
      const std::string text = encode_md_message(req);
      // Never a blocking send: a DEALER with no usable peer (no feed yet, or a refused CURVE
      // handshake) would wait for ever; the request is retried until the deadline instead.
      bool sent = dealer.send(zmq::buffer(text), zmq::send_flags::dontwait).has_value();
      const auto deadline = Clock::now() + settings.timeout;
      std::optional<MdMessage> ack;
      while (!ack) {
        if (!sent) sent = dealer.send(zmq::buffer(text), zmq::send_flags::dontwait).has_value();
        zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(50));
        if (!(item.revents & ZMQ_POLLIN)) {
          if (Clock::now() > deadline)
            throw std::runtime_error("market-data feed at " + settings.snapshot_endpoint +
                                     " did not answer a snapshot_request" + curve_hint());
          continue;
        }
        zmq::message_t frame;
        if (!dealer.recv(frame, zmq::recv_flags::dontwait)) continue;
        while (frame.more()) {  // a delimiter frame, if any: the envelope is the last frame
          zmq::message_t more;
          if (!dealer.recv(more, zmq::recv_flags::dontwait)) break;
          frame = std::move(more);
        }
        auto m = decode_md_message(frame.to_string_view());
        if (!m) {
          ++stats.malformed;
          continue;
        }
        if (m.value().correlation_id != req.id) continue;  // an old reply
        if (m.value().type == "nack")
          throw std::runtime_error("market-data feed refused the snapshot_request: " + m.value().payload);
        ack = std::move(m).value();
      }
      progress = Clock::now();
      const json p = json::parse(ack->payload, nullptr, false);
      const json* list = p.is_object() && p.contains("messages") && p["messages"].is_array() ? &p["messages"] : nullptr;
      const std::uint64_t feed_last = p.is_object() && p.value("last_seq", json()).is_number_unsigned()
                                          ? p["last_seq"].get<std::uint64_t>() : 0;
      if (!list) {
        ++stats.malformed;
        return;
      }
      for (const json& item : *list) {
        auto m = decode_md_message(item.dump());
        if (!m || m.value().seq != last + 1) {
          ++stats.malformed;
          continue;
        }
        ++stats.recovered;
        if (!apply(m.value())) {  // the feed's own record is broken: give the day up, loudly
          say("md.day seq " + std::to_string(m.value().seq) + " cannot be recovered; the day is missing");
          last = m.value().seq;
        }
      }
      if (list->empty() || last >= feed_last || ended) return;
    }
  }

  void on_message(std::string_view topic, std::string_view body) {
    auto decoded = decode_md_message(body);
    if (!decoded) {
      ++stats.malformed;
      say("malformed message on '" + std::string(topic) + "' skipped: " + decoded.error().detail);
      return;
    }
    const MdMessage& m = decoded.value();
    progress = Clock::now();
    if (topic == kStatusTopic) {
      ++stats.heartbeats;
      const json p = json::parse(m.payload, nullptr, false);
      const json* seqs = p.is_object() && p.contains("sequences") ? &p["sequences"] : nullptr;
      if (seqs && seqs->is_object() && seqs->contains(std::string(kDayTopic)) && (*seqs)[std::string(kDayTopic)].is_number_unsigned()) {
        const auto announced = (*seqs)[std::string(kDayTopic)].get<std::uint64_t>();
        if (announced > last && !ended) {
          ++stats.gaps;
          say("heartbeat announces md.day seq " + std::to_string(announced) + ", received " + std::to_string(last) +
              ": recovering by snapshot");
          recover();
        }
      }
      return;
    }
    if (topic != kDayTopic) return;
    if (m.seq <= last) {
      ++stats.duplicates;
      return;
    }
    if (m.seq > last + 1) {
      ++stats.gaps;
      say("gap on md.day: expected seq " + std::to_string(last + 1) + ", got " + std::to_string(m.seq) +
          ": recovering by snapshot");
      recover();
      if (m.seq <= last) return;
      if (m.seq > last + 1) return;  // still missing: the next message or heartbeat retries
    }
    apply(m);  // a bad payload leaves `last` where it was: the next message shows the gap
  }

  void receive(std::chrono::milliseconds wait) {
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, wait);
    for (int i = 0; i < 256; ++i) {
      zmq::message_t topic;
      if (!sub.recv(topic, zmq::recv_flags::dontwait)) return;
      if (!topic.more()) {
        ++stats.malformed;
        say("single-frame message skipped (expected [topic][envelope])");
        continue;
      }
      zmq::message_t body;
      (void)sub.recv(body, zmq::recv_flags::dontwait);
      bool extra = false;
      while (body.more()) {  // too many frames: drain them, count once
        extra = true;
        zmq::message_t more;
        if (!sub.recv(more, zmq::recv_flags::dontwait)) break;
        body = std::move(more);
      }
      if (extra) {
        ++stats.malformed;
        say("message with more than two frames skipped (expected [topic][envelope])");
        continue;
      }
      on_message(topic.to_string_view(), body.to_string_view());
      if (!ready.empty()) return;
    }
  }
};

MdSubscriber::MdSubscriber(zmq::context_t& context, SubscriberSettings settings, Report report)
    : impl_(std::make_unique<Impl>(context, std::move(settings), std::move(report))) {}
MdSubscriber::~MdSubscriber() = default;

std::optional<FeedDay> MdSubscriber::next() {
  Impl& s = *impl_;
  if (!s.started) {
    s.started = true;
    s.progress = Clock::now();
    s.recover();  // start-up snapshot: every day already published
  }
  while (true) {
    if (!s.ready.empty()) {
      FeedDay d = std::move(s.ready.front());
      s.ready.pop_front();
      ++s.stats.days;
      return d;
    }
    if (s.ended) return std::nullopt;
    s.receive(std::chrono::milliseconds(50));
    if (s.settings.idle) s.settings.idle();
    s.check_timeout();
  }
}

const SubscriberStats& MdSubscriber::stats() const { return impl_->stats; }
std::uint64_t MdSubscriber::last_seq() const { return impl_->last; }

}  // namespace alvh::wire
