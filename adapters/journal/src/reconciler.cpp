#include "alvh/journal/reconciler.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "alvh/journal/journal.hpp"

namespace alvh::journal {

std::string_view to_string(RecommendedState s) {
  switch (s) {
    case RecommendedState::Active: return "ACTIVE";
    case RecommendedState::Reducing: return "REDUCING";
    case RecommendedState::Halted: return "HALTED";
  }
  return "?";
}

std::string_view to_string(MismatchKind k) {
  switch (k) {
    case MismatchKind::IntentNotAtBackend: return "intent_not_at_backend";
    case MismatchKind::IntentFinishedWhileDown: return "intent_finished_while_down";
    case MismatchKind::IntentSeenByBackend: return "intent_seen_by_backend";
    case MismatchKind::ProvisionalIdBound: return "provisional_id_bound";
    case MismatchKind::MissedFills: return "missed_fills";
    case MismatchKind::UnknownBackendOrder: return "unknown_backend_order";
    case MismatchKind::ClosedIntentOpenAtBackend: return "closed_intent_open_at_backend";
    case MismatchKind::OrderDiffers: return "order_differs";
    case MismatchKind::JournalAheadOfBackend: return "journal_ahead_of_backend";
    case MismatchKind::PositionDiffers: return "position_differs";
  }
  return "?";
}

std::string_view to_string(RecoveryAction a) {
  switch (a) {
    case RecoveryAction::Resend: return "resend";
    case RecoveryAction::MarkTerminal: return "mark_terminal";
    case RecoveryAction::MarkAcked: return "mark_acked";
    case RecoveryAction::Rename: return "rename";
    case RecoveryAction::AdoptFills: return "adopt_fills";
    case RecoveryAction::Cancel: return "cancel";
    case RecoveryAction::Investigate: return "investigate";
  }
  return "?";
}

std::vector<ClientOrderId> ReconcileVerdict::to_resend() const {
  std::vector<ClientOrderId> out;
  for (const auto& m : mismatches)
    if (m.action == RecoveryAction::Resend) out.push_back(m.id);
  return out;
}

std::vector<ClientOrderId> ReconcileVerdict::to_cancel() const {
  std::vector<ClientOrderId> out;
  for (const auto& m : mismatches)
    if (m.action == RecoveryAction::Cancel) out.push_back(m.id);
  return out;
}

std::vector<ClientOrderId> ReconcileVerdict::to_adopt() const {
  std::vector<ClientOrderId> out;
  for (const auto& m : mismatches)
    if (m.recorded_outcome && (m.action == RecoveryAction::AdoptFills || m.action == RecoveryAction::MarkTerminal))
      out.push_back(m.id);
  return out;
}

std::string ReconcileVerdict::summary() const {
  if (mismatches.empty()) return "consistent";
  std::string s = std::string(to_string(state)) + ":";
  for (const auto& m : mismatches)
    s += "\n  [" + std::string(to_string(m.state)) + "] " + std::string(to_string(m.kind)) + " -> " +
         std::string(to_string(m.action)) + ": " + m.reason;
  return s;
}

namespace {

using Vector = std::map<std::string, int>;  // symbol -> signed contracts

// Signed contracts per symbol one unit of the order moves.
Vector unit_vector(const OrderIntent& in) {
  Vector v;
  if (in.combo)
    for (const ComboLeg& l : in.combo->legs) v[symbol(l.instrument)] += (l.side == Side::Buy ? 1 : -1) * l.ratio;
  if (in.single) v[symbol(in.single->instrument)] += in.single->side == Side::Buy ? 1 : -1;
  return v;
}

void add(Vector& acc, const Vector& v, int k) {
  for (const auto& [sym, q] : v) acc[sym] += q * k;
}

bool is_zero(const Vector& v) {
  return std::all_of(v.begin(), v.end(), [](const auto& kv) { return kv.second == 0; });
}

std::string describe(const Order& o) {
  std::string s = o.id + " (";
  if (o.combo)
    s += "combo " + o.combo->tag + " x" + std::to_string(o.combo->quantity);
  else if (o.single)
    s += (o.single->side == Side::Buy ? "buy " : "sell ") + std::to_string(o.single->quantity) + " " +
         symbol(o.single->instrument);
  return s + ")";
}

RecommendedState worst(RecommendedState a, RecommendedState b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

constexpr std::string_view kProvisional = "provisional:";

}  // namespace

ReconcileVerdict Reconciler::compare(const std::vector<OrderIntent>& intents, const std::vector<Position>& journal_positions,
                                     const std::vector<Position>& backend_positions,
                                     const std::vector<Order>& backend_open_orders,
                                     const std::vector<OrderEvent>& backend_finished) {
  ReconcileVerdict v;
  std::map<ClientOrderId, const OrderIntent*> by_id;
  for (const auto& in : intents) by_id[in.id] = &in;
  std::map<ClientOrderId, const OrderEvent*> finished;  // the backend's record of orders that ended
  for (const auto& e : backend_finished)
    if (is_terminal(e.state)) finished[e.id] = &e;
  std::set<ClientOrderId> accounted;  // journal intents matched to a backend order

  // id: the backend's; reported: the fills of a recorded outcome (already a mismatch of its own)
  struct Known { const OrderIntent* in; int k; ClientOrderId id; bool reported = false; };
  std::vector<Known> known;                 // fills we know the backend made (open orders)
  std::vector<std::size_t> unknown;         // indexes into v.mismatches of intents gone from the backend
  std::vector<const OrderIntent*> unknown_in;

  for (const Order& o : backend_open_orders) {
    auto it = by_id.find(o.id);
    if (it == by_id.end()) {
      // A provisional intent whose request matches: the crash fell between send and rename.
      const OrderIntent* match = nullptr;
      for (const auto& in : intents)
        if (!is_closed(in.status) && in.id.starts_with(kProvisional) && !accounted.count(in.id) &&
            same_request(in.as_order(), o)) {
          match = &in;
          break;
        }
      if (match) {
        accounted.insert(match->id);
        v.mismatches.push_back({MismatchKind::ProvisionalIdBound, RecoveryAction::Rename, RecommendedState::Active,
                                match->id, o.id, {}, 0, 0, true,
                                "journal intent " + match->id + " is the backend's order " + describe(o) +
                                    "; the process stopped before it learnt the id"});
        if (o.filled_quantity > match->filled_quantity) known.push_back({match, o.filled_quantity - match->filled_quantity, o.id});
        continue;
      }
      v.mismatches.push_back({MismatchKind::UnknownBackendOrder, RecoveryAction::Cancel, RecommendedState::Reducing,
                              o.id, {}, {}, 0, o.filled_quantity, true,
                              "backend has open order " + describe(o) + " that this journal never recorded"});
      continue;
    }
    const OrderIntent& in = *it->second;
    accounted.insert(in.id);
    if (!same_request(in.as_order(), o)) {
      v.mismatches.push_back({MismatchKind::OrderDiffers, RecoveryAction::Investigate, RecommendedState::Halted, o.id,
                              {}, {}, in.quantity(), o.quantity(), true,
                              "backend order " + describe(o) + " differs from the journaled request under the same id"});
      continue;
    }
    if (is_closed(in.status)) {
      v.mismatches.push_back({MismatchKind::ClosedIntentOpenAtBackend, RecoveryAction::Cancel, RecommendedState::Reducing,
                              o.id, {}, {}, in.filled_quantity, o.filled_quantity, true,
                              "journal closed " + o.id + " (" + in.last_event + ") but the backend still works it"});
      continue;
    }
    if (o.filled_quantity < in.filled_quantity) {
      v.mismatches.push_back({MismatchKind::JournalAheadOfBackend, RecoveryAction::Investigate, RecommendedState::Halted,
                              o.id, {}, {}, in.filled_quantity, o.filled_quantity, true,
                              "journal counts " + std::to_string(in.filled_quantity) + " filled for " + o.id +
                                  ", the backend only " + std::to_string(o.filled_quantity)});
      continue;
    }
    if (o.filled_quantity > in.filled_quantity) {
      known.push_back({&in, o.filled_quantity - in.filled_quantity, in.id});
    } else if (in.status == IntentStatus::Pending || in.status == IntentStatus::Sent) {
      v.mismatches.push_back({MismatchKind::IntentSeenByBackend, RecoveryAction::MarkAcked, RecommendedState::Active,
                              in.id, {}, {}, 0, 0, true,
                              "backend is working " + in.id + "; the process stopped before the ack was journaled"});
    }
  }

  for (const auto& in : intents) {
    if (is_closed(in.status) || accounted.count(in.id)) continue;
    // The backend says how this order ended: its record, not the positions, tells what it filled.
    if (const auto f = finished.find(in.id); f != finished.end()) {
      const OrderEvent& e = *f->second;
      accounted.insert(in.id);
      const std::string outcome = std::string(to_string(e.state)) + ", " + std::to_string(e.filled_quantity) + " of " +
                                  std::to_string(in.quantity()) + " filled" + (e.reason.empty() ? "" : ": " + e.reason);
      if (e.filled_quantity < in.filled_quantity || e.filled_quantity > in.quantity()) {
        v.mismatches.push_back({MismatchKind::JournalAheadOfBackend, RecoveryAction::Investigate, RecommendedState::Halted,
                                in.id, {}, {}, in.filled_quantity, e.filled_quantity, false,
                                "backend reports " + in.id + " ended (" + outcome + "), which the journal's " +
                                    std::to_string(in.filled_quantity) + " filled of " + std::to_string(in.quantity()) +
                                    " contradicts",
                                false, e.state});
        continue;
      }
      const int k = e.filled_quantity - in.filled_quantity;
      if (k > 0) known.push_back({&in, k, in.id, true});
      v.mismatches.push_back({k > 0 ? MismatchKind::MissedFills : MismatchKind::IntentFinishedWhileDown,
                              k > 0 ? RecoveryAction::AdoptFills : RecoveryAction::MarkTerminal, RecommendedState::Active,
                              in.id, {}, {}, in.filled_quantity, e.filled_quantity, false,
                              "backend finished " + in.id + " while the process was down (" + outcome +
                                  "); its recorded outcome is adopted, the order is not resent",
                              true, e.state});
      continue;
    }
    unknown.push_back(v.mismatches.size());
    unknown_in.push_back(&in);
    if (in.status == IntentStatus::Acked)
      v.mismatches.push_back({MismatchKind::IntentFinishedWhileDown, RecoveryAction::MarkTerminal,
                              RecommendedState::Active, in.id, {}, {}, in.filled_quantity, in.filled_quantity, false,
                              "backend acknowledged " + in.id + " but no longer works it; it finished while the "
                              "process was down"});
    else
      v.mismatches.push_back({MismatchKind::IntentNotAtBackend, RecoveryAction::Resend, RecommendedState::Active, in.id,
                              {}, {}, in.filled_quantity, in.filled_quantity, false,
                              "journal intent " + in.id + " (" + std::string(to_string(in.status)) +
                                  ") is unknown to the backend; resend it under the same id (the backend answers a "
                                  "repeat with the original ack)"});
  }

  // Positions: what the backend holds beyond the journal must be what our own orders filled.
  std::map<std::string, std::pair<int, int>> raw;  // symbol -> (journal, backend)
  Vector residual;
  for (const auto& p : journal_positions) {
    raw[symbol(p.instrument)].first += p.quantity;
    residual[symbol(p.instrument)] -= p.quantity;
  }
  for (const auto& p : backend_positions) {
    raw[symbol(p.instrument)].second += p.quantity;
    residual[symbol(p.instrument)] += p.quantity;
  }
  for (const auto& kn : known) add(residual, unit_vector(*kn.in), -kn.k);

  // Search fill counts k_i in [0, remaining_i] for the intents gone from the backend so that they
  // explain the residual. Stops at the second solution: two mean the attribution is ambiguous.
  // Bounded: an unexplained mismatch halts anyway.
  std::vector<int> ks(unknown_in.size(), 0), first;
  std::vector<Vector> units;
  for (const auto* in : unknown_in) units.push_back(unit_vector(*in));
  long budget = 200000;
  int found = 0;
  std::function<bool(std::size_t, Vector&)> solve = [&](std::size_t i, Vector& r) -> bool {
    if (--budget < 0) return true;
    if (i == unknown_in.size()) {
      if (!is_zero(r)) return false;
      if (found++ == 0) first = ks;
      return found >= 2;
    }
    const int remaining = unknown_in[i]->quantity() - unknown_in[i]->filled_quantity;
    for (int k = 0; k <= remaining; ++k) {
      ks[i] = k;
      if (solve(i + 1, r)) return true;
      add(r, units[i], -1);
    }
    add(r, units[i], remaining + 1);  // undo
    ks[i] = 0;
    return false;
  };
  Vector r = residual;
  solve(0, r);
  const bool explained = found >= 1;
  const bool ambiguous = found >= 2;
  ks = first;

  if (!explained) {
    for (const auto& [sym, q] : raw)
      if (q.first != q.second)
        v.mismatches.push_back({MismatchKind::PositionDiffers, RecoveryAction::Investigate, RecommendedState::Halted, {},
                                {}, sym, q.first, q.second, false,
                                sym + ": journal holds " + std::to_string(q.first) + ", backend holds " +
                                    std::to_string(q.second) + "; our in-flight orders cannot explain the difference"});
    // A residual can also be zero per symbol while known fills do not fit; still a disagreement.
    if (std::all_of(raw.begin(), raw.end(), [](const auto& kv) { return kv.second.first == kv.second.second; }))
      v.mismatches.push_back({MismatchKind::PositionDiffers, RecoveryAction::Investigate, RecommendedState::Halted, {}, {},
                              {}, 0, 0, false,
                              "backend reports fills on working orders that its positions do not reflect"});
  }
  for (const auto& kn : known)
    if (!kn.reported)
      v.mismatches.push_back({MismatchKind::MissedFills, RecoveryAction::AdoptFills, RecommendedState::Active, kn.id,
                              {}, {}, kn.in->filled_quantity, kn.in->filled_quantity + kn.k, true,
                              "backend filled " + std::to_string(kn.k) + " more of " + kn.id +
                                  " while the process was down; positions agree once adopted"});
  if (ambiguous) {
    std::string ids;
    for (const auto* in : unknown_in) ids += (ids.empty() ? "" : ", ") + in->id;
    v.mismatches.push_back({MismatchKind::MissedFills, RecoveryAction::AdoptFills, RecommendedState::Reducing, {}, {},
                            {}, 0, 0, false,
                            "backend positions are explained by fills of our orders gone from the backend (" + ids +
                                ") but not uniquely; adopt the positions and resend: the backend's duplicate acks "
                                "tell which orders it had"});
  } else if (explained) {
    for (std::size_t i = 0; i < unknown_in.size(); ++i) {
      if (ks[i] == 0) continue;
      Mismatch& m = v.mismatches[unknown[i]];
      m.kind = MismatchKind::MissedFills;
      m.action = RecoveryAction::AdoptFills;
      m.backend_quantity = m.journal_quantity + ks[i];
      m.reason = "backend filled " + std::to_string(ks[i]) + " of " + m.id +
                 " and finished it while the process was down (its positions show it); adopt, do not resend";
    }
  }

  for (const auto& m : v.mismatches) v.state = worst(v.state, m.state);
  return v;
}

ReconcileVerdict Reconciler::compare(const Journal& journal, const std::vector<Position>& backend_positions,
                                     const std::vector<Order>& backend_open_orders,
                                     const std::vector<OrderEvent>& backend_finished) {
  return compare(journal.intents(), journal.positions(), backend_positions, backend_open_orders, backend_finished);
}

void Reconciler::apply(Journal& journal, const ReconcileVerdict& verdict, const std::vector<Position>& backend_positions,
                       Timestamp now) {
  journal.audit(now, "reconcile", "reconciler", verdict.summary());
  // A halted verdict changes nothing: the evidence stays as found for whoever investigates.
  if (verdict.state == RecommendedState::Halted) return;
  bool adopt = false;
  for (const Mismatch& m : verdict.mismatches) {
    switch (m.action) {
      case RecoveryAction::MarkTerminal:
        if (m.recorded_outcome && m.backend_state == OrderState::Rejected)
          journal.mark_rejected(m.id, "rejected while the process was down (the backend's record)", now);
        else
          journal.mark_terminal(m.id, "finished while the process was down", now);
        break;
      case RecoveryAction::MarkAcked: journal.mark_acked(m.id, "reconciliation", now); break;
      case RecoveryAction::Rename:  // the backend is working it: that is an ack
        journal.rename_intent(m.id, m.backend_id, now);
        journal.mark_acked(m.backend_id, "reconciliation", now);
        break;
      case RecoveryAction::AdoptFills: {
        adopt = true;
        if (m.id.empty()) break;  // ambiguous attribution: positions only
        const auto in = journal.intent(m.id);
        if (!in) break;
        OrderEvent e;
        e.id = m.id;
        e.filled_quantity = m.backend_quantity;
        e.state = m.recorded_outcome                   ? m.backend_state
                  : m.backend_quantity >= in->quantity() ? OrderState::Filled
                  : m.open_at_backend                    ? OrderState::PartiallyFilled
                                                         : OrderState::Cancelled;
        e.reason = "reconciled: filled while the process was down";
        e.time = now;
        journal.record_event(e);
        break;
      }
      case RecoveryAction::Resend:
      case RecoveryAction::Cancel:
      case RecoveryAction::Investigate: break;  // the host's (or a human's) job
    }
  }
  if (adopt) journal.adopt_positions(backend_positions, "fills made while the process was down", now);
}

}  // namespace alvh::journal
