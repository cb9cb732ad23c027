// The wall-clock stamp of a Cboe download. The site prints it in the browser's language and
// format ("January 9, 2022, 3:11 AM EST", "23 de marzo de 2022, 10:11 GMT-4",
// "9 декабря 2023 г. в 13:49 GMT-5", "May 13 2019 @ 04:47 ET"), so the parser looks for a month
// name (several languages), a day, a four-digit year, h:mm and AM/PM, and a GMT/UTC offset.
#include <array>
#include <cctype>
#include <string_view>

#include "alvh/quotes/quote_reader.hpp"
#include "text_fields.hpp"

namespace alvh::quotes {

namespace {

struct MonthName {
  std::string_view prefix;
  unsigned month;
};

// Longer prefixes first where one name starts another.
constexpr std::array<MonthName, 52> kMonths{{
    {"janv", 1},  {"jan", 1},  {"ene", 1},  {"gen", 1},  {"январ", 1},
    {"févr", 2},  {"fév", 2},  {"feb", 2},  {"fev", 2},  {"феврал", 2},
    {"märz", 3},  {"mars", 3}, {"mar", 3},  {"март", 3},
    {"avr", 4},   {"apr", 4},  {"abr", 4},  {"апрел", 4},
    {"mai", 5},   {"may", 5},  {"mag", 5},  {"мая", 5},   {"май", 5},
    {"juin", 6},  {"jun", 6},  {"giu", 6},  {"июн", 6},
    {"juil", 7},  {"jul", 7},  {"lug", 7},  {"июл", 7},
    {"août", 8},  {"aug", 8},  {"ago", 8},  {"август", 8},
    {"sep", 9},   {"set", 9},  {"сентябр", 9},
    {"oct", 10},  {"okt", 10}, {"ott", 10}, {"out", 10},  {"октябр", 10},
    {"nov", 11},  {"ноябр", 11},
    {"déc", 12},  {"dec", 12}, {"dez", 12}, {"dic", 12},  {"декабр", 12},
    {"sept", 9},  {"juni", 6},
}};

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

// US Eastern offset from UTC in hours (DST from the second Sunday of March to the first Sunday
// of November).
int eastern_offset(Date d) {
  const int y = static_cast<int>(d.year());
  const Date start{std::chrono::sys_days{std::chrono::year{y} / std::chrono::March / std::chrono::Sunday[2]}};
  const Date end{std::chrono::sys_days{std::chrono::year{y} / std::chrono::November / std::chrono::Sunday[1]}};
  return (d >= start && d < end) ? -4 : -5;
}

}  // namespace

WallClock parse_download_stamp(const std::string& text, const std::string& where) {
  std::string s = detail::lower(text);
  if (auto p = s.find("date:"); p != std::string::npos) s.erase(0, p + 5);
  // A GMT/UTC offset ends the stamp; '-' may be the Unicode minus (E2 88 92).
  std::optional<int> offset;
  for (std::string_view tz : {"gmt", "utc"}) {
    const auto p = s.find(tz);
    if (p == std::string::npos) continue;
    std::string rest = s.substr(p + 3);
    int sign = 1;
    std::size_t i = 0;
    if (starts_with(rest, "\xe2\x88\x92")) {
      sign = -1;
      i = 3;
    } else if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
      sign = rest[0] == '-' ? -1 : 1;
      i = 1;
    }
    int h = 0;
    bool digits = false;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
      h = h * 10 + (rest[i++] - '0');
      digits = true;
    }
    offset = digits ? sign * h : 0;
    s.erase(p);
    break;
  }
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == ':' || u >= 0x80) {
      cur += c;
    } else if (!cur.empty()) {
      tokens.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(cur);

  std::optional<int> year, day, hour, minute;
  std::optional<unsigned> month;
  bool pm = false, am = false;
  for (const auto& t : tokens) {
    if (t.find(':') != std::string::npos) {
      int h = 0, m = 0;
      if (std::sscanf(t.c_str(), "%d:%d", &h, &m) == 2 && !hour) {
        hour = h;
        minute = m;
      }
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(t[0]))) {
      bool all = true;
      for (char c : t) all = all && std::isdigit(static_cast<unsigned char>(c));
      if (!all) continue;
      if (t.size() == 4 && !year) year = std::stoi(t);
      else if (t.size() <= 2 && !day) day = std::stoi(t);
      continue;
    }
    if (t == "pm" || t == "p") pm = true;
    else if (t == "am" || t == "a") am = true;
    else if (!month)
      for (const auto& m : kMonths)
        if (starts_with(t, m.prefix)) {
          month = m.month;
          break;
        }
  }
  if (!year || !month || !day || !hour)
    throw QuoteError(where + ": '" + text + "' is not a download stamp (needs month, day, year and h:mm)");
  int h = *hour;
  if (pm && h < 12) h += 12;
  if (am && h == 12) h = 0;
  Date d = make_date(*year, *month, static_cast<unsigned>(*day));
  if (!d.ok() || h > 23 || *minute > 59) throw QuoteError(where + ": '" + text + "' is not a valid date and time");
  int minutes = h * 60 + *minute;
  if (offset && *offset != eastern_offset(d) && !(*offset == -4 || *offset == -5)) {
    // A stamp in another zone: to UTC, then to New York.
    minutes += (eastern_offset(d) - *offset) * 60;
    while (minutes < 0) {
      minutes += 1440;
      d = add_days(d, -1);
    }
    while (minutes >= 1440) {
      minutes -= 1440;
      d = add_days(d, 1);
    }
  }
  return {d, minutes};
}

void assign_session(QuoteSession& s, WallClock stamp, std::optional<Date> earliest_expiry,
                    const ExchangeCalendar& calendar) {
  constexpr int open = 9 * 60 + 30;
  auto close_of = [&](Date d) { return calendar.close_minutes(d); };
  auto closing = [&](Date d) {
    s.date = d;
    s.minutes = close_of(d) + 15;  // SPX and VIX options trade until 16:15 ET
    s.closing = true;
    s.index_date = d;
  };
  if (earliest_expiry && *earliest_expiry < stamp.date && calendar.is_trading_day(*earliest_expiry)) {
    closing(*earliest_expiry);
  } else if (!calendar.is_trading_day(stamp.date)) {
    closing(calendar.previous_trading_day(stamp.date));
  } else if (stamp.minutes >= close_of(stamp.date) + 15 + 15) {
    closing(stamp.date);
  } else if (stamp.minutes >= open + 15) {
    s.date = stamp.date;
    s.minutes = stamp.minutes - 15;  // delayed quotes
    s.closing = false;
    s.index_date = calendar.previous_trading_day(stamp.date);
  } else {
    s.date = stamp.date;
    s.minutes = stamp.minutes;
    s.closing = false;
    s.index_date = calendar.previous_trading_day(stamp.date);
  }
}

}  // namespace alvh::quotes
