#include "alvh/venue/option_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "alvh/venue/year_fraction.hpp"

namespace alvh::venue {

const char* settlement_source_name(SettlementSource s) {
  switch (s) {
    case SettlementSource::spx_close: return "SPX close";
    case SettlementSource::vix_open: return "VIX open (SOQ stand-in)";
    case SettlementSource::vix_close_proxy: return "VIX close (no open; SOQ proxy)";
  }
  return "?";
}

Timestamp replay_timestamp(Date d, int minutes) {
  return Timestamp{std::chrono::sys_days{d}} + std::chrono::minutes{minutes};
}

OptionModel::OptionModel(const OptionPricer& pricer, OptionModelParams params)
    : params_(params), spxw_(pricer, params.spxw), vix_(pricer, params.vix) {}

namespace {

ModelQuote make_quote(const Instrument& instrument, const MarketDay& day, int minutes, OptionGreeks g,
                      const SpreadParams& spread) {
  ModelQuote q;
  g.price = floor_to_tick(g.price);
  q.greeks = g;
  q.quote.instrument = instrument;
  const double days = days_between(day.date, instrument.expiry) + (16 * 60 - minutes) / 1440.0;
  const BidAsk ba = spread_around(g.price, days, spread);
  q.quote.bid = ba.bid;
  q.quote.ask = ba.ask;
  q.quote.time = replay_timestamp(day.date, minutes);
  q.quote.delta = g.delta;
  q.quote.vega = g.vega;
  return q;
}

}  // namespace

std::optional<ModelQuote> OptionModel::quote(const Instrument& instrument, const MarketDay& day,
                                             int minutes) const {
  if (instrument.root == "SPXW") {
    if (instrument.kind != InstrumentKind::Option) return std::nullopt;
    const auto s = spxw_slice(day, minutes, instrument.expiry);
    if (!s) return std::nullopt;
    const double fwd = spxw_.forward(day.spx_close, s->years_cal);
    const OptionGreeks g = spxw_.price(instrument.right, day.spx_close, instrument.strike, *s);
    ModelQuote q = make_quote(instrument, day, minutes, g, params_.spxw_spread);
    q.underlying = fwd;
    q.vol = spxw_.vol_cal(*s, fwd, instrument.strike);
    q.quote.iv = q.vol;
    q.vol_source = atm_vol_source_name(s->source);
    q.forward_source = "spot";
    return q;
  }

  if (instrument.root != "VIX" && instrument.root != "VX") return std::nullopt;
  const auto fwd = vx_forward(day.curve, &day.vols, day.date, instrument.expiry);
  if (!fwd) return std::nullopt;

  if (instrument.kind == InstrumentKind::Future) {
    ModelQuote q;
    q.quote.instrument = instrument;
    q.quote.bid = fwd->value - params_.vx_half_spread;
    q.quote.ask = fwd->value + params_.vx_half_spread;
    q.quote.time = replay_timestamp(day.date, minutes);
    q.quote.delta = 1.0;
    q.greeks.price = fwd->value;
    q.greeks.delta = 1.0;
    q.underlying = fwd->value;
    q.forward_source = forward_source_name(fwd->source);
    return q;
  }

  const double years = act365_years(day.date, minutes, instrument.expiry, params_.vix_expiry_minutes);
  const double dte = std::max(years * 365.0, 0.0);
  const VixVol atm = vix_.atm_vol(day.vols.get(VolIndex::VVIX), day.date, dte);
  const double vol = vix_.smile_vol(atm.vol, fwd->value, instrument.strike, dte);
  const OptionGreeks g = vix_.price(instrument.right, fwd->value, instrument.strike, years, vol);
  ModelQuote q = make_quote(instrument, day, minutes, g, params_.vix_spread);
  q.underlying = fwd->value;
  q.vol = vol;
  q.quote.iv = vol;
  q.vol_source = atm.source == VvixSource::vvix ? "VVIX" : "VVIX fallback";
  q.forward_source = forward_source_name(fwd->source);
  return q;
}

std::optional<SpxwSlice> OptionModel::spxw_slice(const MarketDay& day, int minutes, Date expiry) const {
  // Chains price many strikes of one expiry in a row: keep recent slices per thread. The key
  // holds every input of the slice (and the model, whose parameters shape it).
  struct Key {
    const OptionModel* model = nullptr;
    Date date{}, expiry{};
    int minutes = 0;
    std::array<Value, kVolIndexCount> vols{};
    Value vix_close;
    bool operator==(const Key&) const = default;
  };
  // A few entries: a day prices chains and marks of several expiries in turn.
  struct Entry {
    Key key;
    std::optional<SpxwSlice> slice;
  };
  thread_local std::array<Entry, 8> cache{};
  thread_local std::size_t next = 0;
  const Key key{this, day.date, expiry, minutes, day.vols.close, day.vix_close};
  for (const auto& e : cache)
    if (e.key.model != nullptr && e.key == key) return e.slice;
  Entry& e = cache[next];
  next = (next + 1) % cache.size();
  e.key = key;
  e.slice = spxw_.slice(day.vols, day.vix_close, day.date, minutes, expiry, params_.spxw_expiry_minutes);
  return e.slice;
}

std::optional<SettlementValue> OptionModel::settlement(const Instrument& instrument,
                                                       const MarketDay& day) const {
  if (instrument.root == "SPXW") return SettlementValue{day.spx_close, SettlementSource::spx_close};
  if (instrument.root == "VIX" || instrument.root == "VX") {
    if (day.vix_open && std::isfinite(*day.vix_open) && *day.vix_open > 0)
      return SettlementValue{*day.vix_open, SettlementSource::vix_open};
    if (day.vix_close) return SettlementValue{*day.vix_close, SettlementSource::vix_close_proxy};
  }
  return std::nullopt;
}

}  // namespace alvh::venue
