#include "alvh/calibration/model_yaml.hpp"

#include <cstdio>
#include <sstream>

namespace alvh::calibration {

namespace {

std::string n(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void width(std::ostringstream& o, const venue::SpreadParams& p, const char* indent) {
  o << indent << "width:\n"
    << indent << "  base: " << n(p.base) << "\n"
    << indent << "  share: " << n(p.share) << "\n"
    << indent << "  tenor_exponent: " << n(p.tenor_exponent) << "\n"
    << indent << "  max_width: " << n(p.max_width) << "\n";
}

}  // namespace

std::string model_yaml(const CalibrationResult& r, const std::string& source) {
  const auto& s = r.params.spxw;
  const auto& v = r.params.vix;
  std::ostringstream o;
  o << "# Fitted by `alvh calibrate --quotes " << source << "` on " << r.sessions.size() << " sessions (";
  for (std::size_t i = 0; i < r.sessions.size(); ++i) o << (i ? ", " : "") << r.sessions[i];
  o << ").\n"
    << "# SPXW: " << r.spxw.observations << " out-of-the-money quotes in " << r.spxw.groups
    << " expiries up to 60 days; loss (pseudo-Huber, vol points) " << n(r.spxw.loss_before) << " -> "
    << n(r.spxw.loss_after) << ".\n"
    << "# SKEW-index scaling of the smile, two-fold cross-validated loss: without " << n(r.skew_cv_without)
    << ", with " << n(r.skew_cv_with) << " -> " << (r.skew_kept ? "kept" : "not kept") << ".\n"
    << "# VIX options: " << r.vix.observations << " quotes in " << r.vix.groups << " expiries of 7-250 days; loss "
    << n(r.vix.loss_before) << " -> " << n(r.vix.loss_after) << ".\n"
    << "# Widths: mean |log(model/real width)| SPXW " << n(r.spxw_width.loss_before) << " -> "
    << n(r.spxw_width.loss_after) << ", VIX " << n(r.vix_width.loss_before) << " -> " << n(r.vix_width.loss_after)
    << ".\n"
    << "# Half the median real width of a 1-day condor's legs: " << n(r.spxw_leg_half_width)
    << " (SPXW), of 0.2-0.6 delta VIX calls: " << n(r.vix_call_half_width)
    << " (VIX): the per-leg slippage the widths imply (execution.slippage).\n"
    << "model:\n"
    << "  spxw:\n"
    << "    clock:\n"
    << "      overnight_share: " << n(s.clock.overnight_share) << "\n"
    << "      weekend_day: " << n(s.clock.weekend_day) << "\n"
    << "      holiday: " << n(s.clock.holiday) << "\n"
    << "    atm_ratio:\n"
    << "      vix1d: " << n(s.ratio_vix1d) << "\n"
    << "      vix9d: " << n(s.ratio_vix9d) << "\n"
    << "      vix: " << n(s.ratio_vix) << "\n"
    << "      vix3m: " << n(s.ratio_vix3m) << "\n"
    << "    smile:\n"
    << "      slope: " << n(s.smile.slope) << "\n"
    << "      put_curve: " << n(s.smile.put_curve) << "\n"
    << "      call_curve: " << n(s.smile.call_curve) << "\n"
    << "      term_exponent: " << n(s.smile.term_exponent) << "\n"
    << "      skew_index_scaling: " << (s.smile.skew_index_scaling ? "true" : "false") << "\n"
    << "      skew_reference: " << n(s.smile.skew_reference) << "\n";
  width(o, r.params.spxw_spread, "    ");
  o << "  vix:\n"
    << "    vvix_ratio: " << n(v.vvix_ratio) << "\n"
    << "    term_exponent: " << n(v.term_exponent) << "\n"
    << "    smile_up: " << n(v.smile_up) << "\n"
    << "    smile_down: " << n(v.smile_down) << "\n"
    << "    smile_term_exponent: " << n(v.smile_term_exponent) << "\n";
  width(o, r.params.vix_spread, "    ");
  return o.str();
}

}  // namespace alvh::calibration
