#pragma once
// Model prices for VIX options: Black-76 on the same-expiry VX future. ATM vol anchored on VVIX
// (a 30-day VIX-option vol): ratio x VVIX/100 x (30/DTE)^term_exponent; an upward-sloping smile
// in ln(K/F) whose slopes scale with (30/DTE)^smile_term_exponent. Ratio, exponents and slopes
// are fitted to real VIX option quotes by `alvh calibrate`. Assumptions and limits: docs/model.md.
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh::venue {

enum class VvixSource { vvix, fallback };
const char* vvix_source_name(VvixSource s);

struct VixVol {
  double vol = 0;
  VvixSource source = VvixSource::vvix;
};

struct VixModelParams {
  double vvix_fallback = 86.0;                      // 2007-2012 average VVIX (docs/references.md §R3)
  Date vvix_reliable_from = make_date(2007, 1, 1);  // 2006 values are sparse and unreliable
  // Fitted by `alvh calibrate` (config/alvh.yaml names the data):
  double vvix_ratio = 0.9617;     // ATM vol at 30 days / (VVIX / 100)
  double term_exponent = 0.2706;  // sigma_atm(T) = ratio * VVIX/100 * (30/DTE)^exponent
  double vol_floor = 0.30;
  double vol_cap = 2.50;
  double smile_up = 0.7544;    // sigma(K) = sigma_atm * (1 + s * smile_up * ln(K/F)) for K >= F
  double smile_down = 0.8748;  // same form below F (vol still rising with K)
  double smile_term_exponent = 0.1985;  // s = (30/DTE)^smile_term_exponent
  double min_dte = 1.0;      // the term model is not defined at 0 days
  double rate = 0.0;
};

class VixOptionModel {
 public:
  explicit VixOptionModel(const OptionPricer& pricer, VixModelParams params = {});

  const VixModelParams& params() const { return params_; }

  // ATM vol for an option `dte` calendar days from expiry; VVIX when present and reliable.
  VixVol atm_vol(std::optional<double> vvix, Date date, double dte) const;
  double smile_vol(double atm_vol, double forward, double strike, double dte = 30.0) const;
  // Black-76 price and Greeks (delta per VX point); intrinsic vs `forward` when years <= 0.
  OptionGreeks price(OptionType type, double forward, double strike, double years, double vol) const;

 private:
  const OptionPricer* pricer_;
  VixModelParams params_;
};

}  // namespace alvh::venue
