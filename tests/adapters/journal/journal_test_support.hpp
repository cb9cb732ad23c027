#pragma once
// Shared fixtures of the journal tests: a scratch directory per test, sample orders and fills, and
// a minimal StrategyContext whose submit_* can look at the journal from inside the "send".
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "alvh/core/strategy_context.hpp"

namespace alvh::journal::test {

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("alvh-journal-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline Date expiry() { return make_date(2024, 3, 15); }
inline Timestamp at(long long seconds) { return Timestamp{std::chrono::seconds{1710428400 + seconds}}; }

inline ComboOrder condor(int quantity = 2, double limit = 3.45, std::string tag = "ic:2024-03-14") {
  ComboOrder o;
  o.legs = {{spxw_option(expiry(), 5000, OptionType::Put), Side::Buy, 1},
            {spxw_option(expiry(), 5050, OptionType::Put), Side::Sell, 1},
            {spxw_option(expiry(), 5250, OptionType::Call), Side::Sell, 1},
            {spxw_option(expiry(), 5300, OptionType::Call), Side::Buy, 1}};
  o.quantity = quantity;
  o.limit = limit;
  o.effect = PriceEffect::Credit;
  o.tag = std::move(tag);
  return o;
}

inline SingleOrder vix_call(int quantity = 10, double limit = 1.25, std::string tag = "ladder:front") {
  return {vix_option(make_date(2024, 4, 17), 20, OptionType::Call), Side::Buy, quantity, limit, std::move(tag)};
}

// One execution of `units` condors: legs at fixed prices netting 3.40 credit.
inline Fill condor_fill(const ClientOrderId& id, int units, long long seconds = 60) {
  const ComboOrder o = condor();
  const double prices[4] = {0.80, 2.10, 2.50, 0.40};
  Fill f;
  f.id = id;
  f.quantity = units;
  f.net_price = 3.40;
  f.effect = PriceEffect::Credit;
  for (int i = 0; i < 4; ++i) f.legs.push_back({o.legs[i].instrument, o.legs[i].side, units, prices[i]});
  f.commission = 2.6 * units;
  f.time = at(seconds);
  return f;
}

inline Fill vix_fill(const ClientOrderId& id, int contracts, double price = 1.20, long long seconds = 90) {
  const SingleOrder o = vix_call();
  Fill f;
  f.id = id;
  f.quantity = contracts;
  f.net_price = price;
  f.effect = PriceEffect::Debit;
  f.legs = {{o.instrument, Side::Buy, contracts, price}};
  f.commission = 0.65 * contracts;
  f.time = at(seconds);
  return f;
}

class FixedClock final : public Clock {
 public:
  Timestamp now_utc() const override { return now; }
  ExchangeTime now_local() const override { return {expiry(), 600}; }
  Timestamp now = at(0);
};

// Records what reaches it; `on_submit` runs inside submit_* (i.e. "while the order is being sent").
class FakeContext final : public StrategyContext {
 public:
  const Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { throw std::logic_error("not used"); }
  const OptionPricer& pricer() const override { throw std::logic_error("not used"); }
  ClientOrderId submit_combo(const ComboOrder& o) override {
    const ClientOrderId id = "host-" + std::to_string(++next_id);
    if (on_submit) on_submit(id);
    combos.push_back(o);
    return id;
  }
  ClientOrderId submit_order(const SingleOrder& o) override {
    const ClientOrderId id = "host-" + std::to_string(++next_id);
    if (on_submit) on_submit(id);
    singles.push_back(o);
    return id;
  }
  void cancel(const ClientOrderId& id) override { cancels.push_back(id); }
  std::vector<Order> open_orders() const override { return {}; }
  std::vector<Position> positions() const override { return {}; }
  PortfolioGreeks portfolio_greeks() const override { return {}; }
  AccountSummary account() const override { return {}; }
  void request_chain(const ChainRequest&) override {}
  TimerId schedule(ExchangeTime, std::string) override { return 1; }
  void cancel_timer(TimerId) override {}
  void log(LogLevel, std::string_view, std::string_view message) override { logs.emplace_back(message); }
  void persist(std::string_view, std::string_view) override { ++inner_persists; }
  std::optional<std::string> restore(std::string_view) const override { return std::nullopt; }

  FixedClock clock_;
  int next_id = 0;
  std::function<void(const ClientOrderId&)> on_submit;
  std::vector<ComboOrder> combos;
  std::vector<SingleOrder> singles;
  std::vector<ClientOrderId> cancels;
  std::vector<std::string> logs;
  int inner_persists = 0;
};

}  // namespace alvh::journal::test
