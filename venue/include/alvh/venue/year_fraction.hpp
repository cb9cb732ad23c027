#pragma once
// ACT/365 year fractions with minute precision, the time convention of every model price in the
// backtest (a 1DTE condor entered 15:45 ET has T = (1 day + 15 min) / 365; weekends count).
#include "alvh/core/date.hpp"

namespace alvh::venue {

inline constexpr double kMinutesPerYear = 365.0 * 24.0 * 60.0;

// Years from (from, from_minutes) to (to, to_minutes); minutes are New York wall-clock minutes
// after midnight. Negative when `to` is earlier.
inline double act365_years(Date from, int from_minutes, Date to, int to_minutes) {
  const double minutes = static_cast<double>(days_between(from, to)) * 24.0 * 60.0 +
                         static_cast<double>(to_minutes - from_minutes);
  return minutes / kMinutesPerYear;
}

}  // namespace alvh::venue
