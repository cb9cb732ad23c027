#include "alvh/venue/variance_clock.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace alvh::venue {

namespace {

using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Thursday;

Date nth_weekday(int y, unsigned m, std::chrono::weekday wd, unsigned n) {
  return Date{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / wd[n]}};
}

Date last_weekday(int y, unsigned m, std::chrono::weekday wd) {
  return Date{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / wd[std::chrono::last]}};
}

// Fixed-date holiday moved to Friday (Saturday) or Monday (Sunday).
Date observed(Date d) {
  const auto wd = weekday_of(d);
  if (wd == Saturday) return add_days(d, -1);
  if (wd == Sunday) return add_days(d, 1);
  return d;
}

Date easter_sunday(int y) {  // anonymous Gregorian algorithm
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return make_date(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

constexpr std::array<std::array<int, 3>, 11> kUnscheduled{{{2001, 9, 11}, {2001, 9, 12}, {2001, 9, 13},
                                                           {2001, 9, 14}, {2004, 6, 11}, {2007, 1, 2},
                                                           {2012, 10, 29}, {2012, 10, 30}, {2018, 12, 5},
                                                           {2025, 1, 9}, {1994, 4, 27}}};

}  // namespace

namespace {

bool holiday_by_rule(Date d);

// The rules cost a few hundred nanoseconds a date and the clock asks for every day of a span:
// a table per year (computed once, immutable) answers in a few.
constexpr int kFirstTableYear = 1950, kLastTableYear = 2100;

struct HolidayTable {
  std::vector<std::uint64_t> bits;  // (year - first) x 6 words: bit = day of year
  HolidayTable() : bits(static_cast<std::size_t>(kLastTableYear - kFirstTableYear + 1) * 6, 0) {
    for (int y = kFirstTableYear; y <= kLastTableYear; ++y)
      for (Date d = make_date(y, 1, 1); d.year() == std::chrono::year{y}; d = add_days(d, 1))
        if (holiday_by_rule(d)) {
          const int doy = days_between(make_date(y, 1, 1), d);
          bits[static_cast<std::size_t>((y - kFirstTableYear) * 6 + doy / 64)] |= std::uint64_t{1} << (doy % 64);
        }
  }
};

}  // namespace

bool nyse_holiday(Date d) {
  const int y = static_cast<int>(d.year());
  if (y < kFirstTableYear || y > kLastTableYear) return holiday_by_rule(d);
  static const HolidayTable table;
  const int doy = days_between(make_date(y, 1, 1), d);
  return (table.bits[static_cast<std::size_t>((y - kFirstTableYear) * 6 + doy / 64)] >> (doy % 64)) & 1u;
}

namespace {

bool holiday_by_rule(Date d) {
  const int y = static_cast<int>(d.year());
  const auto wd = weekday_of(d);
  if (wd == Saturday || wd == Sunday) return false;
  // New Year's Day: a Saturday New Year is not observed on the Friday before (NYSE rule).
  if (d == make_date(y, 1, 1) || (wd == Monday && d == make_date(y, 1, 2))) return true;
  if (y >= 1998 && d == nth_weekday(y, 1, Monday, 3)) return true;  // Martin Luther King Jr. Day
  if (d == nth_weekday(y, 2, Monday, 3)) return true;                // Washington's Birthday
  if (d == add_days(easter_sunday(y), -2)) return true;              // Good Friday
  if (d == last_weekday(y, 5, Monday)) return true;                  // Memorial Day
  if (y >= 2022 && d == observed(make_date(y, 6, 19))) return true;  // Juneteenth
  if (d == observed(make_date(y, 7, 4))) return true;
  if (d == nth_weekday(y, 9, Monday, 1)) return true;   // Labor Day
  if (d == nth_weekday(y, 11, Thursday, 4)) return true;  // Thanksgiving
  if (d == observed(make_date(y, 12, 25))) return true;
  for (const auto& u : kUnscheduled)
    if (d == make_date(u[0], static_cast<unsigned>(u[1]), static_cast<unsigned>(u[2]))) return true;
  return false;
}

}  // namespace

bool nyse_trading_day(Date d) {
  const auto wd = weekday_of(d);
  return wd != Saturday && wd != Sunday && !nyse_holiday(d);
}

ClockSpan clock_span(Date from, int from_minutes, Date to, int to_minutes) {
  const long start = static_cast<long>(to_days(from).time_since_epoch().count()) * 1440 + from_minutes;
  const long end = static_cast<long>(to_days(to).time_since_epoch().count()) * 1440 + to_minutes;
  ClockSpan out;
  if (end <= start) return out;
  constexpr double kSessionMinutes = kSessionCloseMinutes - kSessionOpenMinutes;
  auto day_start = [](Date d) { return static_cast<long>(to_days(d).time_since_epoch().count()) * 1440; };

  long pos = start;
  Date d = from;
  // Walk segment by segment: the session of a trading day, else the gap to the next open.
  while (pos < end) {
    const long base = day_start(d);
    const long open = base + kSessionOpenMinutes, close = base + kSessionCloseMinutes;
    if (nyse_trading_day(d) && pos >= open && pos < close) {
      const long seg_end = std::min(end, close);
      out.sessions += static_cast<double>(seg_end - pos) / kSessionMinutes;
      pos = seg_end;
      continue;
    }
    // In a gap: from the last close at or before pos to the next open after it.
    Date prev = d;
    if (!(nyse_trading_day(d) && pos >= close)) {
      prev = add_days(d, -1);
      while (!nyse_trading_day(prev)) prev = add_days(prev, -1);
    }
    Date next = add_days(prev, 1);
    int weekend = 0, holidays = 0;
    while (!nyse_trading_day(next)) {
      const auto wd = weekday_of(next);
      ++((wd == Saturday || wd == Sunday) ? weekend : holidays);
      next = add_days(next, 1);
    }
    const long gap_start = day_start(prev) + kSessionCloseMinutes, gap_end = day_start(next) + kSessionOpenMinutes;
    const long seg_end = std::min(end, gap_end);
    const double covered = static_cast<double>(seg_end - pos) / static_cast<double>(gap_end - gap_start);
    out.overnights += covered;
    out.weekend_days += covered * weekend;
    out.holidays += covered * holidays;
    pos = seg_end;
    d = next;
  }
  return out;
}

}  // namespace alvh::venue
