#include "alvh/journal/journaled_context.hpp"

#include <cstdio>
#include <type_traits>

#include "alvh/journal/journal_error.hpp"

namespace alvh::journal {

namespace {

constexpr std::size_t kMaxIdLength = 128;  // protocol v1 limit on client_order_id
constexpr std::string_view kProvisional = "provisional:";

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

OrderIntent make_intent(const ClientOrderId& id, const std::string& account, std::uint64_t n, Timestamp now,
                        const ComboOrder& order) {
  OrderIntent in;
  in.id = id;
  in.account = account;
  in.tag = order.tag;
  in.sequence = n;
  in.created = now;
  in.combo = order;
  return in;
}

OrderIntent make_intent(const ClientOrderId& id, const std::string& account, std::uint64_t n, Timestamp now,
                        const SingleOrder& order) {
  OrderIntent in;
  in.id = id;
  in.account = account;
  in.tag = order.tag;
  in.sequence = n;
  in.created = now;
  in.single = order;
  return in;
}

}  // namespace

JournaledContext::JournaledContext(StrategyContext& inner, Journal& journal, std::string account,
                                   ChosenIdExecution* chosen_ids)
    : inner_(inner), journal_(journal), account_(std::move(account)), chosen_ids_(chosen_ids) {}

ClientOrderId JournaledContext::make_client_order_id(std::string_view account, std::string_view tag, std::uint64_t n) {
  const std::string suffix = "/" + std::to_string(n);
  std::string id = std::string(account) + "/" + std::string(tag) + suffix;
  if (id.size() <= kMaxIdLength) return id;
  // Keep what fits of the tag (readability) plus a hash of all of it (uniqueness).
  const std::string digest = "~" + hex(fnv1a(tag));
  const std::size_t fixed = account.size() + 1 + digest.size() + suffix.size();
  if (fixed < kMaxIdLength) return std::string(account) + "/" + std::string(tag.substr(0, kMaxIdLength - fixed)) + digest + suffix;
  return hex(fnv1a(account)) + "/" + std::string(tag.substr(0, kMaxIdLength - 34 - suffix.size())) + digest + suffix;
}

std::uint64_t JournaledContext::take_counter(const std::string& tag) {
  auto it = counters_.find(tag);
  if (it == counters_.end()) it = counters_.emplace(tag, rewound_ ? 1 : journal_.next_sequence(account_, tag)).first;
  return it->second++;
}

template <class OrderT>
ClientOrderId JournaledContext::submit(const OrderT& order) {
  const Timestamp now = inner_.clock().now_utc();
  auto forward_as = [&](const ClientOrderId& id) {
    if constexpr (std::is_same_v<OrderT, ComboOrder>)
      chosen_ids_->submit_combo_as(id, order);
    else
      chosen_ids_->submit_order_as(id, order);
  };
  if (!chosen_ids_) {
    // The wrapped context names the order: journal under a provisional id, then rename.
    for (;;) {
      const std::uint64_t n = take_counter(order.tag);
      const ClientOrderId provisional = std::string(kProvisional) + make_client_order_id(account_, order.tag, n);
      if (!journal_.record_intent(make_intent(provisional, account_, n, now, order))) continue;
      ClientOrderId id;
      if constexpr (std::is_same_v<OrderT, ComboOrder>)
        id = inner_.submit_combo(order);
      else
        id = inner_.submit_order(order);
      journal_.rename_intent(provisional, id, now);
      journal_.mark_sent(id, now);
      return id;
    }
  }
  for (;;) {
    const std::uint64_t n = take_counter(order.tag);
    const ClientOrderId id = make_client_order_id(account_, order.tag, n);
    OrderIntent intent = make_intent(id, account_, n, now, order);
    const auto existing = journal_.intent(id);
    if (!existing) {
      journal_.record_intent(intent);  // committed: from here on a crash cannot lose this order
      forward_as(id);
      journal_.mark_sent(id, now);
      return id;
    }
    if (same_request(existing->as_order(), intent.as_order())) {
      if (!is_closed(existing->status)) {
        // A decision replayed after a restart: sending it again is safe, the id makes it idempotent.
        journal_.audit(now, "intent", "journaled_context", "resending " + id + " (replayed decision)");
        forward_as(id);
        journal_.mark_sent(id, now);
      } else {
        journal_.audit(now, "intent", "journaled_context", "replayed decision " + id + " already finished (" +
                                                               existing->last_event + "); not sent");
        replay_.push_back({OrderEvent{id, existing->order_state, existing->filled_quantity, existing->last_event,
                                      existing->updated},
                           journal_.fills(id)});
      }
      return id;
    }
    if (!is_closed(existing->status)) {
      journal_.audit(now, "warning", "journaled_context",
                     "replayed decision under " + id + " differs from the journaled order, which is still working; "
                     "the journaled order stands and the new one is not sent");
      return id;
    }
    journal_.audit(now, "intent", "journaled_context",
                   id + " already names a finished different order; the new decision takes the next number");
  }
}

ClientOrderId JournaledContext::submit_combo(const ComboOrder& order) { return submit(order); }
ClientOrderId JournaledContext::submit_order(const SingleOrder& order) { return submit(order); }

void JournaledContext::cancel(const ClientOrderId& id) {
  journal_.audit(inner_.clock().now_utc(), "intent", "journaled_context", "cancel requested for " + id);
  inner_.cancel(id);
}

void JournaledContext::log(LogLevel level, std::string_view source, std::string_view message) {
  inner_.log(level, source, message);
  if (level == LogLevel::Decision || level == LogLevel::Warning || level == LogLevel::Error)
    journal_.audit(inner_.clock().now_utc(), to_string(level), source, message);
}

std::string JournaledContext::encode_counters() const {
  // "ids\n" then "<n> <length>:<tag>\n" per tag: length-prefixed, so any tag text survives. The
  // header makes even "no ids used yet" a checkpoint to rewind to.
  std::string out = "ids\n";
  for (const auto& [tag, n] : counters_) out += std::to_string(n) + " " + std::to_string(tag.size()) + ":" + tag + "\n";
  return out;
}

void JournaledContext::decode_counters(std::string_view text) const {
  std::map<std::string, std::uint64_t> parsed;
  if (!text.starts_with("ids\n")) throw JournalError("journal " + journal_.file().string() + " holds an unreadable id checkpoint");
  std::size_t pos = 4;
  auto bad = [&] {
    return JournalError("journal " + journal_.file().string() + " holds an unreadable id checkpoint");
  };
  while (pos < text.size()) {
    const std::size_t sp = text.find(' ', pos), colon = text.find(':', pos);
    if (sp == std::string_view::npos || colon == std::string_view::npos || colon < sp) throw bad();
    try {
      const std::uint64_t n = std::stoull(std::string(text.substr(pos, sp - pos)));
      const std::size_t len = std::stoull(std::string(text.substr(sp + 1, colon - sp - 1)));
      if (colon + 1 + len + 1 > text.size()) throw bad();
      parsed[std::string(text.substr(colon + 1, len))] = n;
      pos = colon + 1 + len + 1;
    } catch (const std::logic_error&) {
      throw bad();
    }
  }
  counters_ = std::move(parsed);
  rewound_ = true;
}

void JournaledContext::persist(std::string_view key, std::string_view blob) {
  journal_.put_state(key, blob, inner_.clock().now_utc(), encode_counters());
}

void JournaledContext::persist_all(const std::vector<std::pair<std::string, std::string>>& key_blobs) {
  const std::string counters = encode_counters();
  std::vector<Journal::StatePut> puts;
  puts.reserve(key_blobs.size());
  for (const auto& [key, blob] : key_blobs) puts.push_back({key, blob, counters});
  journal_.put_states(puts, inner_.clock().now_utc());
}

std::optional<std::string> JournaledContext::restore(std::string_view key) const {
  auto s = journal_.state(key);
  if (!s) return std::nullopt;
  if (!s->checkpoint.empty()) decode_counters(s->checkpoint);
  return std::move(s->blob);
}

void JournaledContext::record_ack(const ClientOrderId& id, std::string_view ack) {
  journal_.mark_acked(id, ack, inner_.clock().now_utc());
}

void JournaledContext::record_nack(const ClientOrderId& id, std::string_view reason) {
  journal_.mark_rejected(id, reason, inner_.clock().now_utc());
}

bool JournaledContext::record_event(const OrderEvent& event) { return journal_.record_event(event); }

bool JournaledContext::record_fill(const Fill& fill, std::string_view exec_key) {
  return journal_.record_fill(fill, exec_key);
}

bool JournaledContext::record_settlement(const Settlement& settlement) { return journal_.record_settlement(settlement); }

std::vector<ReplayedOrder> JournaledContext::take_replay() { return std::exchange(replay_, {}); }

}  // namespace alvh::journal
