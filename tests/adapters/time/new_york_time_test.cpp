#include <catch2/catch.hpp>

#include "alvh/time/new_york_time.hpp"

using namespace alvh;
using namespace std::chrono;

namespace {
Timestamp utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return Timestamp{sys_days{make_date(y, m, d)} + hours{hh} + minutes{mm}};
}
}  // namespace

TEST_CASE("15:45 New York is 20:45 UTC in winter and 19:45 UTC in summer") {
  CHECK(time::to_new_york(utc(2024, 1, 16, 20, 45)) == ExchangeTime{make_date(2024, 1, 16), 15 * 60 + 45});
  CHECK(time::to_new_york(utc(2024, 7, 16, 19, 45)) == ExchangeTime{make_date(2024, 7, 16), 15 * 60 + 45});
  CHECK(time::from_new_york({make_date(2024, 1, 16), 15 * 60 + 45}) == utc(2024, 1, 16, 20, 45));
  CHECK(time::from_new_york({make_date(2024, 7, 16), 15 * 60 + 45}) == utc(2024, 7, 16, 19, 45));
}

TEST_CASE("the New York date changes at local midnight, not at UTC midnight") {
  CHECK(time::to_new_york(utc(2024, 3, 15, 2, 30)) == ExchangeTime{make_date(2024, 3, 14), 22 * 60 + 30});
}

TEST_CASE("daylight-saving edges: the spring gap maps forward and the autumn repeat maps to the earlier instant") {
  // 2024-03-10 02:30 does not exist in New York; 03:00 EDT = 07:00 UTC.
  CHECK(time::from_new_york({make_date(2024, 3, 10), 2 * 60 + 30}) == utc(2024, 3, 10, 7, 0));
  // 2024-11-03 01:30 happens twice; the first is EDT (05:30 UTC).
  CHECK(time::from_new_york({make_date(2024, 11, 3), 90}) == utc(2024, 11, 3, 5, 30));
}

TEST_CASE("a manual clock set in New York time reports the matching UTC instant") {
  time::ManualClock clock{utc(2024, 1, 2, 14, 30)};
  CHECK(clock.now_local() == ExchangeTime{make_date(2024, 1, 2), 9 * 60 + 30});
  clock.set_local({make_date(2024, 7, 3), 12 * 60 + 45});
  CHECK(clock.now_utc() == utc(2024, 7, 3, 16, 45));
}
