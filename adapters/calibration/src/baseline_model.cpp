#include "alvh/calibration/baseline_model.hpp"

#include <algorithm>
#include <cmath>

namespace alvh::calibration {

namespace {
bool usable(Value v) { return v && std::isfinite(*v) && *v > 0; }
}  // namespace

std::optional<BaselineQuote> baseline_spxw_quote(const OptionPricer& pricer, const VolIndexRow& row,
                                          std::optional<double> vix_close, OptionType right, double forward,
                                          double strike, double years) {
  std::optional<double> atm;
  if (row.date >= make_date(2023, 4, 24) && usable(row.get(VolIndex::VIX1D))) atm = *row.get(VolIndex::VIX1D) / 100;
  else if (usable(row.get(VolIndex::VIX9D))) atm = *row.get(VolIndex::VIX9D) / 100;
  else if (usable(row.get(VolIndex::VIX))) atm = *row.get(VolIndex::VIX) / 100;
  else if (usable(vix_close)) atm = *vix_close / 100;
  if (!atm || !(years > 0)) return std::nullopt;
  const double z = std::log(strike / forward) / (*atm * std::sqrt(years));
  const double vol = *atm * std::clamp(1.0 - 0.10 * z, 0.5, 3.0);
  return BaselineQuote{pricer.bsm({right, forward, strike, years, 0.0, 0.0, vol}).price, vol};
}

std::optional<BaselineQuote> baseline_vix_quote(const OptionPricer& pricer, std::optional<double> vvix, OptionType right,
                                         double forward, double strike, double years) {
  if (!vvix || !(years > 0)) return std::nullopt;
  const double dte = std::max(years * 365.0, 1.0);
  const double atm = std::clamp(*vvix / 100.0 * std::pow(30.0 / dte, 0.35), 0.30, 2.50);
  const double m = std::log(strike / forward);
  const double vol = atm * std::max(1.0 + (m >= 0 ? 0.35 : 0.10) * m, 0.1);
  return BaselineQuote{pricer.black76({right, forward, strike, years, 0.0, vol}).price, vol};
}

}  // namespace alvh::calibration
