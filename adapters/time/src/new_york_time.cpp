#include "alvh/time/new_york_time.hpp"

#include <date/tz.h>

namespace alvh::time {
namespace {

const date::time_zone* new_york() {
  // locate_zone caches internally; the pointer stays valid for the program's lifetime.
  static const date::time_zone* zone = date::locate_zone("America/New_York");
  return zone;
}

}  // namespace

ExchangeTime to_new_york(Timestamp utc) {
  const auto local = new_york()->to_local(utc);
  const auto day = date::floor<date::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  return {Date{std::chrono::sys_days{day.time_since_epoch()}}, static_cast<int>(minutes)};
}

Timestamp from_new_york(ExchangeTime local) {
  const date::local_seconds t{std::chrono::sys_days{local.date}.time_since_epoch() + std::chrono::minutes{local.minutes}};
  const auto info = new_york()->get_info(t);
  switch (info.result) {
    case date::local_info::unique: return Timestamp{t.time_since_epoch() - info.first.offset};
    case date::local_info::ambiguous: return Timestamp{t.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent: return info.second.begin;
  }
  return Timestamp{t.time_since_epoch() - info.first.offset};
}

Timestamp SystemClock::now_utc() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace alvh::time
