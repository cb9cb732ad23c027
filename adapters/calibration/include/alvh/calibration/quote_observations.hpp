#pragma once
// Real quotes turned into what the fit and the validation compare: per out-of-the-money option,
// its mid, the parity forward of its expiry, its Black implied vol (ACT/365 from the quote time)
// and delta; grouped by (session, expiry) with the index values a decision at the quote time
// could know (the close of QuoteSession::index_date).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/market_series.hpp"
#include "alvh/core/option_pricer.hpp"
#include "alvh/quotes/quote_session.hpp"
#include "alvh/venue/spxw_option_model.hpp"

namespace alvh::calibration {

// SPXW: 1 weekday (next trading day, one calendar day), 2 days, a weekend or holiday span to the
// next trading day, 3-10 and 11-60 calendar days. VIX options: 7-30, 31-90, 91-250 days.
enum class TenorBucket { one_weekday, two_days, weekend_span, days_3_10, days_11_60, vix_7_30, vix_31_90, vix_91_250 };
const char* tenor_bucket_name(TenorBucket b);

struct Observation {
  std::size_t group = 0;
  OptionType right = OptionType::Call;
  double strike = 0;
  double bid = 0, ask = 0, mid = 0;  // points (implied-vol files: Black prices of the quoted vols)
  double real_vol = 0;               // Black vol of the mid, ACT/365
  double real_delta = 0;             // at real_vol
  double log_moneyness = 0;          // ln(K/F)
  bool fit = true;                   // used by the fit (at most 60 evenly spread per expiry)
};

struct ExpiryGroup {
  std::size_t session = 0;
  Date expiry{};
  double forward = 0;
  double years_cal = 0;  // quote time to expiry (16:00 SPXW, 09:30 VIX), ACT/365
  double days = 0;       // the same in calendar days
  TenorBucket tenor = TenorBucket::days_3_10;
  std::size_t first = 0, count = 0;         // its observations
  std::optional<venue::SpxwSliceInputs> spxw;  // SPXW: clock spans and index levels
};

struct SessionInputs {
  const quotes::QuoteSession* quotes = nullptr;
  VolIndexRow indices;  // the close of index_date, dated as the session (VIX1D launch check)
  std::optional<double> vix_close, vvix, skew;
};

struct ObservationSet {
  std::vector<SessionInputs> sessions;
  std::vector<ExpiryGroup> spxw_groups, vix_groups;
  std::vector<Observation> spxw, vix;
  std::vector<std::string> notes;  // what was left out and why
};

// Sessions without index values for their index_date are left out (named in notes).
ObservationSet build_observations(const std::vector<quotes::QuoteSession>& sessions, const MarketHistory& history,
                                  const OptionPricer& pricer, const venue::SpxwOptionModel& spxw);

// The VIX-option expiry time (09:30 AM settlement) and the SPXW one (16:00).
inline constexpr int kVixExpiryMinutes = 9 * 60 + 30;
inline constexpr int kSpxwExpiryMinutes = 16 * 60;

}  // namespace alvh::calibration
