#pragma once
// New York exchange time from UTC and back, using the system IANA tz database, plus Clock
// implementations for live hosts (system clock) and replay hosts (manually set).
#include "alvh/core/clock.hpp"

namespace alvh::time {

ExchangeTime to_new_york(Timestamp utc);

// Local times that do not exist (spring-forward gap) map to the first instant after the gap;
// ambiguous ones (fall-back hour) map to the earlier instant, as a daily schedule expects.
Timestamp from_new_york(ExchangeTime local);

class SystemClock final : public Clock {
 public:
  Timestamp now_utc() const override;
  ExchangeTime now_local() const override { return to_new_york(now_utc()); }
};

// Replay/paper hosts advance this explicitly; both readings always describe the same instant.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp utc) : utc_(utc) {}
  void set_utc(Timestamp utc) { utc_ = utc; }
  void set_local(ExchangeTime local) { utc_ = from_new_york(local); }
  Timestamp now_utc() const override { return utc_; }
  ExchangeTime now_local() const override { return to_new_york(utc_); }

 private:
  Timestamp utc_;
};

}  // namespace alvh::time
