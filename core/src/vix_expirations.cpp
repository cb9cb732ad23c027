#include "alvh/core/vix_expirations.hpp"

namespace alvh {

namespace {

using std::chrono::months;
using std::chrono::year_month;

year_month month_of(Date d) { return d.year() / d.month(); }

Date third_friday(year_month ym) {
  return Date{std::chrono::sys_days{ym / std::chrono::Friday[3]}};
}

}  // namespace

Date vix_expiry(year_month contract_month, const ExchangeCalendar& cal) {
  const Date friday = third_friday(contract_month + months{1});
  const Date wednesday = add_days(friday, -30);
  if (!cal.is_trading_day(wednesday) || !cal.is_trading_day(friday)) {
    return cal.previous_trading_day(wednesday);
  }
  return wednesday;
}

std::vector<Date> vix_expiries(Date from, Date to, const ExchangeCalendar& cal) {
  std::vector<Date> out;
  // An expiry always falls in its contract month (mid-month, shifted back at most a few days).
  for (year_month m = month_of(from); m <= month_of(to); m += months{1}) {
    const Date e = vix_expiry(m, cal);
    if (e >= from && e <= to) out.push_back(e);
  }
  return out;
}

Date vix_expiry_nearest_dte(Date today, int target_days, const ExchangeCalendar& cal) {
  const Date target = add_days(today, target_days);
  Date before = today;  // latest expiry after today and before the target, if any
  for (year_month m = month_of(today);; m += months{1}) {
    const Date e = vix_expiry(m, cal);
    if (e <= today) continue;
    if (e < target) {
      before = e;
      continue;
    }
    // e is the first expiry on or after the target; ties go to the longer expiry.
    if (before > today && days_between(before, target) < days_between(target, e)) return before;
    return e;
  }
}

}  // namespace alvh
