#pragma once
// Trading-time clock for SPXW option variance. The span from valuation to expiry is split into
// regular-session minutes, overnights (close to next open), weekend days and weekday market
// holidays; each part carries a variance weight. One regular weekday (its overnight plus its
// session) is one unit, so a Friday-close to Monday-close span is
// overnight + 2 x weekend_day + session, not three days. Weights are fitted to real chains by
// `alvh calibrate` (docs/model.md). Holidays come from the NYSE rules below (standard library:
// the venue has no calendar adapter); early closes are treated as full sessions.
#include "alvh/core/date.hpp"

namespace alvh::venue {

// Defaults: fitted by `alvh calibrate` (config/alvh.yaml names the data).
struct VarianceClockParams {
  double overnight_share = 0.2295;  // share of a weekday's variance between close and next open
  double weekend_day = 0.0;         // one Saturday or Sunday, in weekday units
  double holiday = 0.8123;          // one weekday market holiday, in weekday units
};

inline constexpr int kSessionOpenMinutes = 9 * 60 + 30;
inline constexpr int kSessionCloseMinutes = 16 * 60;
inline constexpr double kTradingDaysPerYear = 252.0;

// NYSE full-day closures by rule (New Year, MLK, Presidents, Good Friday, Memorial, Juneteenth
// from 2022, Independence, Labor, Thanksgiving, Christmas; weekend observance) plus the
// unscheduled closures since 2001.
bool nyse_holiday(Date d);
bool nyse_trading_day(Date d);

// A span's parts before weighting (gaps partly covered count pro rata): units = session share x
// sessions + overnight_share x overnights + weekend_day x weekend_days + holiday x holidays.
struct ClockSpan {
  double sessions = 0, overnights = 0, weekend_days = 0, holidays = 0;
};

// The parts of the span between two New York wall-clock instants (all 0 when `to` is not later).
ClockSpan clock_span(Date from, int from_minutes, Date to, int to_minutes);

class VarianceClock {
 public:
  explicit VarianceClock(VarianceClockParams params = {}) : params_(params) {}
  const VarianceClockParams& params() const { return params_; }

  // Weekday units between two New York wall-clock instants (0 when `to` is not later).
  double units(Date from, int from_minutes, Date to, int to_minutes) const {
    return units(clock_span(from, from_minutes, to, to_minutes));
  }
  double units(const ClockSpan& s) const {
    return (1.0 - params_.overnight_share) * s.sessions + params_.overnight_share * s.overnights +
           params_.weekend_day * s.weekend_days + params_.holiday * s.holidays;
  }
  // The same span in variance years (units / 252): the time a Black-Scholes price uses.
  double years(Date from, int from_minutes, Date to, int to_minutes) const {
    return units(from, from_minutes, to, to_minutes) / kTradingDaysPerYear;
  }

 private:
  VarianceClockParams params_;
};

}  // namespace alvh::venue
