#include "alvh/venue/vix_option_model.hpp"

#include <algorithm>
#include <cmath>

#include "alvh/venue/spxw_option_model.hpp"

namespace alvh::venue {

const char* vvix_source_name(VvixSource s) {
  return s == VvixSource::vvix ? "VVIX" : "VVIX fallback";
}

VixOptionModel::VixOptionModel(const OptionPricer& pricer, VixModelParams params)
    : pricer_(&pricer), params_(params) {}

VixVol VixOptionModel::atm_vol(std::optional<double> vvix, Date date, double dte) const {
  const bool reliable = vvix && std::isfinite(*vvix) && *vvix > 0 && date >= params_.vvix_reliable_from;
  const double level = reliable ? *vvix : params_.vvix_fallback;
  const double days = std::max(dte, params_.min_dte);
  const double vol = std::clamp(params_.vvix_ratio * level / 100.0 * std::pow(30.0 / days, params_.term_exponent),
                                params_.vol_floor, params_.vol_cap);
  return {vol, reliable ? VvixSource::vvix : VvixSource::fallback};
}

double VixOptionModel::smile_vol(double atm_vol, double forward, double strike, double dte) const {
  const double m = std::log(strike / forward);
  double slope = m >= 0 ? params_.smile_up : params_.smile_down;
  if (params_.smile_term_exponent != 0)
    slope *= std::pow(30.0 / std::max(dte, params_.min_dte), params_.smile_term_exponent);
  // Far below F the linear form would turn negative; keep at least a tenth of the ATM vol.
  return atm_vol * std::max(1.0 + slope * m, 0.1);
}

OptionGreeks VixOptionModel::price(OptionType type, double forward, double strike, double years,
                                   double vol) const {
  if (years <= 0) {
    OptionGreeks g;
    g.price = intrinsic_value(type, strike, forward);
    g.delta = g.price > 0 ? (type == OptionType::Call ? 1.0 : -1.0) : 0.0;
    return g;
  }
  Black76Input in;
  in.type = type;
  in.forward = forward;
  in.strike = strike;
  in.years = years;
  in.rate = params_.rate;
  in.vol = vol;
  return pricer_->black76(in);
}

}  // namespace alvh::venue
