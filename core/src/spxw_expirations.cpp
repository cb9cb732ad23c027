#include "alvh/core/spxw_expirations.hpp"

namespace alvh {

namespace {

using std::chrono::weekday;

// Calendar days from d forward to the next `target` weekday (0 when d is one).
int days_until(Date d, weekday target) { return static_cast<int>((target - weekday_of(d)).count()); }
// Calendar days from the previous `target` weekday forward to d (0 when d is one).
int days_since(Date d, weekday target) { return static_cast<int>((weekday_of(d) - target).count()); }

// A Wed/Fri series: the nominal day, or the trading day before it when the exchange is closed.
bool is_shifted_back_expiry(Date d, weekday nominal_day, Date first, const ExchangeCalendar& cal) {
  const Date nominal = add_days(d, days_until(d, nominal_day));
  if (nominal < first) return false;
  if (nominal == d) return true;
  return !cal.is_trading_day(nominal) && cal.previous_trading_day(nominal) == d;
}

// The Monday series: the Monday, or the trading day after it when the exchange is closed.
bool is_monday_expiry(Date d, const ExchangeCalendar& cal) {
  const Date nominal = add_days(d, -days_since(d, std::chrono::Monday));
  if (nominal < spxw_history::first_monday) return false;
  if (nominal == d) return true;
  return !cal.is_trading_day(nominal) && cal.next_trading_day(nominal) == d;
}

bool is_end_of_month_expiry(Date d, const ExchangeCalendar& cal) {
  return d >= spxw_history::first_end_of_month && cal.next_trading_day(d).month() != d.month();
}

std::string missing_reason(Date d) {
  const std::string prefix = "no SPXW expiry on " + to_iso(d);
  if (d < spxw_history::first_friday) {
    return prefix + " (SPX weeklys start with the 2005-11-04 Friday expiry, listed from 2005-10-28)";
  }
  const weekday wd = weekday_of(d);
  if (wd == std::chrono::Monday && d < spxw_history::first_monday) {
    return prefix + " (Monday expiries start 2016-08-22, listed from 2016-08-15)";
  }
  if (wd == std::chrono::Tuesday && d < spxw_history::first_tuesday) {
    return prefix + " (Tuesday expiries start 2022-04-26, listed from 2022-04-18)";
  }
  if (wd == std::chrono::Wednesday && d < spxw_history::first_wednesday) {
    return prefix + " (Wednesday expiries start 2016-03-02, listed from 2016-02-23)";
  }
  if (wd == std::chrono::Thursday && d < spxw_history::first_thursday) {
    return prefix + " (Thursday expiries start 2022-05-19, listed from 2022-05-11)";
  }
  return prefix + " (no listed series expires that day)";
}

}  // namespace

bool is_spxw_expiry(Date d, const ExchangeCalendar& cal) {
  if (d < spxw_history::first_friday || !cal.is_trading_day(d)) return false;
  const weekday wd = weekday_of(d);
  if (wd == std::chrono::Tuesday && d >= spxw_history::first_tuesday) return true;
  if (wd == std::chrono::Thursday && d >= spxw_history::first_thursday) return true;
  return is_shifted_back_expiry(d, std::chrono::Friday, spxw_history::first_friday, cal) ||
         is_shifted_back_expiry(d, std::chrono::Wednesday, spxw_history::first_wednesday, cal) ||
         is_monday_expiry(d, cal) || is_end_of_month_expiry(d, cal);
}

std::vector<Date> spxw_expiries(Date from, Date to, const ExchangeCalendar& cal) {
  std::vector<Date> out;
  for (Date d = from; d <= to; d = add_days(d, 1)) {
    if (is_spxw_expiry(d, cal)) out.push_back(d);
  }
  return out;
}

SpxwExpiryLookup spxw_expiry_next_trading_day(Date d, const ExchangeCalendar& cal) {
  const Date next = cal.next_trading_day(d);
  if (is_spxw_expiry(next, cal)) return {next, {}};
  return {std::nullopt, missing_reason(next)};
}

std::optional<Date> nearest_spxw_expiry_within(Date d, int max_trading_days, const ExchangeCalendar& cal) {
  Date t = d;
  for (int k = 0; k < max_trading_days; ++k) {
    t = cal.next_trading_day(t);
    if (is_spxw_expiry(t, cal)) return t;
  }
  return std::nullopt;
}

}  // namespace alvh
