#pragma once
// Waiting in tests: a condition is polled until it holds or a deadline passes, instead of a fixed
// sleep that hopes the socket, handshake or process got there in time (slow when it did, flaky
// when it did not).
#include <chrono>
#include <thread>

namespace alvh::test {

// True as soon as `done()` holds; false once `limit` has passed without it.
template <class Done>
bool poll_until(Done&& done, std::chrono::milliseconds limit, std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

}  // namespace alvh::test
