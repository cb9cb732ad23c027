#pragma once
// Reconciler: on start-up, compares what the journal believes (open intents, positions) with what
// the backend reports (snapshot: positions, open orders and, from a backend that keeps them, the
// recorded outcomes of orders that ended) and says what to do.
//
// Each mismatch carries an action and the trading state the strategy should run in until it is
// resolved. The verdict's state is the most restrictive of them:
//   ACTIVE   — the difference is an expected consequence of a crash and the action fully resolves
//              it (resend an intent the backend never saw — same id, so the backend's idempotence
//              makes a duplicate harmless; adopt the recorded outcome of an intent the backend reports
//              as finished, or, without that record, adopt fills the backend made while we were down
//              when they exactly explain the position difference; close an intent that finished
//              meanwhile).
//              Recovery must not restrict trading here, or a restarted run would diverge from an
//              uninterrupted one.
//   REDUCING — recoverable but unexplained on our side: an order at the backend the journal never
//              recorded, or one the journal already closed (action: cancel it).
//   HALTED   — the books disagree: position quantities that our own in-flight orders cannot
//              explain, an id naming two different orders, a backend behind the journal.
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/journal/order_intent.hpp"

namespace alvh::journal {

class Journal;

// Mirrors strategies' TradingState names ("ACTIVE", "REDUCING", "HALTED"); adapters do not depend
// on strategies, so the host maps it.
enum class RecommendedState { Active, Reducing, Halted };
std::string_view to_string(RecommendedState s);

enum class MismatchKind {
  IntentNotAtBackend,      // journal intent (Pending/Sent) absent from the backend -> Resend, same id
  IntentFinishedWhileDown, // journal intent Acked, absent from the backend's open orders -> MarkTerminal
  IntentSeenByBackend,     // journal intent Pending/Sent, open at the backend -> MarkAcked
  ProvisionalIdBound,      // a provisional-id intent matches an unknown backend order -> Rename
  MissedFills,             // backend filled more than the journal knows, explaining positions -> AdoptFills
  UnknownBackendOrder,     // open at the backend, never journaled -> Cancel (REDUCING)
  ClosedIntentOpenAtBackend,  // journal says closed, backend says open -> Cancel (REDUCING)
  OrderDiffers,            // same id, different request -> Investigate (HALTED)
  JournalAheadOfBackend,   // journal counts more fills than the backend -> Investigate (HALTED)
  PositionDiffers,         // quantity differs and our orders cannot explain it -> Investigate (HALTED)
};
std::string_view to_string(MismatchKind k);

enum class RecoveryAction { Resend, MarkTerminal, MarkAcked, Rename, AdoptFills, Cancel, Investigate };
std::string_view to_string(RecoveryAction a);

struct Mismatch {
  MismatchKind kind = MismatchKind::PositionDiffers;
  RecoveryAction action = RecoveryAction::Investigate;
  RecommendedState state = RecommendedState::Halted;
  ClientOrderId id;             // the order concerned (empty for positions)
  ClientOrderId backend_id;     // ProvisionalIdBound: the backend's id for the journal's provisional one
  std::string symbol;           // PositionDiffers: the instrument
  int journal_quantity = 0;     // positions: contracts; orders: filled quantity
  int backend_quantity = 0;
  bool open_at_backend = false; // MissedFills: the order is still working at the backend
  std::string reason;           // one human-readable sentence
  // The backend reported this order's outcome (its terminal event and fills, e.g. a snapshot's
  // finished_orders): the host books that record as the order's answer and does not resend it.
  bool recorded_outcome = false;
  OrderState backend_state = OrderState::PendingSubmit;  // with recorded_outcome: the terminal state
};

struct ReconcileVerdict {
  std::vector<Mismatch> mismatches;
  RecommendedState state = RecommendedState::Active;
  bool consistent() const { return mismatches.empty(); }
  std::vector<ClientOrderId> to_resend() const;  // ids whose action is Resend
  std::vector<ClientOrderId> to_cancel() const;  // ids whose action is Cancel
  std::vector<ClientOrderId> to_adopt() const;   // ids whose recorded outcome the backend reported: book it, do not resend
  std::string summary() const;                   // "consistent" or one line per mismatch
};

class Reconciler {
 public:
  // Intents: every intent of the account (open and closed); positions: the journal's. Pure function.
  // `backend_finished`: the terminal events (id, state, cumulative filled quantity) of orders the
  // backend reports as ended; empty when it reports none (then positions are the only evidence).
  static ReconcileVerdict compare(const std::vector<OrderIntent>& intents, const std::vector<Position>& journal_positions,
                                  const std::vector<Position>& backend_positions, const std::vector<Order>& backend_open_orders,
                                  const std::vector<OrderEvent>& backend_finished = {});
  static ReconcileVerdict compare(const Journal& journal, const std::vector<Position>& backend_positions,
                                  const std::vector<Order>& backend_open_orders,
                                  const std::vector<OrderEvent>& backend_finished = {});

  // Applies the bookkeeping actions to the journal (MarkTerminal, MarkAcked, Rename, AdoptFills —
  // the latter updates filled quantities, to the backend's recorded state when it reported one, and
  // adopts the backend positions) and writes the verdict to the audit log. A host that books the
  // recorded fills themselves (prices, fees: to_adopt()) does that instead of apply(). Resend and Cancel need the execution port: the host does them (to_resend() /
  // to_cancel()). Investigate is left to a human.
  static void apply(Journal& journal, const ReconcileVerdict& verdict, const std::vector<Position>& backend_positions,
                    Timestamp now);
};

}  // namespace alvh::journal
