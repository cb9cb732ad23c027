// JSON mapping of core order types and protocol payloads. Units follow the core headers: prices in
// index points, times as UTC nanoseconds (integers), dates as "YYYY-MM-DD", enums as lower-case words.
#include "alvh/zmq/json_codec.hpp"

#include <chrono>
#include <exception>

#include "json_codec_tree.hpp"
#include "json_fields.hpp"
#include "json_writer.hpp"

namespace alvh::wire {

namespace {

using detail::as_string;
using detail::FieldError;
using detail::json;
using detail::maybe;
using detail::need;
using detail::need_int;
using detail::need_int64;
using detail::need_number;
using detail::need_string;
using detail::wrong_type;

// ---- scalars ---------------------------------------------------------------------------------

std::int64_t ns_of(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
Timestamp timestamp_at(const json& j, const char* key) {
  std::chrono::sys_time<std::chrono::nanoseconds> t{std::chrono::nanoseconds{need_int64(j, key)}};
  return std::chrono::floor<std::chrono::seconds>(t);
}

Date date_at(const json& j, const char* key) {
  auto d = parse_iso_date(need_string(j, key));
  if (!d) wrong_type(key, "date YYYY-MM-DD");
  return *d;
}

template <class E, std::size_t N>
E enum_at(const json& j, const char* key, const std::pair<E, const char*> (&names)[N]) {
  std::string s = need_string(j, key);
  for (const auto& [value, name] : names)
    if (s == name) return value;
  std::string expected = "one of";
  for (const auto& [value, name] : names) expected += std::string(" ") + name;
  wrong_type(key, expected);
}
template <class E, std::size_t N>
const char* enum_name(E v, const std::pair<E, const char*> (&names)[N]) {
  for (const auto& [value, name] : names)
    if (v == value) return name;
  return "?";
}

constexpr std::pair<Side, const char*> kSides[] = {{Side::Buy, "buy"}, {Side::Sell, "sell"}};
constexpr std::pair<PriceEffect, const char*> kEffects[] = {{PriceEffect::Credit, "credit"},
                                                            {PriceEffect::Debit, "debit"}};
constexpr std::pair<InstrumentKind, const char*> kKinds[] = {{InstrumentKind::Option, "option"},
                                                             {InstrumentKind::Future, "future"}};
constexpr std::pair<OptionType, const char*> kRights[] = {{OptionType::Call, "call"}, {OptionType::Put, "put"}};
constexpr std::pair<OrderState, const char*> kStates[] = {
    {OrderState::PendingSubmit, "pending_submit"}, {OrderState::Accepted, "accepted"},
    {OrderState::PartiallyFilled, "partially_filled"}, {OrderState::Filled, "filled"},
    {OrderState::PendingCancel, "pending_cancel"}, {OrderState::Cancelled, "cancelled"},
    {OrderState::Rejected, "rejected"}, {OrderState::Expired, "expired"}};
constexpr std::pair<BackendMode, const char*> kModes[] = {{BackendMode::Paper, "paper"}, {BackendMode::Live, "live"}};

std::optional<double> opt_number(const json& j, const char* key) {
  const json* v = maybe(j, key);
  if (!v) return std::nullopt;
  return detail::as_number(*v, key);
}
void put_opt(json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}
std::string opt_string(const json& j, const char* key) {
  const json* v = maybe(j, key);
  return v ? as_string(*v, key) : std::string{};
}

// ---- write / read overloads --------------------------------------------------------------------
// Every type gets `json write(const T&)` and `void read(const json&, T&)`.

template <class T>
json write_list(const std::vector<T>& items);
template <class T>
void read_list(const json& j, const char* key, std::vector<T>& out);

json write(const Instrument& i) {
  json j = {{"kind", enum_name(i.kind, kKinds)},
            {"root", i.root},
            {"expiry", to_iso(i.expiry)},
            {"multiplier", i.multiplier}};
  if (i.kind == InstrumentKind::Option) {
    j["strike"] = i.strike;
    j["right"] = enum_name(i.right, kRights);
  }
  return j;
}
void read(const json& j, Instrument& i) {
  detail::need_object(j, "instrument");
  i.kind = enum_at(j, "kind", kKinds);
  i.root = need_string(j, "root");
  i.expiry = date_at(j, "expiry");
  i.multiplier = need_number(j, "multiplier");
  if (i.kind == InstrumentKind::Option) {
    i.strike = need_number(j, "strike");
    i.right = enum_at(j, "right", kRights);
  } else {
    i.strike = 0;
    i.right = OptionType::Call;
  }
}

json write(const ComboLeg& l) {
  return {{"instrument", write(l.instrument)}, {"side", enum_name(l.side, kSides)}, {"ratio", l.ratio}};
}
void read(const json& j, ComboLeg& l) {
  detail::need_object(j, "leg");
  read(need(j, "instrument"), l.instrument);
  l.side = enum_at(j, "side", kSides);
  l.ratio = need_int(j, "ratio");
}

json write(const ComboOrder& o) {
  return {{"legs", write_list(o.legs)},
          {"quantity", o.quantity},
          {"limit", o.limit},
          {"effect", enum_name(o.effect, kEffects)},
          {"tag", o.tag}};
}
void read(const json& j, ComboOrder& o) {
  detail::need_object(j, "order");
  read_list(j, "legs", o.legs);
  o.quantity = need_int(j, "quantity");
  o.limit = need_number(j, "limit");
  o.effect = enum_at(j, "effect", kEffects);
  o.tag = opt_string(j, "tag");
}

json write(const SingleOrder& o) {
  return {{"instrument", write(o.instrument)},
          {"side", enum_name(o.side, kSides)},
          {"quantity", o.quantity},
          {"limit", o.limit},
          {"tag", o.tag}};
}
void read(const json& j, SingleOrder& o) {
  detail::need_object(j, "order");
  read(need(j, "instrument"), o.instrument);
  o.side = enum_at(j, "side", kSides);
  o.quantity = need_int(j, "quantity");
  o.limit = need_number(j, "limit");
  o.tag = opt_string(j, "tag");
}

json write(const OrderEvent& e) {
  return {{"client_order_id", e.id},
          {"state", enum_name(e.state, kStates)},
          {"filled_quantity", e.filled_quantity},
          {"reason", e.reason},
          {"time", ns_of(e.time)}};
}
void read(const json& j, OrderEvent& e) {
  detail::need_object(j, "order_event");
  e.id = need_string(j, "client_order_id");
  e.state = enum_at(j, "state", kStates);
  e.filled_quantity = need_int(j, "filled_quantity");
  e.reason = opt_string(j, "reason");
  e.time = timestamp_at(j, "time");
}

json write(const LegFill& f) {
  json j = {{"instrument", write(f.instrument)},
            {"side", enum_name(f.side, kSides)},
            {"quantity", f.quantity},
            {"price", f.price}};
  if (f.commission) j["commission"] = *f.commission;
  return j;
}
void read(const json& j, LegFill& f) {
  detail::need_object(j, "leg");
  read(need(j, "instrument"), f.instrument);
  f.side = enum_at(j, "side", kSides);
  f.quantity = need_int(j, "quantity");
  f.price = need_number(j, "price");
  if (j.contains("commission") && !j.at("commission").is_null()) f.commission = need_number(j, "commission");
}

json write(const Fill& f) {
  return {{"client_order_id", f.id},
          {"quantity", f.quantity},
          {"net_price", f.net_price},
          {"effect", enum_name(f.effect, kEffects)},
          {"legs", write_list(f.legs)},
          {"commission", f.commission},
          {"time", ns_of(f.time)}};
}
void read(const json& j, Fill& f) {
  detail::need_object(j, "fill");
  f.id = need_string(j, "client_order_id");
  f.quantity = need_int(j, "quantity");
  f.net_price = need_number(j, "net_price");
  f.effect = enum_at(j, "effect", kEffects);
  read_list(j, "legs", f.legs);
  f.commission = need_number(j, "commission");
  f.time = timestamp_at(j, "time");
}

json write(const Order& o) {
  json j = {{"client_order_id", o.id}, {"state", enum_name(o.state, kStates)}, {"filled_quantity", o.filled_quantity}};
  if (o.combo) j["combo"] = write(*o.combo);
  if (o.single) j["single"] = write(*o.single);
  return j;
}
void read(const json& j, Order& o) {
  detail::need_object(j, "order");
  o.id = need_string(j, "client_order_id");
  o.state = enum_at(j, "state", kStates);
  o.filled_quantity = need_int(j, "filled_quantity");
  o.combo.reset();
  o.single.reset();
  if (const json* c = maybe(j, "combo")) read(*c, o.combo.emplace());
  if (const json* s = maybe(j, "single")) read(*s, o.single.emplace());
  if (o.combo.has_value() == o.single.has_value())
    throw FieldError{RejectReason::MissingField, "order needs exactly one of 'combo' or 'single'"};
}

json write(const Settlement& s) {
  return {{"instrument", write(s.instrument)},
          {"date", to_iso(s.date)},
          {"settlement_price", s.settlement_price},
          {"quantity", s.quantity},
          {"cash", s.cash}};
}
void read(const json& j, Settlement& s) {
  detail::need_object(j, "settlement");
  read(need(j, "instrument"), s.instrument);
  s.date = date_at(j, "date");
  s.settlement_price = need_number(j, "settlement_price");
  s.quantity = need_int(j, "quantity");
  s.cash = need_number(j, "cash");
}

json write(const Position& p) {
  return {{"instrument", write(p.instrument)},
          {"quantity", p.quantity},
          {"average_price", p.average_price},
          {"tag", p.tag}};
}
void read(const json& j, Position& p) {
  detail::need_object(j, "position");
  read(need(j, "instrument"), p.instrument);
  p.quantity = need_int(j, "quantity");
  p.average_price = need_number(j, "average_price");
  p.tag = opt_string(j, "tag");
}

json write(const Quote& q) {
  json j = {{"instrument", write(q.instrument)}, {"bid", q.bid}, {"ask", q.ask}, {"time", ns_of(q.time)}};
  put_opt(j, "iv", q.iv);
  put_opt(j, "delta", q.delta);
  put_opt(j, "vega", q.vega);
  return j;
}
void read(const json& j, Quote& q) {
  detail::need_object(j, "quote");
  read(need(j, "instrument"), q.instrument);
  q.bid = need_number(j, "bid");
  q.ask = need_number(j, "ask");
  q.time = timestamp_at(j, "time");
  q.iv = opt_number(j, "iv");
  q.delta = opt_number(j, "delta");
  q.vega = opt_number(j, "vega");
}

json write(const ExchangeTime& t) { return {{"date", to_iso(t.date)}, {"minutes", t.minutes}}; }
void read(const json& j, ExchangeTime& t) {
  detail::need_object(j, "time");
  t.date = date_at(j, "date");
  t.minutes = need_int(j, "minutes");
}

json write(const ForwardQuote& f) { return {{"expiry", to_iso(f.expiry)}, {"price", f.price}}; }
void read(const json& j, ForwardQuote& f) {
  detail::need_object(j, "forward");
  f.expiry = date_at(j, "expiry");
  f.price = need_number(j, "price");
}

json write(const OptionChainSnapshot& c) {
  return {{"root", c.root},
          {"time", write(c.time)},
          {"observed", ns_of(c.observed)},
          {"underlying", c.underlying},
          {"forwards", write_list(c.forwards)},
          {"quotes", write_list(c.quotes)}};
}
void read(const json& j, OptionChainSnapshot& c) {
  detail::need_object(j, "chain");
  c.root = need_string(j, "root");
  read(need(j, "time"), c.time);
  c.observed = timestamp_at(j, "observed");
  c.underlying = need_number(j, "underlying");
  read_list(j, "forwards", c.forwards);
  read_list(j, "quotes", c.quotes);
}

json write(const Hello& h) {
  return {{"account", h.account}, {"versions", h.versions}, {"heartbeat_interval_ms", h.heartbeat_interval_ms}};
}
void read(const json& j, Hello& h) {
  detail::need_object(j, "payload");
  h.account = opt_string(j, "account");
  const json& v = need(j, "versions");
  if (!v.is_array()) wrong_type("versions", "array of integers");
  h.versions.clear();
  for (const auto& x : v) h.versions.push_back(detail::as_int(x, "versions"));
  const json* hb = maybe(j, "heartbeat_interval_ms");
  h.heartbeat_interval_ms = hb ? detail::as_int64(*hb, "heartbeat_interval_ms") : 1000;
}

json write(const HelloAck& h) {
  return {{"version", h.version},
          {"account", h.account},
          {"mode", enum_name(h.mode, kModes)},
          {"session", h.session},
          {"heartbeat_interval_ms", h.heartbeat_interval_ms}};
}
void read(const json& j, HelloAck& h) {
  detail::need_object(j, "payload");
  h.version = need_int(j, "version");
  h.account = opt_string(j, "account");
  h.mode = enum_at(j, "mode", kModes);
  h.session = need_string(j, "session");
  h.heartbeat_interval_ms = need_int64(j, "heartbeat_interval_ms");
}

void read(const json& j, SubmitCombo& s) {
  detail::need_object(j, "payload");
  s.client_order_id = need_string(j, "client_order_id");
  read(need(j, "order"), s.order);
}

void read(const json& j, SubmitSingle& s) {
  detail::need_object(j, "payload");
  s.client_order_id = need_string(j, "client_order_id");
  read(need(j, "order"), s.order);
}

void read(const json& j, CancelRequest& c) {
  detail::need_object(j, "payload");
  c.client_order_id = need_string(j, "client_order_id");
}

void read(const json& j, OrderAck& a) {
  detail::need_object(j, "payload");
  a.client_order_id = need_string(j, "client_order_id");
  const json* d = maybe(j, "duplicate");
  a.duplicate = d ? detail::as_bool(*d, "duplicate") : false;
}

json write(const Nack& n) {
  json j = {{"code", n.code}, {"message", n.message}};
  if (!n.client_order_id.empty()) j["client_order_id"] = n.client_order_id;
  if (n.duplicate) j["duplicate"] = true;
  return j;
}
void read(const json& j, Nack& n) {
  detail::need_object(j, "payload");
  n.code = need_string(j, "code");
  n.message = opt_string(j, "message");
  n.client_order_id = opt_string(j, "client_order_id");
  const json* d = maybe(j, "duplicate");
  n.duplicate = d ? detail::as_bool(*d, "duplicate") : false;
}

// A finished order: its terminal OrderEvent's keys plus "fills".
json write(const FinishedOrder& f) {
  json j = write(f.event);
  j["fills"] = write_list(f.fills);
  return j;
}
void read(const json& j, FinishedOrder& f) {
  read(j, f.event);
  read_list(j, "fills", f.fills);
}

json write(const BackendSnapshot& s) {
  json seqs = json::object();
  for (const auto& [topic, seq] : s.sequences) seqs[topic] = seq;
  json j = {{"account", s.account},
            {"positions", write_list(s.positions)},
            {"open_orders", write_list(s.open_orders)},
            {"sequences", std::move(seqs)}};
  if (s.finished_orders) j["finished_orders"] = write_list(*s.finished_orders);
  return j;
}
void read(const json& j, BackendSnapshot& s) {
  detail::need_object(j, "payload");
  s.account = opt_string(j, "account");
  read_list(j, "positions", s.positions);
  read_list(j, "open_orders", s.open_orders);
  s.sequences.clear();
  const json& seqs = need(j, "sequences");
  if (!seqs.is_object()) wrong_type("sequences", "object of topic -> unsigned integer");
  for (auto it = seqs.begin(); it != seqs.end(); ++it) s.sequences[it.key()] = detail::as_uint64(it.value(), "sequences");
  s.finished_orders.reset();
  if (maybe(j, "finished_orders")) read_list(j, "finished_orders", s.finished_orders.emplace());
}

template <class T>
json write_list(const std::vector<T>& items) {
  json a = json::array();
  for (const auto& x : items) a.push_back(write(x));
  return a;
}
template <class T>
void read_list(const json& j, const char* key, std::vector<T>& out) {
  const json& a = need(j, key);
  if (!a.is_array()) wrong_type(key, "array");
  out.clear();
  out.reserve(a.size());
  for (const auto& x : a) read(x, out.emplace_back());
}

// ---- direct text for the order path -----------------------------------------------------------
// The same text as write(x).dump() (keys in sorted order), without building the tree: these are
// the messages of the event-to-order path. Tests compare both for every type listed here.

using detail::JsonWriter;

void write_text(JsonWriter& w, const Instrument& i) {
  w.begin_object().field("expiry", to_iso(i.expiry)).field("kind", enum_name(i.kind, kKinds)).field("multiplier", i.multiplier);
  if (i.kind == InstrumentKind::Option) w.field("right", enum_name(i.right, kRights));
  w.field("root", i.root);
  if (i.kind == InstrumentKind::Option) w.field("strike", i.strike);
  w.end_object();
}
void write_text(JsonWriter& w, const ComboOrder& o) {
  w.begin_object().field("effect", enum_name(o.effect, kEffects)).begin_array("legs");
  for (const auto& l : o.legs) {
    w.begin_object().key("instrument");
    write_text(w, l.instrument);
    w.field("ratio", l.ratio).field("side", enum_name(l.side, kSides)).end_object();
  }
  w.end_array().field("limit", o.limit).field("quantity", o.quantity).field("tag", o.tag).end_object();
}
void write_text(JsonWriter& w, const SingleOrder& o) {
  w.begin_object().key("instrument");
  write_text(w, o.instrument);
  w.field("limit", o.limit).field("quantity", o.quantity).field("side", enum_name(o.side, kSides)).field("tag", o.tag).end_object();
}
void write_text(JsonWriter& w, const SubmitCombo& s) {
  w.begin_object().field("client_order_id", s.client_order_id).key("order");
  write_text(w, s.order);
  w.end_object();
}
void write_text(JsonWriter& w, const SubmitSingle& s) {
  w.begin_object().field("client_order_id", s.client_order_id).key("order");
  write_text(w, s.order);
  w.end_object();
}
void write_text(JsonWriter& w, const CancelRequest& c) { w.begin_object().field("client_order_id", c.client_order_id).end_object(); }
void write_text(JsonWriter& w, const OrderAck& a) {
  w.begin_object().field("client_order_id", a.client_order_id).field("duplicate", a.duplicate).end_object();
}

template <class T>
concept HasTextWriter = requires(JsonWriter& w, const T& v) { write_text(w, v); };

}  // namespace

template <class T>
std::string to_json_text(const T& value) {
  if constexpr (HasTextWriter<T>) {
    JsonWriter w;
    write_text(w, value);
    return w.take();
  } else {
    return write(value).dump();
  }
}

template <class T>
Result<T> from_json_text(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return ProtocolError{RejectReason::NotJson, "payload is not JSON", {}};
  return detail::from_json_value<T>(j);
}

template <class T>
Result<T> detail::from_json_value(const json& j) {
  try {
    T value{};
    read(j, value);
    return value;
  } catch (const FieldError& f) {
    return ProtocolError{f.reason, f.detail, {}};
  } catch (const std::exception& x) {  // defensive: a decoder never throws
    return ProtocolError{RejectReason::WrongType, x.what(), {}};
  }
}

#define ALVH_ZMQ_JSON_CODEC(T)                                 \
  template std::string to_json_text<T>(const T& value);      \
  template Result<T> from_json_text<T>(std::string_view text); \
  template Result<T> detail::from_json_value<T>(const json& j);

ALVH_ZMQ_JSON_CODEC(Instrument)
ALVH_ZMQ_JSON_CODEC(ComboLeg)
ALVH_ZMQ_JSON_CODEC(ComboOrder)
ALVH_ZMQ_JSON_CODEC(SingleOrder)
ALVH_ZMQ_JSON_CODEC(OrderEvent)
ALVH_ZMQ_JSON_CODEC(LegFill)
ALVH_ZMQ_JSON_CODEC(Fill)
ALVH_ZMQ_JSON_CODEC(Order)
ALVH_ZMQ_JSON_CODEC(Settlement)
ALVH_ZMQ_JSON_CODEC(Position)
ALVH_ZMQ_JSON_CODEC(Quote)
ALVH_ZMQ_JSON_CODEC(OptionChainSnapshot)
ALVH_ZMQ_JSON_CODEC(Hello)
ALVH_ZMQ_JSON_CODEC(HelloAck)
ALVH_ZMQ_JSON_CODEC(SubmitCombo)
ALVH_ZMQ_JSON_CODEC(SubmitSingle)
ALVH_ZMQ_JSON_CODEC(CancelRequest)
ALVH_ZMQ_JSON_CODEC(OrderAck)
ALVH_ZMQ_JSON_CODEC(Nack)
ALVH_ZMQ_JSON_CODEC(BackendSnapshot)

#undef ALVH_ZMQ_JSON_CODEC

}  // namespace alvh::wire
