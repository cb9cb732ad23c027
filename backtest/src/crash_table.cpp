#include "alvh/backtest/crash_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace alvh::backtest {

std::vector<CrashEvent> default_named_crash_days() {
  auto day = [](const char* name, int y, unsigned m, unsigned d) {
    return CrashEvent{name, make_date(y, m, d), make_date(y, m, d)};
  };
  return {
      day("TARP vote fails", 2008, 9, 29),      day("2008-10-15 sell-off", 2008, 10, 15),
      day("2008-12-01 recession call", 2008, 12, 1), day("Flash crash", 2010, 5, 6),
      day("US downgrade", 2011, 8, 8),          day("China devaluation", 2015, 8, 24),
      day("Volmageddon", 2018, 2, 5),           day("COVID circuit breaker", 2020, 3, 16),
      day("Yen carry unwind", 2024, 8, 5),
  };
}

std::vector<CrashEvent> default_crash_windows() {
  return {
      {"COVID crash", make_date(2020, 2, 20), make_date(2020, 3, 23)},
      {"GFC autumn 2008", make_date(2008, 9, 15), make_date(2008, 11, 20)},
  };
}

std::vector<CrashEvent> spx_drop_days(const OhlcSeries& spx, double threshold, Date from, Date to) {
  std::vector<CrashEvent> out;
  const OhlcBar* prev = nullptr;
  for (const OhlcBar& bar : spx.bars) {
    if (!bar.close) continue;
    if (prev && bar.date >= from && bar.date <= to && *prev->close > 0) {
      const double r = *bar.close / *prev->close - 1.0;
      if (r <= threshold) {
        char name[32];
        std::snprintf(name, sizeof name, "SPX %.1f%%", r * 100.0);
        out.push_back({name, bar.date, bar.date});
      }
    }
    prev = &bar;
  }
  return out;
}

namespace {

// Days whose `value(bar) / previous close - 1` passes `hit`, named by `name(r)`.
template <class Value, class Hit, class Name>
std::vector<CrashEvent> change_days(const OhlcSeries& s, Date from, Date to, Value value, Hit hit, Name name) {
  std::vector<CrashEvent> out;
  const OhlcBar* prev = nullptr;
  for (const OhlcBar& bar : s.bars) {
    if (!bar.close) continue;
    if (prev && bar.date >= from && bar.date <= to && *prev->close > 0)
      if (const std::optional<double> v = value(bar); v && *v > 0) {
        const double r = *v / *prev->close - 1.0;
        if (hit(r)) out.push_back({name(r), bar.date, bar.date});
      }
    prev = &bar;
  }
  return out;
}

std::string percent_name(const char* f, double r) {
  char name[40];
  std::snprintf(name, sizeof name, f, r * 100.0);
  return name;
}

}  // namespace

std::vector<CrashEvent> spx_gap_days(const OhlcSeries& spx, double threshold, Date from, Date to) {
  return change_days(
      spx, from, to, [](const OhlcBar& b) { return b.open; }, [&](double r) { return r <= threshold; },
      [](double r) { return percent_name("SPX gap %.1f%%", r); });
}

std::vector<CrashEvent> vix_jump_days(const OhlcSeries& vix, double threshold, Date from, Date to) {
  return change_days(
      vix, from, to, [](const OhlcBar& b) { return b.close; }, [&](double r) { return r >= threshold; },
      [](double r) { return percent_name("VIX %+.0f%%", r); });
}

std::vector<CrashEvent> merge_crash_days(std::vector<CrashEvent> named, const std::vector<CrashEvent>& drops) {
  for (const CrashEvent& d : drops) {
    const bool seen = std::any_of(named.begin(), named.end(), [&](const CrashEvent& n) { return n.first == d.first; });
    if (!seen) named.push_back(d);
  }
  std::stable_sort(named.begin(), named.end(), [](const CrashEvent& a, const CrashEvent& b) { return a.first < b.first; });
  return named;
}

std::optional<double> recovery_ratio(double hedge_pnl, double condor_pnl) {
  if (!(condor_pnl < 0)) return std::nullopt;
  return hedge_pnl / -condor_pnl;
}

std::vector<CrashRow> crash_rows(std::span<const CrashEvent> events, const std::string& variant,
                                 std::span<const Date> dates, std::span<const double> condor_daily,
                                 std::span<const double> hedge_daily, std::span<const double> condor_held_daily) {
  std::vector<CrashRow> out;
  for (const CrashEvent& e : events) {
    auto lo = std::lower_bound(dates.begin(), dates.end(), e.first);
    auto hi = std::upper_bound(dates.begin(), dates.end(), e.last);
    if (lo == hi) continue;
    CrashRow row;
    row.event = e.name;
    row.first = e.first;
    row.last = e.last;
    row.variant = variant;
    for (auto it = lo; it != hi; ++it) {
      const auto i = static_cast<std::size_t>(it - dates.begin());
      row.condor_pnl += condor_daily[i];
      row.hedge_pnl += hedge_daily[i];
      row.condor_pnl_held += condor_held_daily.empty() ? condor_daily[i] : condor_held_daily[i];
    }
    // Under a dollar is the rounding residue of a book with no held condor, not a loss.
    if (row.condor_pnl_held <= -1.0) row.recovery_ratio = recovery_ratio(row.hedge_pnl, row.condor_pnl_held);
    row.counted = row.recovery_ratio.has_value();
    if (!row.counted)
      row.note = row.condor_pnl < 0 ? "no condor settled or was marked with a loss (the condor loss is a new condor's costs)"
                                    : "no condor loss";
    out.push_back(row);
  }
  return out;
}

RecoverySummary summarize_recovery(std::span<const CrashRow> rows) {
  RecoverySummary s;
  std::vector<double> ratios;
  double hedge = 0, loss = 0;
  s.rows = static_cast<int>(rows.size());
  for (const CrashRow& r : rows) {
    if (!r.recovery_ratio) continue;
    ratios.push_back(*r.recovery_ratio);
    hedge += r.hedge_pnl;
    loss += -r.condor_pnl_held;
  }
  s.events = static_cast<int>(ratios.size());
  s.condor_loss = loss;
  s.hedge_pnl = hedge;
  if (ratios.empty()) return s;
  double sum = 0;
  for (double x : ratios) sum += x;
  s.mean = sum / static_cast<double>(ratios.size());
  std::sort(ratios.begin(), ratios.end());
  const std::size_t mid = ratios.size() / 2;
  s.median = ratios.size() % 2 ? ratios[mid] : 0.5 * (ratios[mid - 1] + ratios[mid]);
  s.min = ratios.front();
  s.max = ratios.back();
  s.loss_weighted = hedge / loss;
  return s;
}

}  // namespace alvh::backtest
