#pragma once
// The backtest's option market: model quotes for SPXW and VIX options (and VX futures) on a
// replay day, and the settlement values at expiry. Built from SpxwOptionModel, VixOptionModel,
// vx_forward and the fitted quote widths; every quote says which inputs it used. The parameters
// are fitted to real chains by `alvh calibrate` and set by the config's `model:` section.
#include <optional>
#include <string>

#include "alvh/venue/market_day.hpp"
#include "alvh/venue/quote_spread.hpp"
#include "alvh/venue/spxw_option_model.hpp"
#include "alvh/venue/vix_option_model.hpp"
#include "alvh/venue/vx_forward_curve.hpp"
#include "alvh/core/clock.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/core/market_events.hpp"

namespace alvh::venue {

struct OptionModelParams {
  SpxwModelParams spxw;
  VixModelParams vix;
  SpreadParams spxw_spread = kSpxwSpread;
  SpreadParams vix_spread = kVixSpread;
  double vx_half_spread = 0.025;            // half a VX tick
  int spxw_expiry_minutes = hhmm(16, 0);    // PM settlement at the close
  int vix_expiry_minutes = hhmm(9, 30);     // AM SOQ on expiry morning
};

struct ModelQuote {
  Quote quote;          // bid/ask around the model mid, iv/delta/vega filled
  OptionGreeks greeks;  // per unit (x multiplier for $)
  double underlying = 0;  // SPX forward (SPXW) or VX future (VIX options, VX)
  double vol = 0;         // the vol used at this strike
  std::string vol_source;      // "VIX1D", "VIX9D", "VIX", "VVIX", "VVIX fallback 86"
  std::string forward_source;  // SPXW: "spot"; VIX: listed/interpolated/extrapolated/spot_proxy
};

enum class SettlementSource { spx_close, vix_open, vix_close_proxy };
const char* settlement_source_name(SettlementSource s);

struct SettlementValue {
  double value = 0;
  SettlementSource source = SettlementSource::spx_close;
};

// Timestamps in the replay are New York wall-clock minutes laid on the date (no tz in core); the
// replay clock uses the same mapping, so staleness comparisons stay consistent.
Timestamp replay_timestamp(Date d, int minutes);

class OptionModel {
 public:
  explicit OptionModel(const OptionPricer& pricer, OptionModelParams params = {});

  const OptionModelParams& params() const { return params_; }
  const SpxwOptionModel& spxw() const { return spxw_; }
  const VixOptionModel& vix() const { return vix_; }

  // Quote at `minutes` on `day` (the day's close stands in for the spot at any minute: daily data).
  // Empty when the inputs are missing or the instrument has expired before `day`.
  std::optional<ModelQuote> quote(const Instrument& instrument, const MarketDay& day, int minutes) const;

  // The underlying's settlement value for an option expiring on `day.date`: SPX close (SPXW);
  // VIX open as the stand-in for the SOQ (VIX options), else the VIX close, flagged.
  std::optional<SettlementValue> settlement(const Instrument& instrument, const MarketDay& day) const;

  // The SPXW slice (clock, ATM level, smile scale) of `expiry` seen from `day` at `minutes`.
  std::optional<SpxwSlice> spxw_slice(const MarketDay& day, int minutes, Date expiry) const;

 private:
  OptionModelParams params_;
  SpxwOptionModel spxw_;
  VixOptionModel vix_;
};

}  // namespace alvh::venue
