#include "fast_decoder.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include <simdjson.h>

#include "alvh/core/date.hpp"
#include "alvh/zmq/message_type.hpp"

namespace alvh::wire::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Thrown inside this file only: "not for the fast path", caught in command()/order_ack().
struct Decline {};

// The last value of each wanted key, or an empty element when absent. JSON null counts as absent,
// as in the general decoder's maybe().
template <std::size_t N>
struct Fields {
  std::array<std::string_view, N> names;
  std::array<element, N> values{};
  std::array<bool, N> present{};
  std::uint32_t unknown = 0;

  explicit Fields(std::array<std::string_view, N> n) : names(n) {}
  void read(element e) {
    object o;
    if (e.get_object().get(o)) throw Decline{};
    for (auto [key, value] : o) {
      bool known = false;
      for (std::size_t k = 0; k < N; ++k)
        if (key == names[k]) {
          values[k] = value;
          present[k] = !value.is_null();
          known = true;
        }
      if (!known) ++unknown;
    }
  }
  bool has(std::size_t k) const { return present[k]; }
  element need(std::size_t k) const {
    if (!present[k]) throw Decline{};
    return values[k];
  }
};

std::string_view text(element e) {
  std::string_view s;
  if (e.get_string().get(s)) throw Decline{};
  return s;
}
// Integers as the general decoder's as_int64: JSON integers only (never 1.0), within int64.
std::int64_t int64_of(element e) {
  if (e.type() == element_type::INT64) return e.get_int64().value_unsafe();
  if (e.type() == element_type::UINT64) {
    const std::uint64_t u = e.get_uint64().value_unsafe();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) throw Decline{};
    return static_cast<std::int64_t>(u);
  }
  throw Decline{};
}
std::uint64_t uint64_of(element e) {
  if (e.type() == element_type::UINT64) return e.get_uint64().value_unsafe();
  const std::int64_t v = int64_of(e);
  if (v < 0) throw Decline{};
  return static_cast<std::uint64_t>(v);
}
int int_of(element e) {
  const std::int64_t v = int64_of(e);
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) throw Decline{};
  return static_cast<int>(v);
}
double number_of(element e) {
  switch (e.type()) {
    case element_type::INT64: return static_cast<double>(e.get_int64().value_unsafe());
    case element_type::UINT64: return static_cast<double>(e.get_uint64().value_unsafe());
    case element_type::DOUBLE: return e.get_double().value_unsafe();
    default: throw Decline{};
  }
}
template <class E, std::size_t N>
E enum_of(element e, const std::pair<E, std::string_view> (&names)[N]) {
  const std::string_view s = text(e);
  for (const auto& [value, name] : names)
    if (s == name) return value;
  throw Decline{};
}
Date date_of(element e) {
  auto d = parse_iso_date(text(e));
  if (!d) throw Decline{};
  return *d;
}

constexpr std::pair<Side, std::string_view> kSides[] = {{Side::Buy, "buy"}, {Side::Sell, "sell"}};
constexpr std::pair<PriceEffect, std::string_view> kEffects[] = {{PriceEffect::Credit, "credit"}, {PriceEffect::Debit, "debit"}};
constexpr std::pair<InstrumentKind, std::string_view> kKinds[] = {{InstrumentKind::Option, "option"},
                                                                  {InstrumentKind::Future, "future"}};
constexpr std::pair<OptionType, std::string_view> kRights[] = {{OptionType::Call, "call"}, {OptionType::Put, "put"}};

Instrument instrument_of(element e) {
  Fields<6> f({"kind", "root", "expiry", "multiplier", "strike", "right"});
  f.read(e);
  Instrument i;
  i.kind = enum_of(f.need(0), kKinds);
  i.root = std::string(text(f.need(1)));
  i.expiry = date_of(f.need(2));
  i.multiplier = number_of(f.need(3));
  if (i.kind == InstrumentKind::Option) {
    i.strike = number_of(f.need(4));
    i.right = enum_of(f.need(5), kRights);
  } else {
    i.strike = 0;
    i.right = OptionType::Call;
  }
  return i;
}
std::string optional_text(const auto& f, std::size_t k) { return f.has(k) ? std::string(text(f.values[k])) : std::string{}; }

ComboOrder combo_of(element e) {
  Fields<5> f({"legs", "quantity", "limit", "effect", "tag"});
  f.read(e);
  ComboOrder o;
  simdjson::dom::array legs;
  if (f.need(0).get_array().get(legs)) throw Decline{};
  for (element leg : legs) {
    Fields<3> l({"instrument", "side", "ratio"});
    l.read(leg);
    o.legs.push_back({instrument_of(l.need(0)), enum_of(l.need(1), kSides), int_of(l.need(2))});
  }
  o.quantity = int_of(f.need(1));
  o.limit = number_of(f.need(2));
  o.effect = enum_of(f.need(3), kEffects);
  o.tag = optional_text(f, 4);
  return o;
}
SingleOrder single_of(element e) {
  Fields<5> f({"instrument", "side", "quantity", "limit", "tag"});
  f.read(e);
  SingleOrder o;
  o.instrument = instrument_of(f.need(0));
  o.side = enum_of(f.need(1), kSides);
  o.quantity = int_of(f.need(2));
  o.limit = number_of(f.need(3));
  o.tag = optional_text(f, 4);
  return o;
}

// The envelope checks of decode_envelope_tree, in the same terms; the payload element is returned.
element header_of(element root, Envelope& h) {
  Fields<9> f({"version", "type", "id", "correlation_id", "source", "seq", "send_time", "event_time", "payload"});
  f.read(root);
  h.version = int_of(f.need(0));
  if (h.version != kProtocolVersion) throw Decline{};
  auto type = parse_message_type(text(f.need(1)));
  if (!type) throw Decline{};
  h.type = *type;
  h.id = std::string(text(f.need(2)));
  if (h.id.empty()) throw Decline{};
  if (f.has(3)) h.correlation_id = std::string(text(f.values[3]));
  h.source = std::string(text(f.need(4)));
  h.seq = uint64_of(f.need(5));
  h.send_time_ns = int64_of(f.need(6));
  h.event_time_ns = f.has(7) ? int64_of(f.values[7]) : h.send_time_ns;
  element payload = f.need(8);
  if (payload.type() != element_type::OBJECT) throw Decline{};
  return payload;
}

}  // namespace

struct FastDecoder::Impl {
  simdjson::dom::parser parser;
  bool parse(std::string_view bytes, std::size_t max_bytes, element& root) {
    if (bytes.size() > max_bytes) return false;
    return !parser.parse(bytes.data(), bytes.size()).get(root);
  }
};

FastDecoder::FastDecoder() : impl_(std::make_unique<Impl>()) {}
FastDecoder::~FastDecoder() = default;

std::optional<FastCommand> FastDecoder::command(std::string_view bytes, std::size_t max_bytes) {
  element root;
  if (!impl_->parse(bytes, max_bytes, root)) return std::nullopt;
  try {
    FastCommand c;
    element payload = header_of(root, c.header);
    switch (c.header.type) {
      case MessageType::SubmitCombo: {
        Fields<2> f({"client_order_id", "order"});
        f.read(payload);
        c.command = SubmitCombo{std::string(text(f.need(0))), combo_of(f.need(1))};
        return c;
      }
      case MessageType::SubmitOrder: {
        Fields<2> f({"client_order_id", "order"});
        f.read(payload);
        c.command = SubmitSingle{std::string(text(f.need(0))), single_of(f.need(1))};
        return c;
      }
      case MessageType::Cancel: {
        Fields<1> f({"client_order_id"});
        f.read(payload);
        c.command = CancelRequest{std::string(text(f.need(0)))};
        return c;
      }
      default: return std::nullopt;
    }
  } catch (const Decline&) {
    return std::nullopt;
  }
}

std::optional<FastOrderAck> FastDecoder::order_ack(std::string_view bytes, std::size_t max_bytes) {
  element root;
  if (!impl_->parse(bytes, max_bytes, root)) return std::nullopt;
  try {
    FastOrderAck a;
    element payload = header_of(root, a.header);
    if (a.header.type != MessageType::Ack) return std::nullopt;
    Fields<2> f({"client_order_id", "duplicate"});
    f.read(payload);
    // Exactly an OrderAck: the caller regenerates the payload text from it (CommandAck carries it).
    if (f.unknown != 0 || !f.has(0) || !f.has(1)) return std::nullopt;
    a.ack.client_order_id = std::string(text(f.values[0]));
    bool dup = false;
    if (f.values[1].get_bool().get(dup)) return std::nullopt;
    a.ack.duplicate = dup;
    return a;
  } catch (const Decline&) {
    return std::nullopt;
  }
}

}  // namespace alvh::wire::detail
