#include "alvh/plugin_abi/from_c.hpp"

#include <cmath>

#include "alvh/plugin_abi/abi_error.hpp"

namespace alvh::plugin_abi {

// The ABI enums mirror the core enums value for value, so conversion is a range check and a cast.
static_assert(static_cast<int>(OrderState::PendingSubmit) == ALVH_PENDING_SUBMIT);
static_assert(static_cast<int>(OrderState::Accepted) == ALVH_ACCEPTED);
static_assert(static_cast<int>(OrderState::PartiallyFilled) == ALVH_PARTIALLY_FILLED);
static_assert(static_cast<int>(OrderState::Filled) == ALVH_FILLED);
static_assert(static_cast<int>(OrderState::PendingCancel) == ALVH_PENDING_CANCEL);
static_assert(static_cast<int>(OrderState::Cancelled) == ALVH_CANCELLED);
static_assert(static_cast<int>(OrderState::Rejected) == ALVH_REJECTED);
static_assert(static_cast<int>(OrderState::Expired) == ALVH_EXPIRED);

namespace {

[[noreturn]] void bad(const std::string& message) { throw AbiError(ALVH_ERR_ARGUMENT, message); }

// Element i of an array of size-prefixed structs, stride taken from element 0.
template <class T>
const T& element(const T* base, std::uint32_t count, std::uint32_t i, const char* what) {
  if (count && !base) throw_null(what);
  const std::uint32_t stride = base[0].struct_size;
  if (stride < sizeof(T)) throw_short(what, stride, sizeof(T));
  const T& e = *reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(base) + std::size_t{stride} * i);
  if (e.struct_size != stride) bad(std::string(what) + ": elements differ in struct_size");
  return e;
}

Side side(std::int32_t s) {
  if (s == ALVH_BUY) return Side::Buy;
  if (s == ALVH_SELL) return Side::Sell;
  bad("side " + std::to_string(s) + " is neither ALVH_BUY nor ALVH_SELL");
}

PriceEffect effect(std::int32_t e) {
  if (e == ALVH_CREDIT) return PriceEffect::Credit;
  if (e == ALVH_DEBIT) return PriceEffect::Debit;
  bad("price effect " + std::to_string(e) + " is neither ALVH_CREDIT nor ALVH_DEBIT");
}

std::optional<double> present(double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); }

Value masked(double v, std::uint32_t mask, unsigned bit) {
  return (mask & (1u << bit)) && !std::isnan(v) ? Value(v) : Value();
}

}  // namespace

void throw_null(const char* what) { bad(std::string(what) + " is null"); }

void throw_short(const char* what, std::uint32_t got, std::size_t want) {
  throw AbiError(ALVH_ERR_ABI, std::string(what) + ": struct_size " + std::to_string(got) + " is smaller than " +
                                   std::to_string(want) + " (built against an older alvh/plugin.h?)");
}

std::string required_string(const char* s, const char* what) {
  if (!s) throw_null(what);
  return s;
}

std::string optional_string(const char* s) { return s ? s : ""; }

Date from_c_date(std::int32_t v, const char* what) {
  const Date d = make_date(v / 10000, static_cast<unsigned>(v / 100 % 100), static_cast<unsigned>(v % 100));
  if (v <= 0 || !d.ok()) bad(std::string(what) + ": " + std::to_string(v) + " is not a YYYYMMDD date");
  return d;
}

Timestamp from_c_time(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }

ExchangeTime from_c(const alvh_exchange_time& t, const char* what) {
  if (t.minutes < 0 || t.minutes >= 24 * 60) bad(std::string(what) + ": minutes " + std::to_string(t.minutes) + " outside 0..1439");
  return {from_c_date(t.date, what), t.minutes};
}

// In place, so a chain's quotes reuse their strings (see from_c(chain, into)).
static void fill(Instrument& i, const alvh_instrument& c) {
  if (c.struct_size < sizeof(alvh_instrument)) throw_short("instrument", c.struct_size, sizeof(alvh_instrument));
  if (c.kind == ALVH_OPTION) i.kind = InstrumentKind::Option;
  else if (c.kind == ALVH_FUTURE) i.kind = InstrumentKind::Future;
  else bad("instrument kind " + std::to_string(c.kind) + " is unknown");
  if (!c.root) throw_null("instrument.root");
  i.root.assign(c.root);
  i.expiry = from_c_date(c.expiry, "instrument.expiry");
  i.strike = c.strike;
  if (c.right == ALVH_CALL) i.right = OptionType::Call;
  else if (c.right == ALVH_PUT) i.right = OptionType::Put;
  else bad("instrument right " + std::to_string(c.right) + " is neither ALVH_CALL nor ALVH_PUT");
  i.multiplier = c.multiplier;
}

Instrument from_c(const alvh_instrument& c) {
  Instrument i;
  fill(i, c);
  return i;
}

ComboOrder from_c(const alvh_combo_order* p) {
  const auto& c = checked(p, "combo order");
  ComboOrder o;
  for (std::uint32_t k = 0; k < c.leg_count; ++k) {
    const auto& l = element(c.legs, c.leg_count, k, "combo order legs");
    o.legs.push_back({from_c(l.instrument), side(l.side), l.ratio});
  }
  o.quantity = c.quantity;
  o.limit = c.limit;
  o.effect = effect(c.effect);
  o.tag = optional_string(c.tag);
  return o;
}

SingleOrder from_c(const alvh_single_order* p) {
  const auto& c = checked(p, "single order");
  return {from_c(c.instrument), side(c.side), c.quantity, c.limit, optional_string(c.tag)};
}

OrderEvent from_c(const alvh_order_event* p) {
  const auto& c = checked(p, "order event");
  if (c.state < ALVH_PENDING_SUBMIT || c.state > ALVH_EXPIRED) bad("order state " + std::to_string(c.state) + " is unknown");
  return {required_string(c.client_order_id, "order event id"), static_cast<OrderState>(c.state), c.filled_quantity,
          optional_string(c.reason), from_c_time(c.time_utc)};
}

Fill from_c(const alvh_fill* p) {
  const auto& c = checked(p, "fill");
  Fill f;
  f.id = required_string(c.client_order_id, "fill id");
  f.quantity = c.quantity;
  f.net_price = c.net_price;
  f.effect = effect(c.effect);
  for (std::uint32_t k = 0; k < c.leg_count; ++k) {
    const auto& l = element(c.legs, c.leg_count, k, "fill legs");
    f.legs.push_back({from_c(l.instrument), side(l.side), l.quantity, l.price});
  }
  f.commission = c.commission;
  f.time = from_c_time(c.time_utc);
  return f;
}

Position from_c(const alvh_position& c) {
  if (c.struct_size < sizeof(alvh_position)) throw_short("position", c.struct_size, sizeof(alvh_position));
  return {from_c(c.instrument), c.quantity, c.average_price, optional_string(c.tag)};
}

AccountSummary from_c(const alvh_account& c) {
  if (c.struct_size < sizeof(alvh_account)) throw_short("account", c.struct_size, sizeof(alvh_account));
  return {c.equity, c.realized_today, c.unrealized};
}

PortfolioGreeks from_c(const alvh_portfolio_greeks& c) {
  if (c.struct_size < sizeof(alvh_portfolio_greeks))
    throw_short("portfolio greeks", c.struct_size, sizeof(alvh_portfolio_greeks));
  return {c.spx_delta, c.spx_gamma, c.spx_vega, c.vix_delta, c.vix_vega, c.theta};
}

DailyBar from_c(const alvh_daily_bar* p) {
  const auto& c = checked(p, "daily bar");
  DailyBar b;
  b.symbol = required_string(c.symbol, "daily bar symbol");
  b.bar.date = from_c_date(c.date, "daily bar date");
  b.bar.open = masked(c.open, c.present_mask, 0);
  b.bar.high = masked(c.high, c.present_mask, 1);
  b.bar.low = masked(c.low, c.present_mask, 2);
  b.bar.close = masked(c.close, c.present_mask, 3);
  return b;
}

IndexValues from_c(const alvh_index_values* p) {
  const auto& c = checked(p, "index values");
  IndexValues v;
  v.time = from_c(c.time, "index values time");
  v.spx = masked(c.spx, c.present_mask, 0);
  v.vix = masked(c.vix, c.present_mask, 1);
  v.vix1d = masked(c.vix1d, c.present_mask, 2);
  v.vix9d = masked(c.vix9d, c.present_mask, 3);
  v.vix3m = masked(c.vix3m, c.present_mask, 4);
  v.vvix = masked(c.vvix, c.present_mask, 5);
  v.vx_front = masked(c.vx_front, c.present_mask, 6);
  return v;
}

static void fill(Quote& q, const alvh_quote& c) {
  fill(q.instrument, c.instrument);
  q.bid = c.bid;
  q.ask = c.ask;
  q.time = from_c_time(c.time_utc);
  q.iv = present(c.iv);
  q.delta = present(c.delta);
  q.vega = present(c.vega);
}

Quote from_c(const alvh_quote& c) {
  Quote q;
  fill(q, c);
  return q;
}

QuoteSnapshot from_c(const alvh_quote_snapshot* p) {
  const auto& c = checked(p, "quote snapshot");
  QuoteSnapshot s;
  s.time = from_c(c.time, "quote snapshot time");
  s.quotes.reserve(c.quote_count);
  for (std::uint32_t k = 0; k < c.quote_count; ++k) s.quotes.push_back(from_c(element(c.quotes, c.quote_count, k, "quotes")));
  return s;
}

OptionChainSnapshot from_c(const alvh_chain_snapshot* p) {
  OptionChainSnapshot s;
  from_c(p, s);
  return s;
}

void from_c(const alvh_chain_snapshot* p, OptionChainSnapshot& s) {
  const auto& c = checked(p, "chain snapshot");
  s.root = required_string(c.root, "chain root");
  s.time = from_c(c.time, "chain time");
  s.observed = from_c_time(c.observed_utc);
  s.underlying = c.underlying;
  if (c.forward_count && !c.forwards) throw_null("chain forwards");
  s.forwards.clear();
  for (std::uint32_t k = 0; k < c.forward_count; ++k)
    s.forwards.push_back({from_c_date(c.forwards[k].expiry, "forward expiry"), c.forwards[k].price});
  s.quotes.resize(c.quote_count);
  for (std::uint32_t k = 0; k < c.quote_count; ++k) fill(s.quotes[k], element(c.quotes, c.quote_count, k, "chain quotes"));
}

SignalSnapshot from_c(const alvh_signal_snapshot* p) {
  const auto& c = checked(p, "signal snapshot");
  SignalSnapshot s;
  s.time = from_c(c.time, "signal snapshot time");
  if (c.value_count && !c.values) throw_null("signal values");
  for (std::uint32_t k = 0; k < c.value_count; ++k)
    s.values[required_string(c.values[k].column, "signal column")] = present(c.values[k].value);
  return s;
}

Settlement from_c(const alvh_settlement* p) {
  const auto& c = checked(p, "settlement");
  return {from_c(c.instrument), from_c_date(c.date, "settlement date"), c.settlement_price, c.quantity, c.cash};
}

TimerEvent from_c(const alvh_timer_event* p) {
  const auto& c = checked(p, "timer event");
  return {c.timer_id, optional_string(c.name), from_c(c.scheduled, "timer scheduled time")};
}

}  // namespace alvh::plugin_abi
