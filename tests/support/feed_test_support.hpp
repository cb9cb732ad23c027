#pragma once
// Shared by the market-data tests (tests/adapters/zmq, tests/feed): synthetic days and a publisher served on its own thread.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "alvh/zmq/feed_publisher.hpp"
#include "poll_until.hpp"

namespace alvh::test {

// `n` weekdays from 2024-03-04 with distinct index values and one signal.
inline std::vector<wire::FeedDay> synthetic_days(int n) {
  std::vector<wire::FeedDay> out;
  Date d = make_date(2024, 3, 4);
  for (int i = 0; i < n; ++i) {
    while (weekday_of(d) == std::chrono::Saturday || weekday_of(d) == std::chrono::Sunday) d = add_days(d, 1);
    wire::FeedDay day;
    day.row.date = d;
    day.row.spx = {d, 5100.0 + i, 5110.0 + i, 5090.0 + i, 5105.25 + i};
    day.row.vix = {d, 14.0, 14.5, 13.5, 14.1 + 0.1 * i};
    day.row.vol.date = d;
    day.row.vol.close[static_cast<std::size_t>(VolIndex::VVIX)] = 86.5;
    SignalSnapshot s;
    s.time = {d, 9 * 60 + 30};
    s.values.emplace("vix_close", 14.0 + 0.1 * i);
    s.values.emplace("missing", std::nullopt);
    day.signals = s;
    out.push_back(day);
    d = add_days(d, 1);
  }
  return out;
}

// Polls the publisher on a thread of its own until destroyed (the publisher is used by that thread only).
class ServedFeed {
 public:
  explicit ServedFeed(wire::FeedPublisher& feed) : feed_(feed), thread_([this] {
    while (!stop_) feed_.poll(std::chrono::milliseconds(5));
  }) {}
  ~ServedFeed() {
    stop_ = true;
    thread_.join();
  }

 private:
  wire::FeedPublisher& feed_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace alvh::test
