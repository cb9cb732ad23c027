#include "alvh/venue/spxw_option_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace alvh::venue {

const char* atm_vol_source_name(AtmVolSource s) {
  switch (s) {
    case AtmVolSource::vix1d: return "VIX1D";
    case AtmVolSource::vix9d: return "VIX9D";
    case AtmVolSource::vix: return "VIX";
  }
  return "?";
}

double intrinsic_value(OptionType type, double strike, double settlement) {
  return type == OptionType::Call ? std::max(settlement - strike, 0.0)
                                  : std::max(strike - settlement, 0.0);
}

SpxwOptionModel::SpxwOptionModel(const OptionPricer& pricer, SpxwModelParams params)
    : pricer_(&pricer), params_(params), clock_(params.clock) {}

namespace {

bool usable(Value v) { return v && std::isfinite(*v) && *v > 0; }

}  // namespace

std::optional<AtmVol> SpxwOptionModel::atm_vol(const VolIndexRow& row, std::optional<double> vix_close) const {
  if (row.date >= params_.vix1d_from && usable(row.get(VolIndex::VIX1D)))
    return AtmVol{*row.get(VolIndex::VIX1D) / 100.0, AtmVolSource::vix1d};
  if (usable(row.get(VolIndex::VIX9D))) return AtmVol{*row.get(VolIndex::VIX9D) / 100.0, AtmVolSource::vix9d};
  if (usable(row.get(VolIndex::VIX))) return AtmVol{*row.get(VolIndex::VIX) / 100.0, AtmVolSource::vix};
  if (usable(vix_close)) return AtmVol{*vix_close / 100.0, AtmVolSource::vix};
  return std::nullopt;
}

std::optional<SpxwSliceInputs> SpxwOptionModel::slice_inputs(const VolIndexRow& row, std::optional<double> vix_close,
                                                             Date date, int minutes, Date expiry,
                                                             int expiry_minutes) const {
  SpxwSliceInputs in;
  in.to_expiry = clock_span(date, minutes, expiry, expiry_minutes);
  in.years_cal = (days_between(date, expiry) * 1440.0 + expiry_minutes - minutes) / (365.0 * 1440.0);
  if (!(in.years_cal > 0)) return std::nullopt;
  auto add = [&](Value level, int horizon, Date until, int until_minutes, AtmVolSource src) {
    if (!usable(level)) return;
    SpxwSliceInputs::Anchor a;
    a.source = src;
    a.horizon = horizon;
    a.level = *level;
    a.span = clock_span(date, minutes, until, until_minutes);
    a.cal_years = (days_between(date, until) * 1440.0 + until_minutes - minutes) / (365.0 * 1440.0);
    // VIX1D is one session's variance whatever the calendar span to it (its Friday close is
    // about Monday's session, not three days): one day of a 365-day year.
    if (horizon == 0) a.cal_years = std::min(a.cal_years, 1.0 / 365.0);
    if (a.cal_years > 0) in.anchors[in.anchor_count++] = a;
  };
  if (date >= params_.vix1d_from) {
    // VIX1D: the coming session, from valuation to the next close.
    Date next = date;
    if (!(nyse_trading_day(date) && minutes < kSessionCloseMinutes)) {
      next = add_days(date, 1);
      while (!nyse_trading_day(next)) next = add_days(next, 1);
    }
    add(row.get(VolIndex::VIX1D), 0, next, kSessionCloseMinutes, AtmVolSource::vix1d);
  }
  add(row.get(VolIndex::VIX9D), 1, add_days(date, 9), minutes, AtmVolSource::vix9d);
  add(usable(row.get(VolIndex::VIX)) ? row.get(VolIndex::VIX) : Value(vix_close), 2, add_days(date, 30), minutes,
      AtmVolSource::vix);
  add(row.get(VolIndex::VIX3M), 3, add_days(date, 93), minutes, AtmVolSource::vix);
  if (in.anchor_count == 0) return std::nullopt;
  if (usable(row.get(VolIndex::SKEW))) in.skew = row.get(VolIndex::SKEW);
  return in;
}

std::optional<SpxwSlice> SpxwOptionModel::slice(const SpxwSliceInputs& in) const {
  const double units = clock_.units(in.to_expiry);
  if (!(units > 0) || in.anchor_count == 0) return std::nullopt;
  const std::array<double, 4> ratio{params_.ratio_vix1d, params_.ratio_vix9d, params_.ratio_vix, params_.ratio_vix3m};
  // Points (clock units, ATM total variance), by horizon.
  std::array<std::pair<double, double>, 4> pts{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.anchor_count; ++i) {
    const auto& a = in.anchors[i];
    const double u = clock_.units(a.span);
    if (!(u > 0)) continue;
    const double v = ratio[static_cast<std::size_t>(a.horizon)] * a.level / 100.0;
    // Keep the points increasing in clock time (a zero-weight clock could tie them).
    if (n > 0 && u <= pts[n - 1].first) continue;
    pts[n++] = {u, v * v * a.cal_years};
  }
  if (n == 0) return std::nullopt;
  double w = 0;
  if (units <= pts[0].first) {
    w = pts[0].second * units / pts[0].first;
  } else if (units >= pts[n - 1].first) {
    w = pts[n - 1].second * units / pts[n - 1].first;
  } else {
    for (std::size_t i = 1; i < n; ++i)
      if (units <= pts[i].first) {
        const double t = (units - pts[i - 1].first) / (pts[i].first - pts[i - 1].first);
        w = pts[i - 1].second + t * (pts[i].second - pts[i - 1].second);
        break;
      }
  }
  SpxwSlice s;
  s.units = units;
  s.years_var = units / kTradingDaysPerYear;
  s.years_cal = in.years_cal;
  s.atm_total_var = w;
  s.source = in.anchors[0].source;
  const auto& sm = params_.smile;
  s.smile_scale = sm.term_exponent == 0 ? 1.0 : std::pow(units, sm.term_exponent);
  if (sm.skew_index_scaling && in.skew && sm.skew_reference > 100)
    s.smile_scale *= std::clamp((*in.skew - 100.0) / (sm.skew_reference - 100.0), 0.3, 3.0);
  return s;
}

std::optional<SpxwSlice> SpxwOptionModel::slice(const VolIndexRow& row, std::optional<double> vix_close, Date date,
                                                int minutes, Date expiry, int expiry_minutes) const {
  const auto in = slice_inputs(row, vix_close, date, minutes, expiry, expiry_minutes);
  if (!in) return std::nullopt;
  return slice(*in);
}

double SpxwOptionModel::forward(double spot, double years_cal) const {
  return spot * std::exp((params_.rate - params_.dividend) * std::max(years_cal, 0.0));
}

double SpxwOptionModel::smile_factor(const SpxwSlice& s, double fwd, double strike) const {
  if (!(s.atm_total_var > 0)) return 1.0;
  const auto& sm = params_.smile;
  const double z = std::log(strike / fwd) / std::sqrt(s.atm_total_var);
  const double curve = z < 0 ? sm.put_curve : sm.call_curve;
  return std::clamp(1.0 + s.smile_scale * (sm.slope * z + curve * z * z), sm.floor, sm.cap);
}

double SpxwOptionModel::vol_var(const SpxwSlice& s, double fwd, double strike) const {
  if (!(s.years_var > 0)) return 0.0;
  return std::sqrt(s.atm_total_var / s.years_var) * smile_factor(s, fwd, strike);
}

double SpxwOptionModel::vol_cal(const SpxwSlice& s, double fwd, double strike) const {
  if (!(s.years_cal > 0)) return 0.0;
  return std::sqrt(s.atm_total_var / s.years_cal) * smile_factor(s, fwd, strike);
}

OptionGreeks SpxwOptionModel::price(OptionType type, double spot, double strike, const SpxwSlice& s) const {
  if (s.years_var <= 0) {
    OptionGreeks g;
    g.price = intrinsic_value(type, strike, spot);
    g.delta = g.price > 0 ? (type == OptionType::Call ? 1.0 : -1.0) : 0.0;
    return g;
  }
  const double fwd = forward(spot, s.years_cal);
  BsmInput in;
  in.type = type;
  in.spot = spot;
  in.strike = strike;
  in.years = s.years_var;
  // Carry and discounting accrue in calendar time; restate the rates per variance year.
  const double scale = s.years_cal / s.years_var;
  in.rate = params_.rate * scale;
  in.dividend = params_.dividend * scale;
  in.vol = vol_var(s, fwd, strike);
  return pricer_->bsm(in);
}

}  // namespace alvh::venue
