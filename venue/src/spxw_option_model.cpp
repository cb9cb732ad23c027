#include "alvh/venue/spxw_option_model.hpp"

#include <algorithm>
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
    : pricer_(&pricer), params_(params) {}

std::optional<AtmVol> SpxwOptionModel::atm_vol(const VolIndexRow& row,
                                               std::optional<double> vix_close) const {
  auto usable = [](Value v) { return v && std::isfinite(*v) && *v > 0; };
  if (row.date >= params_.vix1d_from && usable(row.get(VolIndex::VIX1D)))
    return AtmVol{*row.get(VolIndex::VIX1D) / 100.0, AtmVolSource::vix1d};
  if (usable(row.get(VolIndex::VIX9D))) return AtmVol{*row.get(VolIndex::VIX9D) / 100.0, AtmVolSource::vix9d};
  if (usable(row.get(VolIndex::VIX))) return AtmVol{*row.get(VolIndex::VIX) / 100.0, AtmVolSource::vix};
  if (usable(vix_close)) return AtmVol{*vix_close / 100.0, AtmVolSource::vix};
  return std::nullopt;
}

double SpxwOptionModel::forward(double spot, double years) const {
  return spot * std::exp((params_.rate - params_.dividend) * std::max(years, 0.0));
}

double SpxwOptionModel::vol_at(double atm_vol, double fwd, double strike, double years) const {
  if (years <= 0 || atm_vol <= 0) return atm_vol;
  const double z = std::log(strike / fwd) / (atm_vol * std::sqrt(years));
  return atm_vol * std::clamp(1.0 - params_.skew_slope * z, params_.skew_floor, params_.skew_cap);
}

OptionGreeks SpxwOptionModel::price(OptionType type, double spot, double strike, double years,
                                    double atm_vol) const {
  if (years <= 0) {
    OptionGreeks g;
    g.price = intrinsic_value(type, strike, spot);
    const bool itm = g.price > 0;
    g.delta = itm ? (type == OptionType::Call ? 1.0 : -1.0) : 0.0;
    return g;
  }
  const double fwd = forward(spot, years);
  BsmInput in;
  in.type = type;
  in.spot = spot;
  in.strike = strike;
  in.years = years;
  in.rate = params_.rate;
  in.dividend = params_.dividend;
  in.vol = vol_at(atm_vol, fwd, strike, years);
  return pricer_->bsm(in);
}

}  // namespace alvh::venue
