#pragma once
// Listed PM-settled SPX weekly (SPXW) expiration dates, with their listing history. The rules and
// the sources for each first date are in docs/calendar.md.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/exchange_calendar.hpp"

namespace alvh {

// First expiration of each SPX weekly-family series (listing came about a week earlier).
namespace spxw_history {
inline constexpr Date first_friday{std::chrono::year{2005} / std::chrono::November / 4};     // listed 2005-10-28
inline constexpr Date first_end_of_month{std::chrono::year{2014} / std::chrono::July / 31};  // EOM under SPXW
inline constexpr Date first_wednesday{std::chrono::year{2016} / std::chrono::March / 2};     // listed 2016-02-23
inline constexpr Date first_monday{std::chrono::year{2016} / std::chrono::August / 22};     // listed 2016-08-15
inline constexpr Date first_tuesday{std::chrono::year{2022} / std::chrono::April / 26};     // listed 2022-04-18
inline constexpr Date first_thursday{std::chrono::year{2022} / std::chrono::May / 19};       // listed 2022-05-11
}  // namespace spxw_history

// True when some SPX weekly-family series (Mon..Fri weekly, 3rd-Friday monthly, end-of-month)
// expires on d. A Wed/Fri expiry falling on a closed day moves to the preceding trading day, a
// Monday expiry to the following trading day; a Tue/Thu expiry on a closed day is not listed.
bool is_spxw_expiry(Date d, const ExchangeCalendar& cal);

// Every SPXW expiry in [from, to], ascending.
std::vector<Date> spxw_expiries(Date from, Date to, const ExchangeCalendar& cal);

struct SpxwExpiryLookup {
  std::optional<Date> expiry;
  std::string reason;  // why there is none; empty when expiry is set
};

// The SPXW expiry exactly one trading day after d (a "1DTE" expiry), or the reason there is none,
// e.g. "no SPXW expiry on 2019-06-11 (Tuesday expiries start 2022-04-26, listed from 2022-04-18)".
SpxwExpiryLookup spxw_expiry_next_trading_day(Date d, const ExchangeCalendar& cal);

// The first SPXW expiry strictly after d that is at most max_trading_days trading days after d
// (1 = the next trading day only); nullopt if none.
std::optional<Date> nearest_spxw_expiry_within(Date d, int max_trading_days, const ExchangeCalendar& cal);

}  // namespace alvh
