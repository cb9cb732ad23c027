#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "alvh/core/signals/advance_decline.hpp"
#include "alvh/core/signals/ema.hpp"
#include "alvh/core/signals/macd.hpp"
#include "alvh/core/signals/percent_rank.hpp"
#include "alvh/core/signals/rate_of_change.hpp"
#include "alvh/core/signals/rsi.hpp"
#include "alvh/core/signals/sma.hpp"
#include "alvh/core/signals/zscore.hpp"

using alvh::Value;
using Catch::Detail::Approx;

namespace {

const Value kNone = std::nullopt;

std::string show(const std::vector<Value>& v) {
  std::string s = "[";
  for (const auto& x : v) s += (x ? std::to_string(*x) : std::string("-")) + " ";
  return s + "]";
}

// A VIX-like walk with gaps (every 17th and 29th value missing), from a fixed LCG.
std::vector<Value> walk_with_gaps(std::size_t n) {
  std::vector<Value> out(n);
  std::uint64_t state = 42;
  double level = 20.0;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
    level = std::max(9.0, level * (1.0 + (u - 0.5) * 0.12));
    if (i % 17 != 5 && i % 29 != 11) out[i] = level;
  }
  return out;
}

template <class Stream>
std::vector<Value> stream(Stream s, const std::vector<Value>& x) {
  std::vector<Value> out;
  for (const auto& v : x) out.push_back(s.update(v));
  return out;
}

void require_identical(const std::vector<Value>& a, const std::vector<Value>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("index " << i);
    REQUIRE(a[i].has_value() == b[i].has_value());
    if (a[i]) REQUIRE(*a[i] == *b[i]);  // bit-identical, not approximately equal
  }
}

}  // namespace

TEST_CASE("SMA(3) of 1..5 is 2, 3, 4 from the third bar, and skips a missing input") {
  const std::vector<Value> x{1.0, 2.0, 3.0, 4.0, 5.0};
  const auto out = alvh::sma(x, 3);
  INFO("input " << show(x) << " output " << show(out));
  CHECK_FALSE(out[1].has_value());
  CHECK(*out[2] == Approx(2.0));
  CHECK(*out[3] == Approx(3.0));
  CHECK(*out[4] == Approx(4.0));

  const std::vector<Value> gap{1.0, kNone, 2.0, 3.0, 4.0};
  const auto g = alvh::sma(gap, 3);
  INFO("input " << show(gap) << " output " << show(g));
  CHECK_FALSE(g[1].has_value());
  CHECK_FALSE(g[2].has_value());  // only two valid values so far: no zero stands in for the gap
  CHECK(*g[3] == Approx(2.0));
  CHECK(*g[4] == Approx(3.0));
}

TEST_CASE("EMA(3) is seeded with the mean of the first three values, then steps with k = 0.5") {
  const std::vector<Value> x{1.0, 2.0, 3.0, 4.0, 6.0};
  const auto out = alvh::ema(x, 3);
  INFO("input " << show(x) << " output " << show(out));
  CHECK_FALSE(out[1].has_value());
  CHECK(*out[2] == Approx(2.0));  // (1+2+3)/3
  CHECK(*out[3] == Approx(3.0));  // (4-2)*0.5+2
  CHECK(*out[4] == Approx(4.5));  // (6-3)*0.5+3

  const std::vector<Value> gap{1.0, kNone, 2.0, 3.0};
  const auto g = alvh::ema(gap, 3);
  INFO("input " << show(gap) << " output " << show(g));
  CHECK_FALSE(g[2].has_value());
  CHECK(*g[3] == Approx(2.0));  // seed over the valid values 1, 2, 3
}

TEST_CASE("MACD(2,3,2) by hand: seeds end on the same bar and the signal starts at index 3") {
  // slow seed (1+2+4)/3 = 7/3, fast seed (2+4)/2 = 3, macd0 = 2/3 at index 2;
  // index 3: fast = (8-3)*2/3+3 = 19/3, slow = (8-7/3)/2+7/3 = 31/6, macd1 = 7/6;
  // signal = (2/3 + 7/6)/2 = 11/12, hist = 1/4.
  const std::vector<Value> x{1.0, 2.0, 4.0, 8.0, 16.0};
  const auto m = alvh::macd(x, 2, 3, 2);
  INFO("input " << show(x) << " macd " << show(m.macd) << " signal " << show(m.signal));
  CHECK_FALSE(m.macd[2].has_value());
  CHECK(*m.macd[3] == Approx(7.0 / 6.0));
  CHECK(*m.signal[3] == Approx(11.0 / 12.0));
  CHECK(*m.hist[3] == Approx(0.25));
  // index 4: fast = (16-19/3)*2/3+19/3 = 115/9, slow = (16-31/6)/2+31/6 = 127/12,
  // macd = 115/9-127/12 = 79/36, signal (k = 2/3) = (79/36-33/36)*2/3+33/36
  const double macd4 = 79.0 / 36.0;
  const double sig4 = (macd4 - 11.0 / 12.0) * (2.0 / 3.0) + 11.0 / 12.0;
  CHECK(*m.macd[4] == Approx(macd4));
  CHECK(*m.signal[4] == Approx(sig4));
}

TEST_CASE("RSI(2) by hand: 100 after two gains, 50 after a loss, and 0 on a flat series") {
  const std::vector<Value> x{1.0, 2.0, 3.0, 2.0};
  const auto r = alvh::rsi(x, 2);
  INFO("input " << show(x) << " output " << show(r));
  CHECK_FALSE(r[1].has_value());
  CHECK(*r[2] == Approx(100.0));  // gain (1+1)/2, loss 0
  CHECK(*r[3] == Approx(50.0));   // gain (1*1+0)/2 = 0.5, loss (0*1+1)/2 = 0.5

  const std::vector<Value> flat{5.0, 5.0, 5.0, 5.0};
  const auto f = alvh::rsi(flat, 2);
  INFO("flat input " << show(flat) << " output " << show(f));
  CHECK(*f[2] == 0.0);  // TA-Lib: no movement gives 0, not 50
  CHECK(*f[3] == 0.0);
}

TEST_CASE("rate of change, percentile rank and z-score by hand") {
  const std::vector<Value> x{10.0, 11.0, 12.0, 9.0, 12.0};
  INFO("input " << show(x));
  const auto roc = alvh::rate_of_change(x, 2);
  CHECK(*roc[2] == Approx(20.0));   // 12/10 - 1
  CHECK(*roc[3] == Approx(-18.181818181818183));  // 9/11 - 1
  const auto pr = alvh::percent_rank(x, 3);
  CHECK(*pr[2] == Approx(100.0));   // 12 above 10, 11
  CHECK(*pr[3] == Approx(0.0));     // 9 below 11, 12
  CHECK(*pr[4] == Approx(75.0));    // 12 vs {12, 9, 12}: one below, one tie -> (1 + 0.5)/2
  const auto z = alvh::zscore(x, 3);
  // window {10,11,12}: mean 11, population sd sqrt(2/3) -> z = 1/sqrt(2/3)
  CHECK(*z[2] == Approx(1.0 / std::sqrt(2.0 / 3.0)));
  const std::vector<Value> flat{3.0, 3.0, 3.0};
  CHECK_FALSE(alvh::zscore(flat, 3)[2].has_value());  // no spread, no z-score
}

TEST_CASE("the advance-decline line accumulates net advances and the McClellan oscillator is EMA(fast) - EMA(slow)") {
  const std::vector<Value> net{kNone, 100.0, -50.0, 40.0};
  const auto a = alvh::advance_decline(net, {2, 2, 3});
  INFO("net advances " << show(net) << " line " << show(a.line) << " mcclellan " << show(a.mcclellan));
  CHECK_FALSE(a.line[0].has_value());  // no breadth yet: absent, not 0
  CHECK(*a.line[1] == 100.0);
  CHECK(*a.line[2] == 50.0);
  CHECK(*a.line[3] == 90.0);
  CHECK(*a.ema[2] == Approx(75.0));                            // (100+50)/2
  CHECK(*a.ema[3] == Approx((90.0 - 75.0) * (2.0 / 3.0) + 75.0));
  CHECK_FALSE(a.mcclellan[2].has_value());
  CHECK(*a.mcclellan[3] == Approx(35.0 - 30.0));  // EMA2: 25 -> (40-25)*2/3+25 = 35; EMA3: 90/3
}

TEST_CASE("each indicator's streaming form equals its batch form bit for bit, gaps included") {
  const auto x = walk_with_gaps(2000);
  SECTION("sma") { require_identical(stream(alvh::Sma(20), x), alvh::sma(x, 20)); }
  SECTION("ema") { require_identical(stream(alvh::Ema(20), x), alvh::ema(x, 20)); }
  SECTION("rsi") { require_identical(stream(alvh::Rsi(14), x), alvh::rsi(x, 14)); }
  SECTION("roc") { require_identical(stream(alvh::RateOfChange(10), x), alvh::rate_of_change(x, 10)); }
  SECTION("pct_rank") { require_identical(stream(alvh::PercentRank(252), x), alvh::percent_rank(x, 252)); }
  SECTION("zscore") { require_identical(stream(alvh::ZScore(20), x), alvh::zscore(x, 20)); }
  SECTION("macd") {
    alvh::Macd m(12, 26, 9);
    const auto b = alvh::macd(x, 12, 26, 9);
    for (std::size_t i = 0; i < x.size(); ++i) {
      INFO("index " << i);
      const auto p = m.update(x[i]);
      REQUIRE(p.has_value() == b.macd[i].has_value());
      if (p) {
        REQUIRE(p->macd == *b.macd[i]);
        REQUIRE(p->signal == *b.signal[i]);
        REQUIRE(p->hist == *b.hist[i]);
      }
    }
  }
  SECTION("adl") {
    std::vector<Value> net(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i]) net[i] = (*x[i] - 20.0) * 37.0;
    }
    alvh::AdvanceDecline s;
    const auto b = alvh::advance_decline(net);
    for (std::size_t i = 0; i < net.size(); ++i) {
      INFO("index " << i);
      const auto p = s.update(net[i]);
      REQUIRE(p.line == b.line[i]);
      REQUIRE(p.ema == b.ema[i]);
      REQUIRE(p.mcclellan == b.mcclellan[i]);
    }
  }
}

TEST_CASE("reset returns a streaming indicator to its initial state") {
  const auto x = walk_with_gaps(100);
  alvh::Macd m;
  for (const auto& v : x) m.update(v);
  m.reset();
  const auto b = alvh::macd(x);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto p = m.update(x[i]);
    REQUIRE(p.has_value() == b.macd[i].has_value());
    if (p) REQUIRE(p->macd == *b.macd[i]);
  }
}
