#pragma once
// Test-only ExchangeCalendar built from the bundled data (core tests cannot link QuantLib):
// data/nyse_open_dates.txt (to 2024) joined with the dates of data/spx_daily.csv (to 2026-08-21;
// the join also restores 2023-12-29, missing from the open-dates file), then weekdays minus the
// published NYSE holidays through 2027. Throws beyond 2027.
#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "alvh/core/date.hpp"
#include "alvh/core/exchange_calendar.hpp"

namespace alvh::test {

class DataCalendar final : public ExchangeCalendar {
 public:
  DataCalendar() {
    read_first_column(std::string(ALVH_TEST_DATA_DIR) + "/nyse_open_dates.txt", false);
    read_first_column(std::string(ALVH_TEST_DATA_DIR) + "/spx_daily.csv", true);
    last_data_day_ = *open_.rbegin();
  }

  bool is_trading_day(Date d) const override {
    if (d <= last_data_day_) return open_.count(d) > 0;
    if (d > make_date(2027, 12, 31)) throw std::out_of_range("DataCalendar ends 2027: " + to_iso(d));
    const auto wd = weekday_of(d);
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
    return std::find(kHolidays.begin(), kHolidays.end(), d) == kHolidays.end();
  }
  bool is_early_close(Date) const override { return false; }
  Date last_data_day() const { return last_data_day_; }

 private:
  // NYSE holidays after the data ends (published schedule for 2026-2027).
  static constexpr std::array<Date, 13> kHolidays{
      Date{std::chrono::year{2026}, std::chrono::September, std::chrono::day{7}},
      Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{26}},
      Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{25}},
      Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{1}},
      Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{18}},
      Date{std::chrono::year{2027}, std::chrono::February, std::chrono::day{15}},
      Date{std::chrono::year{2027}, std::chrono::March, std::chrono::day{26}},
      Date{std::chrono::year{2027}, std::chrono::May, std::chrono::day{31}},
      Date{std::chrono::year{2027}, std::chrono::June, std::chrono::day{18}},
      Date{std::chrono::year{2027}, std::chrono::July, std::chrono::day{5}},
      Date{std::chrono::year{2027}, std::chrono::September, std::chrono::day{6}},
      Date{std::chrono::year{2027}, std::chrono::November, std::chrono::day{25}},
      Date{std::chrono::year{2027}, std::chrono::December, std::chrono::day{24}},
  };

  void read_first_column(const std::string& path, bool has_header) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    if (has_header) std::getline(in, line);
    while (std::getline(in, line)) {
      const auto d = parse_iso_date(line.substr(0, 10));
      if (!d) throw std::runtime_error("bad date in " + path + ": " + line);
      open_.insert(*d);
    }
  }

  std::set<Date> open_;
  Date last_data_day_{};
};

// Loading ~50k lines once per test binary is enough.
inline const DataCalendar& data_calendar() {
  static const DataCalendar cal;
  return cal;
}

}  // namespace alvh::test
