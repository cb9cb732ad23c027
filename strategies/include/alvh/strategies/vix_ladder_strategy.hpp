#pragma once
// VixLadderStrategy (ALVH): three layers of long VIX calls at ~30/110/220 DTE, 4/4/2 contracts per
// hedge unit, strikes by Black-76 delta on the same-expiry VX future. Reviewed once a day: exits
// (by the exit policy), rolls, then top up to target. A roll buys the new contracts first and sells
// the old ones only once the buy has filled, so a refused buy leaves the layer as it was. Adaptive
// multipliers, monetization and purchase blocks come from fired rules; every change is logged at
// LogLevel::Decision with the signal/rule behind it; a sale that empties a layer is logged as
// "<layer> layer emptied: <reason>".
#include <array>
#include <utility>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/strategy.hpp"
#include "alvh/strategies/decision_log.hpp"
#include "alvh/strategies/condor_exposure.hpp"
#include "alvh/strategies/hedge_sizing.hpp"
#include "alvh/strategies/vix_ladder_config.hpp"

namespace alvh::strategies {

class VixLadderStrategy final : public Strategy {
 public:
  explicit VixLadderStrategy(VixLadderConfig config);

  std::string_view name() const override { return config_.name; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override;
  void on_index_values(const IndexValues& v) override;
  void on_signals(const SignalSnapshot& s) override;
  void on_option_chain(const OptionChainSnapshot& chain) override;
  void on_order_event(const OrderEvent& e) override;
  void on_fill(const Fill& f) override;
  void on_settlement(const Settlement& s) override;
  void on_timer(const TimerEvent& t) override;
  std::string save_state() const override;
  bool load_state(std::string_view blob) override;

  // The condor book to hedge (set by AlvhPortfolio or the host).
  void set_condor_exposure(const std::optional<CondorExposure>& e) { exposure_ = e; }

  struct Lot {
    Instrument contract;
    int quantity = 0;  // order units: contracts, or 1/100 contracts when fractional
    double cost = 0;   // average premium paid, points
  };
  // A layer normally holds one lot; two only briefly while a roll's orders are working.
  struct Layer {
    std::vector<Lot> lots;
    bool established = false;  // ever held since start
    bool monetized = false;    // closed for profit, waiting for the re-establish rule
    int quantity() const;
  };
  const std::array<Layer, 3>& layers() const { return layers_; }
  const std::array<double, 3>& multipliers() const { return multipliers_; }
  double last_units() const { return last_units_; }
  // Order units per contract: 100 when fractional (instrument multiplier 1), else 1.
  int units_per_contract() const { return config_.fractional ? 100 : 1; }
  double contracts(std::size_t layer) const { return layers_.at(layer).quantity() / double(units_per_contract()); }

 private:
  struct WorkingOrder {
    std::size_t layer = 0;
    Instrument instrument;
    Side side = Side::Buy;
    int quantity = 0, filled = 0;
    std::string why;
    // A roll's buy: the lot to sell once it has filled, at this limit.
    std::optional<Lot> roll_from;
    double roll_from_bid = 0;
  };
  void decide(std::string_view message);
  // A decision whose text `message()` is built only when someone reads decisions (a replay without
  // a log builds none; daily decisions were a tenth of its time).
  template <class Message>
  void decide_lazily(Message&& message) {
    log_decision_lazily(*ctx_, config_.name, std::forward<Message>(message));
  }
  void schedule_review(Date from, bool include_from);
  void review(const OptionChainSnapshot& chain);
  std::optional<LayerQuote> price_layer(const OptionChainSnapshot& chain, std::size_t i, Date expiry,
                                        std::string& why) const;
  ClientOrderId buy(std::size_t i, const Instrument& contract, int quantity, double ask, const std::string& why);
  void sell(std::size_t i, const Lot& lot, int quantity, double bid, const std::string& why);
  Instrument contract_of(Date expiry, double strike) const;
  Date target_expiry_for(std::size_t i, Date today) const;
  Date find_target_expiry(std::size_t i, Date today) const;
  const Quote* quote_of(const OptionChainSnapshot& chain, const Instrument& i) const;

  VixLadderConfig config_;
  StrategyContext* ctx_ = nullptr;
  std::array<Layer, 3> layers_{};
  std::array<double, 3> multipliers_{};
  mutable std::array<std::pair<Date, Date>, 3> target_expiry_memo_{};  // (day, target expiry) per layer
  std::optional<IndexValues> index_;
  std::optional<SignalSnapshot> signals_;
  std::optional<CondorExposure> exposure_;
  bool review_pending_ = false;
  double last_units_ = 0;
  std::map<ClientOrderId, WorkingOrder> working_;
};

}  // namespace alvh::strategies
