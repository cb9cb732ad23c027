#pragma once
// JournaledContext: a StrategyContext decorator that makes a strategy crash-safe. It forwards every
// call to the wrapped (host) context, and:
//  * submit_combo / submit_order: records the intent in the journal — committed — BEFORE the order is
//    forwarded; marks it Sent after.
//  * persist / restore: go to the journal's state table (not to the wrapped context), together with
//    a checkpoint of the id counters.
//  * log: forwarded; Decision, Warning and Error lines are also appended to the audit log.
//  * record_event / record_fill / record_ack / record_nack: the host calls these as the backend's
//    answers arrive, before delivering them to the strategy.
//
// Deterministic client order ids. With a ChosenIdExecution port (the host can send an order under
// an id the caller chooses, as the ZeroMQ client can), ids are
//     <account>/<tag>/<n>          n = per-(account, tag) counter, 1, 2, ...
// The counters are saved with every persist() and put back by restore() of the same key, so a
// strategy restored from its last saved state and fed the same events makes the same decisions under
// the same ids. Re-submitting an id the journal already holds:
//  * same request, still open -> forwarded again (a resend; the backend's idempotence answers with
//    the original ack, nothing executes twice); closed -> not sent, the id is returned and the
//    journaled outcome is queued for the host (take_replay()).
//  * different request, still open -> not sent; the journaled order stands (audited). Closed -> the
//    counter skips to a fresh number and the new order is sent.
// Without the port the wrapped context assigns ids: the intent is recorded under a provisional id
// "provisional:<account>/<tag>/<n>" and renamed in one transaction when the id comes back; a crash in
// between is resolved by the Reconciler (ProvisionalIdBound) by matching the request.
//
// Host recipe (docs/journal.md): AccountLock -> Journal -> snapshot from the backend ->
// Reconciler::compare/apply -> resend to_resend() under their ids, cancel to_cancel() -> set the
// trading state -> strategy.load_state(ctx.restore(key)) -> on_start -> after every callback
// ctx.persist(key, strategy.save_state()).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alvh/core/strategy_context.hpp"
#include "alvh/journal/journal.hpp"

namespace alvh::journal {

// Optional port of the host: send an order under a caller-chosen client order id.
class ChosenIdExecution {
 public:
  virtual ~ChosenIdExecution() = default;
  virtual void submit_combo_as(const ClientOrderId& id, const ComboOrder& order) = 0;
  virtual void submit_order_as(const ClientOrderId& id, const SingleOrder& order) = 0;
};

// What the host should deliver to the strategy for an id that turned out to be already finished.
struct ReplayedOrder {
  OrderEvent event;
  std::vector<Fill> fills;
};

class JournaledContext final : public StrategyContext {
 public:
  JournaledContext(StrategyContext& inner, Journal& journal, std::string account,
                   ChosenIdExecution* chosen_ids = nullptr);

  // <account>/<tag>/<n>; an overlong tag (id > 128 characters, the protocol's limit) is shortened
  // to a prefix plus a hash of the whole tag, still deterministic.
  static ClientOrderId make_client_order_id(std::string_view account, std::string_view tag, std::uint64_t n);

  const Clock& clock() const override { return inner_.clock(); }
  const ExchangeCalendar& calendar() const override { return inner_.calendar(); }
  const OptionPricer& pricer() const override { return inner_.pricer(); }
  double risk_free_rate() const override { return inner_.risk_free_rate(); }

  ClientOrderId submit_combo(const ComboOrder& order) override;
  ClientOrderId submit_order(const SingleOrder& order) override;
  void cancel(const ClientOrderId& id) override;
  std::vector<Order> open_orders() const override { return inner_.open_orders(); }

  std::vector<Position> positions() const override { return inner_.positions(); }
  PortfolioGreeks portfolio_greeks() const override { return inner_.portfolio_greeks(); }
  AccountSummary account() const override { return inner_.account(); }

  void request_chain(const ChainRequest& request) override { inner_.request_chain(request); }
  TimerId schedule(ExchangeTime when, std::string name) override { return inner_.schedule(when, std::move(name)); }
  void cancel_timer(TimerId id) override { inner_.cancel_timer(id); }

  void log(LogLevel level, std::string_view source, std::string_view message) override;
  void persist(std::string_view key, std::string_view blob) override;
  // Persists several keys in one journal transaction (each with the id counters, as persist()).
  void persist_all(const std::vector<std::pair<std::string, std::string>>& key_blobs);
  std::optional<std::string> restore(std::string_view key) const override;

  // Host side: call as answers arrive from the backend, before handing them to the strategy.
  void record_ack(const ClientOrderId& id, std::string_view ack);
  void record_nack(const ClientOrderId& id, std::string_view reason);
  bool record_event(const OrderEvent& event);
  bool record_fill(const Fill& fill, std::string_view exec_key = {});
  bool record_settlement(const Settlement& settlement);

  // Ids re-submitted by the strategy that were already closed; drained by the host.
  std::vector<ReplayedOrder> take_replay();

  Journal& journal() { return journal_; }
  const std::string& account_name() const { return account_; }

 private:
  template <class OrderT>
  ClientOrderId submit(const OrderT& order);
  std::uint64_t take_counter(const std::string& tag);
  std::string encode_counters() const;
  void decode_counters(std::string_view text) const;

  StrategyContext& inner_;
  Journal& journal_;
  std::string account_;
  ChosenIdExecution* chosen_ids_;
  mutable std::map<std::string, std::uint64_t> counters_;  // tag -> next n; restore() rewinds it
  mutable bool rewound_ = false;  // a checkpoint was restored: unseen tags start at 1 as they did then
  std::vector<ReplayedOrder> replay_;
};

}  // namespace alvh::journal
