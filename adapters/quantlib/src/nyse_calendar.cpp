#include "alvh/quantlib/nyse_calendar.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <memory>
#include <vector>

#include <ql/time/calendars/unitedstates.hpp>

namespace alvh {

namespace {

using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Thursday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;

constexpr int kOnePm = 13 * 60;
constexpr int kTwoPm = 14 * 60;
// The supported years (first_supported_date .. last_supported_date): QuantLib's date range.
constexpr int kFirstYear = 1901, kLastYear = 2199;
constexpr std::size_t kYears = kLastYear - kFirstYear + 1;
// Early-close rules are only modelled from here (the project's data starts in 1990).
constexpr int kFirstEarlyCloseYear = 1990;

// Full-day closures QuantLib 1.29 does not know. It already has 2001-09-11..14, 2004-06-11,
// 2007-01-02, 2012-10-29/30, 2018-12-05 and Juneteenth since 2022 (checked in the tests).
constexpr std::array kExtraClosures{
    Date{std::chrono::year{2025}, std::chrono::January, std::chrono::day{9}},  // Carter mourning
};

// One-off 13:00 closes on the Friday after Christmas (NYSE decisions, not a recurring rule).
constexpr std::array kAdHocOnePmCloses{
    Date{std::chrono::year{1997}, std::chrono::December, std::chrono::day{26}},
    Date{std::chrono::year{2003}, std::chrono::December, std::chrono::day{26}},
};

QuantLib::Date to_ql(Date d) {
  return QuantLib::Date(static_cast<QuantLib::Day>(static_cast<unsigned>(d.day())),
                        static_cast<QuantLib::Month>(static_cast<unsigned>(d.month())),
                        static_cast<QuantLib::Year>(static_cast<int>(d.year())));
}

// Fourth Thursday of November.
Date thanksgiving(std::chrono::year y) {
  return Date{std::chrono::sys_days{y / std::chrono::November / Thursday[4]}};
}

}  // namespace

struct NyseCalendar::Impl {
  QuantLib::Calendar ql = QuantLib::UnitedStates(QuantLib::UnitedStates::NYSE);
  // Replays ask about the same dates millions of times and QuantLib's date conversion dominates
  // a profile, so answers are memoised per year (one byte a day). A year is filled once under the
  // mutex and published through an atomic pointer, so the parallel sessions of a sweep read it
  // without taking a lock; copies share the cache.
  mutable std::mutex mutex;
  mutable std::array<std::atomic<const std::vector<std::uint8_t>*>, kYears> open_by_year{};
  mutable std::vector<std::unique_ptr<const std::vector<std::uint8_t>>> filled;
};

NyseCalendar::NyseCalendar() : impl_(std::make_shared<const Impl>()) {}

Date NyseCalendar::first_supported_date() { return make_date(kFirstYear, 1, 1); }
Date NyseCalendar::last_supported_date() { return make_date(kLastYear, 12, 31); }

bool NyseCalendar::is_trading_day(Date d) const {
  if (!d.ok() || d < first_supported_date() || d > last_supported_date()) {
    throw std::out_of_range("NyseCalendar: date outside 1901-01-01..2199-12-31: " + to_iso(d));
  }
  const Date jan1{d.year(), std::chrono::January, std::chrono::day{1}};
  const auto day_of_year = static_cast<std::size_t>(days_between(jan1, d));
  auto& slot = impl_->open_by_year[static_cast<std::size_t>(static_cast<int>(d.year()) - kFirstYear)];
  const std::vector<std::uint8_t>* year = slot.load(std::memory_order_acquire);
  if (!year) {
    std::lock_guard lock(impl_->mutex);
    year = slot.load(std::memory_order_relaxed);
    if (!year) {
      const int days = d.year().is_leap() ? 366 : 365;
      auto open = std::make_unique<std::vector<std::uint8_t>>(static_cast<std::size_t>(days));
      for (int i = 0; i < days; ++i) {
        const Date x = add_days(jan1, i);
        const bool extra = std::find(kExtraClosures.begin(), kExtraClosures.end(), x) != kExtraClosures.end();
        (*open)[static_cast<std::size_t>(i)] = !extra && impl_->ql.isBusinessDay(to_ql(x));
      }
      year = open.get();
      impl_->filled.push_back(std::move(open));
      slot.store(year, std::memory_order_release);
    }
  }
  return (*year)[day_of_year] != 0;
}

std::optional<int> NyseCalendar::early_close_minutes(Date d) const {
  if (!is_trading_day(d)) return std::nullopt;
  const int year = static_cast<int>(d.year());
  if (year < kFirstEarlyCloseYear) return std::nullopt;
  const auto month = d.month();
  const unsigned day = static_cast<unsigned>(d.day());
  const auto wd = weekday_of(d);

  // Day after Thanksgiving: 14:00 in 1992 (first year), 13:00 since 1993.
  if (month == std::chrono::November && year >= 1992 && d == add_days(thanksgiving(d.year()), 1)) {
    return year < 1993 ? kTwoPm : kOnePm;
  }
  // Christmas Eve on a trading day (a Friday 24th is the observed Christmas holiday).
  if (month == std::chrono::December && day == 24) return year < 1993 ? kTwoPm : kOnePm;
  if (std::find(kAdHocOnePmCloses.begin(), kAdHocOnePmCloses.end(), d) != kAdHocOnePmCloses.end()) {
    return kOnePm;
  }
  if (month == std::chrono::July && year >= 1995) {
    // July 3rd when Independence Day is on Tue/Wed/Fri; a Wednesday 3rd only since 2013, when the
    // early close moved from the Friday after a Thursday Independence Day to the day before it.
    if (day == 3 && (wd == Monday || wd == Tuesday || wd == Thursday)) return kOnePm;
    if (day == 3 && wd == Wednesday && year >= 2013) return kOnePm;
    if (day == 5 && wd == Friday && year >= 1996 && year < 2013) return kOnePm;
  }
  return std::nullopt;
}

bool NyseCalendar::is_early_close(Date d) const { return early_close_minutes(d).has_value(); }

int NyseCalendar::close_minutes(Date d) const { return early_close_minutes(d).value_or(16 * 60); }

}  // namespace alvh
