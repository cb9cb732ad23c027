#pragma once
// Monthly VIX option / VX future expiration dates (Cboe rule, docs/calendar.md).
#include <chrono>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/exchange_calendar.hpp"

namespace alvh {

// Expiry of the contract month M: the Wednesday 30 days before the third Friday of M+1; if that
// Wednesday or that Friday is not a trading day, the trading day immediately before the Wednesday.
Date vix_expiry(std::chrono::year_month contract_month, const ExchangeCalendar& cal);

// Every monthly expiry in [from, to], ascending.
std::vector<Date> vix_expiries(Date from, Date to, const ExchangeCalendar& cal);

// The monthly expiry strictly after today nearest to today + target_days calendar days; on a tie
// the later one. Listing depth is not checked (targets up to ~250 days are within listed months).
Date vix_expiry_nearest_dte(Date today, int target_days, const ExchangeCalendar& cal);

}  // namespace alvh
