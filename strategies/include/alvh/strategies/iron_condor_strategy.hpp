#pragma once
// IronCondorStrategy: one 1DTE SPXW iron condor per trading day at the entry time, gated by VIX
// tiers and by fired rules, sized from a max-loss budget, held to PM cash settlement by default.
//
// Day flow: on_signals (rules) and on_index_values (VIX) arrive before the entry timer; the timer
// decides whether to trade and requests the chain; on_option_chain picks strikes and sends one
// 4-leg combo at a net credit. Every decision is logged at LogLevel::Decision with its reason.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alvh/core/strategy.hpp"
#include "alvh/strategies/decision_log.hpp"
#include "alvh/strategies/condor_builder.hpp"
#include "alvh/strategies/condor_exposure.hpp"
#include "alvh/strategies/iron_condor_config.hpp"

namespace alvh::strategies {

class IronCondorStrategy final : public Strategy {
 public:
  explicit IronCondorStrategy(IronCondorConfig config);

  std::string_view name() const override { return config_.name; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override;
  void on_index_values(const IndexValues& v) override;
  void on_signals(const SignalSnapshot& s) override;
  void on_option_chain(const OptionChainSnapshot& chain) override;
  void on_quotes(const QuoteSnapshot& quotes) override;
  void on_order_event(const OrderEvent& e) override;
  void on_fill(const Fill& f) override;
  void on_settlement(const Settlement& s) override;
  void on_timer(const TimerEvent& t) override;
  std::string save_state() const override;
  bool load_state(std::string_view blob) override;

  struct OpenCondor {
    std::string tag;
    Date expiry{};
    double short_put = 0, long_put = 0, short_call = 0, long_call = 0;  // strikes
    int quantity = 0;
    double credit = 0;   // average net credit, points
    std::optional<ClientOrderId> closing_order;
  };
  const std::vector<OpenCondor>& open_condors() const { return open_; }
  // The most recent condor entered (kept after it settles: the ladder sizes against the planned
  // daily condor, since consecutive 1DTE condors do not overlap).
  const std::optional<CondorExposure>& latest_exposure() const { return exposure_; }
  // New York minutes of the entry on d (moved before an early close).
  int entry_minutes(Date d) const;

 private:
  struct PendingEntry {
    Date expiry{};
    double size_factor = 1;
    double short_delta = 0.10;
    std::string why;
  };
  struct WorkingEntry {
    std::string tag;
    CondorQuotes legs;
    double vega_per_condor = 0;
    int quantity = 0;
  };

  void decide(std::string_view message);
  // A decision whose text `message()` is built only when someone reads decisions (a replay without
  // a log builds none; daily decisions were a tenth of its time).
  template <class Message>
  void decide_lazily(Message&& message) {
    log_decision_lazily(*ctx_, config_.name, std::forward<Message>(message));
  }
  void schedule_entry(Date from, bool include_from);
  void evaluate_entry(const TimerEvent& t);
  void close_condor(OpenCondor& c, double debit, const std::string& why);
  double condor_vega(const CondorQuotes& q, const OptionChainSnapshot& chain, double years) const;

  IronCondorConfig config_;
  StrategyContext* ctx_ = nullptr;
  std::optional<double> vix_;
  std::optional<SignalSnapshot> signals_;
  std::optional<PendingEntry> pending_;
  std::map<ClientOrderId, WorkingEntry> working_;
  std::vector<OpenCondor> open_;
  std::optional<CondorExposure> exposure_;
};

}  // namespace alvh::strategies
