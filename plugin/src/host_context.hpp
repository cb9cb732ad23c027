#pragma once
// StrategyContext over the host's C function table. Every host call that reports a failure
// throws AbiError(ALVH_ERR_HOST), which the callback barrier turns into the callback's status.
#include "alvh/core/strategy_context.hpp"
#include "alvh/plugin.h"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "host_calendar.hpp"
#include "host_clock.hpp"
#include "working_orders.hpp"

namespace alvh::plugin {

// Throws AbiError naming the first null slot or a short/old table.
void validate_host_api(const alvh_host_api* api);

class HostContext final : public StrategyContext {
 public:
  explicit HostContext(const alvh_host_api& api);

  const Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return calendar_; }
  const OptionPricer& pricer() const override { return pricer_; }
  double risk_free_rate() const override;

  ClientOrderId submit_combo(const ComboOrder& order) override;
  ClientOrderId submit_order(const SingleOrder& order) override;
  void cancel(const ClientOrderId& id) override;
  std::vector<Order> open_orders() const override { return working_.open(); }

  std::vector<Position> positions() const override;
  PortfolioGreeks portfolio_greeks() const override;
  AccountSummary account() const override;

  void request_chain(const ChainRequest& request) override;
  TimerId schedule(ExchangeTime when, std::string name) override;
  void cancel_timer(TimerId id) override;

  void log(LogLevel level, std::string_view source, std::string_view message) override;
  void persist(std::string_view key, std::string_view blob) override;
  std::optional<std::string> restore(std::string_view key) const override;

  // Called with every order event before the strategy sees it.
  void order_event(const OrderEvent& e) { working_.apply(e); }

 private:
  const alvh_host_api& api_;
  HostClock clock_;
  HostCalendar calendar_;
  QuantLibPricer pricer_;
  WorkingOrders working_;
};

}  // namespace alvh::plugin
