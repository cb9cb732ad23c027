#include "alvh/strategies/alvh_portfolio.hpp"

#include <sstream>

namespace alvh::strategies {

// Forwards everything to the host except order submission, which goes through the gate.
class AlvhPortfolio::GatedContext final : public StrategyContext {
 public:
  GatedContext(StrategyContext& host, RiskGate& gate) : host_(host), gate_(gate) {}

  const Clock& clock() const override { return host_.clock(); }
  const ExchangeCalendar& calendar() const override { return host_.calendar(); }
  const OptionPricer& pricer() const override { return host_.pricer(); }
  double risk_free_rate() const override { return host_.risk_free_rate(); }

  ClientOrderId submit_combo(const ComboOrder& order) override {
    const auto verdict = gate_.check_combo(order, host_);
    return verdict.accepted ? host_.submit_combo(order) : refuse(order.tag, verdict.reason);
  }
  ClientOrderId submit_order(const SingleOrder& order) override {
    const auto verdict = gate_.check_single(order, host_);
    return verdict.accepted ? host_.submit_order(order) : refuse(order.tag, verdict.reason);
  }
  void cancel(const ClientOrderId& id) override { host_.cancel(id); }
  std::vector<Order> open_orders() const override { return host_.open_orders(); }
  std::vector<Position> positions() const override { return host_.positions(); }
  PortfolioGreeks portfolio_greeks() const override { return host_.portfolio_greeks(); }
  AccountSummary account() const override { return host_.account(); }
  void request_chain(const ChainRequest& r) override { host_.request_chain(r); }
  TimerId schedule(ExchangeTime when, std::string name) override { return host_.schedule(when, std::move(name)); }
  void cancel_timer(TimerId id) override { host_.cancel_timer(id); }
  void log(LogLevel level, std::string_view source, std::string_view message) override {
    host_.log(level, source, message);
  }
  bool log_enabled(LogLevel level) const override { return host_.log_enabled(level); }
  void persist(std::string_view key, std::string_view blob) override { host_.persist(key, blob); }
  std::optional<std::string> restore(std::string_view key) const override { return host_.restore(key); }

  std::deque<OrderEvent> refused;

 private:
  ClientOrderId refuse(const std::string& tag, const std::string& reason) {
    ClientOrderId id = "gate-rejected-" + std::to_string(++refused_count_) + ":" + tag;
    host_.log(LogLevel::Decision, "risk_gate", "reject " + tag + ": " + reason);
    refused.push_back({id, OrderState::Rejected, 0, reason, host_.clock().now_utc()});
    return id;
  }

  StrategyContext& host_;
  RiskGate& gate_;
  int refused_count_ = 0;
};

AlvhPortfolio::AlvhPortfolio(IronCondorConfig condor, VixLadderConfig ladder, RiskGateConfig risk)
    : condor_(std::move(condor)), ladder_(std::move(ladder)), gate_(std::move(risk)) {}

AlvhPortfolio::~AlvhPortfolio() = default;

void AlvhPortfolio::init(StrategyContext& ctx) {
  host_ = &ctx;
  gated_ = std::make_unique<GatedContext>(ctx, gate_);
  condor_.init(*gated_);
  ladder_.init(*gated_);
}

// Runs f on both children, then delivers gate refusals they caused, then refreshes the ladder's
// view of the condor book.
template <class F>
void AlvhPortfolio::dispatch(F&& f) {
  if (gate_.begin_session(host_->clock().now_local().date))
    host_->log(LogLevel::Decision, "risk_gate", "state ACTIVE: " + gate_.state_reason());
  f(static_cast<Strategy&>(condor_));
  f(static_cast<Strategy&>(ladder_));
  while (!gated_->refused.empty()) {
    const OrderEvent e = gated_->refused.front();
    gated_->refused.pop_front();
    condor_.on_order_event(e);
    ladder_.on_order_event(e);
  }
  ladder_.set_condor_exposure(condor_.latest_exposure());
  if (gate_.check_daily_loss(host_->account()))
    host_->log(LogLevel::Decision, "risk_gate", "state REDUCING: " + gate_.state_reason());
}

void AlvhPortfolio::on_start() { dispatch([](Strategy& s) { s.on_start(); }); }
void AlvhPortfolio::on_stop() { dispatch([](Strategy& s) { s.on_stop(); }); }
void AlvhPortfolio::on_daily_bar(const DailyBar& b) { dispatch([&](Strategy& s) { s.on_daily_bar(b); }); }
void AlvhPortfolio::on_index_values(const IndexValues& v) { dispatch([&](Strategy& s) { s.on_index_values(v); }); }

void AlvhPortfolio::on_quotes(const QuoteSnapshot& q) {
  gate_.observe(q);
  dispatch([&](Strategy& s) { s.on_quotes(q); });
}

void AlvhPortfolio::on_option_chain(const OptionChainSnapshot& c) {
  gate_.observe(c);
  dispatch([&](Strategy& s) { s.on_option_chain(c); });
}

void AlvhPortfolio::on_signals(const SignalSnapshot& snapshot) {
  if (gate_.begin_session(host_->clock().now_local().date))
    host_->log(LogLevel::Decision, "risk_gate", "state ACTIVE: " + gate_.state_reason());
  // Rules may only tighten the trading state; loosening needs reset_trading().
  for (const auto& rule : snapshot.fired)
    for (const auto& action : rule.actions)
      if (const auto* st = std::get_if<SetTradingState>(&action)) {
        const auto before = gate_.state();
        gate_.restrict_to(st->state, "rule '" + rule.name + "' (" + rule.reason + ")");
        if (gate_.state() != before)
          host_->log(LogLevel::Decision, "risk_gate",
                     std::string("state ") + std::string(trading_state_name(gate_.state())) + ": " + gate_.state_reason());
      }
  dispatch([&](Strategy& s) { s.on_signals(snapshot); });
}

void AlvhPortfolio::on_order_event(const OrderEvent& e) { dispatch([&](Strategy& s) { s.on_order_event(e); }); }

void AlvhPortfolio::on_fill(const Fill& f) {
  gate_.on_fill(f, host_->clock().now_utc());
  dispatch([&](Strategy& s) { s.on_fill(f); });
}

void AlvhPortfolio::on_settlement(const Settlement& st) { dispatch([&](Strategy& s) { s.on_settlement(st); }); }
void AlvhPortfolio::on_timer(const TimerEvent& t) { dispatch([&](Strategy& s) { s.on_timer(t); }); }

void AlvhPortfolio::kill_switch(bool flatten, std::string reason) { gate_.kill(*host_, flatten, std::move(reason)); }

void AlvhPortfolio::reset_trading(std::string reason) {
  gate_.reset(reason);
  host_->log(LogLevel::Decision, "risk_gate", "state ACTIVE: reset, " + reason);
}

// Framing: "<name> <length>\n<blob>" per child, so blobs may contain anything.
std::string AlvhPortfolio::save_state() const {
  std::string out;
  for (const auto& [tag, blob] : {std::pair{std::string("condor"), condor_.save_state()},
                                  std::pair{std::string("ladder"), ladder_.save_state()}})
    out += tag + " " + std::to_string(blob.size()) + "\n" + blob;
  return out;
}

bool AlvhPortfolio::load_state(std::string_view blob) {
  std::size_t pos = 0;
  while (pos < blob.size()) {
    const auto nl = blob.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    std::istringstream header{std::string(blob.substr(pos, nl - pos))};
    std::string tag;
    std::size_t size = 0;
    if (!(header >> tag >> size) || nl + 1 + size > blob.size()) return false;
    const auto part = blob.substr(nl + 1, size);
    if (tag == "condor" ? !condor_.load_state(part) : tag == "ladder" ? !ladder_.load_state(part) : true) return false;
    pos = nl + 1 + size;
  }
  return true;
}

}  // namespace alvh::strategies
