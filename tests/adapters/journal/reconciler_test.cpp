#include "alvh/journal/reconciler.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "alvh/journal/journal.hpp"
#include "journal_test_support.hpp"

using namespace alvh;
using namespace alvh::journal;
using namespace alvh::journal::test;

namespace {

OrderIntent intent_of(const ClientOrderId& id, IntentStatus status, int filled = 0, ComboOrder order = condor()) {
  OrderIntent in;
  in.id = id;
  in.account = "DU1";
  in.tag = order.tag;
  in.combo = std::move(order);
  in.status = status;
  in.order_state = status == IntentStatus::Acked ? OrderState::Accepted : OrderState::PendingSubmit;
  in.filled_quantity = filled;
  return in;
}

Order backend_order(const ClientOrderId& id, int filled = 0, ComboOrder order = condor()) {
  Order o;
  o.id = id;
  o.combo = std::move(order);
  o.state = filled ? OrderState::PartiallyFilled : OrderState::Accepted;
  o.filled_quantity = filled;
  return o;
}

// The positions `units` condors leave.
std::vector<Position> condor_positions(int units) {
  std::vector<Position> out;
  if (units == 0) return out;
  for (const auto& l : condor().legs) out.push_back({l.instrument, (l.side == Side::Buy ? 1 : -1) * units, 1.0, "ic"});
  return out;
}

const Mismatch& only(const ReconcileVerdict& v) {
  INFO(v.summary());
  REQUIRE(v.mismatches.size() == 1);
  return v.mismatches[0];
}

}  // namespace

TEST_CASE("matching journal and backend are consistent") {
  const std::vector<OrderIntent> intents{intent_of("a", IntentStatus::Acked, 1), intent_of("b", IntentStatus::Terminal, 2)};
  const auto v = Reconciler::compare(intents, condor_positions(3), condor_positions(3), {backend_order("a", 1)});
  INFO(v.summary());
  CHECK(v.consistent());
  CHECK(v.state == RecommendedState::Active);
  CHECK(v.summary() == "consistent");
}

TEST_CASE("an intent the backend never saw is resent under the same id without restricting trading") {
  for (auto status : {IntentStatus::Pending, IntentStatus::Sent}) {
    CAPTURE(to_string(status));
    const auto v = Reconciler::compare({intent_of("a", status)}, {}, {}, {});
    const Mismatch& m = only(v);
    CHECK(m.kind == MismatchKind::IntentNotAtBackend);
    CHECK(m.action == RecoveryAction::Resend);
    CHECK(v.state == RecommendedState::Active);
    CHECK(v.to_resend() == std::vector<ClientOrderId>{"a"});
    CHECK_THAT(m.reason, Catch::Contains("same id"));
  }
}

TEST_CASE("an acknowledged intent missing from the backend finished while the process was down") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Acked)}, {}, {}, {});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::IntentFinishedWhileDown);
  CHECK(m.action == RecoveryAction::MarkTerminal);
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("a sent intent the backend is working is marked acknowledged") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Sent)}, {}, {}, {backend_order("a")});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::IntentSeenByBackend);
  CHECK(m.action == RecoveryAction::MarkAcked);
}

TEST_CASE("an open backend order the journal never recorded moves to REDUCING and is to be cancelled") {
  const auto v = Reconciler::compare({}, {}, {}, {backend_order("manual-1")});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::UnknownBackendOrder);
  CHECK(m.action == RecoveryAction::Cancel);
  CHECK(v.state == RecommendedState::Reducing);
  CHECK(v.to_cancel() == std::vector<ClientOrderId>{"manual-1"});
  CHECK_THAT(m.reason, Catch::Contains("manual-1") && Catch::Contains("never recorded"));
}

TEST_CASE("a backend order the journal already closed moves to REDUCING") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Terminal)}, {}, {}, {backend_order("a")});
  CHECK(only(v).kind == MismatchKind::ClosedIntentOpenAtBackend);
  CHECK(v.state == RecommendedState::Reducing);
}

TEST_CASE("the same id naming a different order at the backend halts") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Acked)}, {}, {}, {backend_order("a", 0, condor(5))});
  CHECK(only(v).kind == MismatchKind::OrderDiffers);
  CHECK(v.state == RecommendedState::Halted);
}

TEST_CASE("a journal counting more fills than the backend halts") {
  const auto v =
      Reconciler::compare({intent_of("a", IntentStatus::Acked, 2)}, condor_positions(2), condor_positions(2), {backend_order("a", 1)});
  INFO(v.summary());
  CHECK(v.mismatches[0].kind == MismatchKind::JournalAheadOfBackend);
  CHECK(v.state == RecommendedState::Halted);
}

TEST_CASE("a position quantity our orders cannot explain halts with the instrument in the reason") {
  const auto v = Reconciler::compare({}, condor_positions(1), condor_positions(2), {});
  INFO(v.summary());
  REQUIRE(v.mismatches.size() == 4);
  for (const auto& m : v.mismatches) {
    CHECK(m.kind == MismatchKind::PositionDiffers);
    CHECK(m.state == RecommendedState::Halted);
    CHECK(std::abs(m.backend_quantity) == 2);
    CHECK_THAT(m.reason, Catch::Contains("SPXW 2024-03-15"));
  }
  CHECK(v.state == RecommendedState::Halted);
}

TEST_CASE("fills on a working order missed while down are adopted when they explain the positions") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Acked, 0)}, {}, condor_positions(1), {backend_order("a", 1)});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::MissedFills);
  CHECK(m.action == RecoveryAction::AdoptFills);
  CHECK(m.backend_quantity == 1);
  CHECK(m.open_at_backend);
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("an order filled and gone while down is adopted, not resent") {
  OrderIntent ladder;
  ladder.id = "b";
  ladder.account = "DU1";
  ladder.tag = "ladder:front";
  ladder.single = vix_call(10);
  ladder.status = IntentStatus::Sent;
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Sent, 0), ladder}, {}, condor_positions(2), {});
  INFO(v.summary());
  REQUIRE(v.mismatches.size() == 2);
  CHECK(v.mismatches[0].kind == MismatchKind::MissedFills);
  CHECK(v.mismatches[0].id == "a");
  CHECK(v.mismatches[0].backend_quantity == 2);
  CHECK(v.mismatches[1].kind == MismatchKind::IntentNotAtBackend);
  CHECK(v.to_resend() == std::vector<ClientOrderId>{"b"});
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("fills that several of our orders could have made are adopted in REDUCING and the orders resent") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Sent, 0), intent_of("b", IntentStatus::Sent, 0, condor(1))},
                                     {}, condor_positions(2), {});
  INFO(v.summary());
  REQUIRE(v.mismatches.size() == 3);
  CHECK(v.to_resend() == std::vector<ClientOrderId>{"a", "b"});
  CHECK(v.mismatches[2].kind == MismatchKind::MissedFills);
  CHECK(v.mismatches[2].id.empty());
  CHECK_THAT(v.mismatches[2].reason, Catch::Contains("not uniquely"));
  CHECK(v.state == RecommendedState::Reducing);
}

TEST_CASE("an in-flight intent the backend reports as filled while the process was down is adopted from its record, not resent") {
  for (auto status : {IntentStatus::Pending, IntentStatus::Sent, IntentStatus::Acked}) {
    CAPTURE(to_string(status));
    const auto v = Reconciler::compare({intent_of("a", status, 0)}, {}, condor_positions(2), {},
                                       {OrderEvent{"a", OrderState::Filled, 2, "", at(5)}});
    const Mismatch& m = only(v);
    CHECK(m.kind == MismatchKind::MissedFills);
    CHECK(m.action == RecoveryAction::AdoptFills);
    CHECK(m.recorded_outcome);
    CHECK(m.backend_state == OrderState::Filled);
    CHECK(m.backend_quantity == 2);
    CHECK(v.to_adopt() == std::vector<ClientOrderId>{"a"});
    CHECK(v.to_resend().empty());
    CHECK(v.state == RecommendedState::Active);
    CHECK_THAT(m.reason, Catch::Contains("not resent"));
  }
}

TEST_CASE("an in-flight intent the backend reports as rejected while the process was down is closed from its record") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Pending, 0)}, {}, {}, {},
                                     {OrderEvent{"a", OrderState::Rejected, 0, "no buying power", at(5)}});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::IntentFinishedWhileDown);
  CHECK(m.action == RecoveryAction::MarkTerminal);
  CHECK(m.recorded_outcome);
  CHECK_THAT(m.reason, Catch::Contains("no buying power"));
  CHECK(v.to_adopt() == std::vector<ClientOrderId>{"a"});
  CHECK(v.to_resend().empty());
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("recorded outcomes settle which of several in-flight orders filled where positions alone are ambiguous") {
  const std::vector<OrderIntent> intents{intent_of("a", IntentStatus::Sent, 0), intent_of("b", IntentStatus::Sent, 0, condor(1))};
  const auto v = Reconciler::compare(intents, {}, condor_positions(2), {},
                                     {OrderEvent{"a", OrderState::Filled, 2, "", at(5)}, OrderEvent{"b", OrderState::Cancelled, 0, "limit", at(6)}});
  INFO(v.summary());
  REQUIRE(v.mismatches.size() == 2);
  CHECK(v.to_adopt() == std::vector<ClientOrderId>{"a", "b"});
  CHECK(v.to_resend().empty());
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("a recorded outcome that the backend's positions do not show halts") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Pending, 0)}, {}, {}, {},
                                     {OrderEvent{"a", OrderState::Filled, 2, "", at(5)}});
  INFO(v.summary());
  CHECK(v.state == RecommendedState::Halted);
  CHECK(std::any_of(v.mismatches.begin(), v.mismatches.end(), [](const Mismatch& m) { return m.kind == MismatchKind::PositionDiffers; }));
}

TEST_CASE("a recorded outcome with fewer fills than the journal counts halts") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Acked, 2)}, condor_positions(2), condor_positions(2), {},
                                     {OrderEvent{"a", OrderState::Cancelled, 1, "", at(5)}});
  INFO(v.summary());
  CHECK(v.state == RecommendedState::Halted);
  CHECK(v.mismatches.front().kind == MismatchKind::JournalAheadOfBackend);
  CHECK_THAT(v.mismatches.front().reason, Catch::Contains("contradicts"));
}

TEST_CASE("a backend record of an order the journal already closed or never had changes nothing") {
  const auto v = Reconciler::compare({intent_of("a", IntentStatus::Terminal, 2)}, condor_positions(2), condor_positions(2), {},
                                     {OrderEvent{"a", OrderState::Filled, 2, "", at(5)}, OrderEvent{"other", OrderState::Filled, 1, "", at(6)}});
  INFO(v.summary());
  CHECK(v.consistent());
}

TEST_CASE("applying a recorded outcome closes the intent in the backend's terminal state") {
  TempDir dir;
  Journal j(dir / "j.db");
  j.record_intent(intent_of("filled", IntentStatus::Pending, 0, condor(1, 3.0, "ic:a")));
  j.record_intent(intent_of("refused", IntentStatus::Pending, 0, condor(1, 3.0, "ic:b")));
  const std::vector<OrderEvent> finished{{"filled", OrderState::Filled, 1, "", at(5)},
                                         {"refused", OrderState::Rejected, 0, "no buying power", at(6)}};
  const auto v = Reconciler::compare(j, condor_positions(1), {}, finished);
  INFO(v.summary());
  REQUIRE(v.state == RecommendedState::Active);
  Reconciler::apply(j, v, condor_positions(1), at(10));
  CHECK(j.intent("filled")->status == IntentStatus::Terminal);
  CHECK(j.intent("filled")->order_state == OrderState::Filled);
  CHECK(j.intent("filled")->filled_quantity == 1);
  CHECK(j.intent("refused")->status == IntentStatus::Rejected);
  const auto after = Reconciler::compare(j, condor_positions(1), {});
  INFO(after.summary());
  CHECK(after.consistent());
}

TEST_CASE("a provisional intent is bound to the backend order with the same request") {
  const auto v = Reconciler::compare({intent_of("provisional:DU1/ic/1", IntentStatus::Pending)}, {}, {}, {backend_order("host-9")});
  const Mismatch& m = only(v);
  CHECK(m.kind == MismatchKind::ProvisionalIdBound);
  CHECK(m.backend_id == "host-9");
  CHECK(v.state == RecommendedState::Active);
}

TEST_CASE("applying a verdict closes, renames and adopts in the journal, after which it is consistent") {
  TempDir dir;
  Journal j(dir / "j.db");
  auto record = [&](OrderIntent in) {
    const auto status = in.status;
    in.status = IntentStatus::Pending;
    j.record_intent(in);
    if (status == IntentStatus::Acked) j.mark_acked(in.id, "x", at(1));
  };
  record(intent_of("gone", IntentStatus::Acked, 0, condor(1, 3.0, "ic:a")));
  record(intent_of("working", IntentStatus::Acked, 0, condor(2, 3.0, "ic:b")));
  record(intent_of("provisional:p", IntentStatus::Pending, 0, condor(1, 3.0, "ic:c")));
  const std::vector<Position> backend = condor_positions(1);
  const std::vector<Order> orders{backend_order("working", 1, condor(2, 3.0, "ic:b")), backend_order("host-1", 0, condor(1, 3.0, "ic:c"))};

  const auto v = Reconciler::compare(j, backend, orders);
  INFO(v.summary());
  CHECK(v.state == RecommendedState::Active);
  Reconciler::apply(j, v, backend, at(10));
  CHECK(j.intent("gone")->status == IntentStatus::Terminal);
  CHECK(j.intent("working")->filled_quantity == 1);
  CHECK(j.intent("working")->order_state == OrderState::PartiallyFilled);
  CHECK_FALSE(j.intent("provisional:p"));
  CHECK(j.intent("host-1"));
  CHECK(j.positions().size() == 4);

  const auto after = Reconciler::compare(j, backend, orders);
  INFO(after.summary());
  CHECK(after.consistent());
}

TEST_CASE("a halted verdict leaves the journal untouched except for the audit line") {
  TempDir dir;
  Journal j(dir / "j.db");
  const auto v = Reconciler::compare(j, condor_positions(1), {});
  REQUIRE(v.state == RecommendedState::Halted);
  Reconciler::apply(j, v, condor_positions(1), at(1));
  CHECK(j.positions().empty());
  REQUIRE(j.audit_log().size() == 1);
  CHECK_THAT(j.audit_log()[0].message, Catch::StartsWith("HALTED"));
}
