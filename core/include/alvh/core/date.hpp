#pragma once
// Calendar dates for daily data. std::chrono's civil calendar keeps core free of third-party
// date libraries; time zones live in adapters (howardhinnant date/tz).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace alvh {

using Date = std::chrono::year_month_day;

// Strict "YYYY-MM-DD"; nullopt for anything else, including impossible dates (2023-02-30).
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(Date d);

inline std::chrono::sys_days to_days(Date d) { return std::chrono::sys_days{d}; }
inline Date add_days(Date d, int n) { return Date{to_days(d) + std::chrono::days{n}}; }
// Calendar days from a to b (positive when b is later).
inline int days_between(Date a, Date b) { return static_cast<int>((to_days(b) - to_days(a)).count()); }
inline std::chrono::weekday weekday_of(Date d) { return std::chrono::weekday{to_days(d)}; }
inline Date make_date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace alvh
