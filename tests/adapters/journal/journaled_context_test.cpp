#include "alvh/journal/journaled_context.hpp"

#include <catch2/catch.hpp>

#include "journal_test_support.hpp"

using namespace alvh;
using namespace alvh::journal;
using namespace alvh::journal::test;

namespace {

// The host's chosen-id port; `check` runs while the order is "on the wire".
struct FakeExecution final : ChosenIdExecution {
  void submit_combo_as(const ClientOrderId& id, const ComboOrder&) override {
    if (check) check(id);
    sent.push_back(id);
  }
  void submit_order_as(const ClientOrderId& id, const SingleOrder&) override {
    if (check) check(id);
    sent.push_back(id);
  }
  std::function<void(const ClientOrderId&)> check;
  std::vector<ClientOrderId> sent;
};

}  // namespace

TEST_CASE("an intent is committed to the journal file before the order is sent") {
  TempDir dir;
  const auto file = dir / "j.db";
  Journal journal(file);
  FakeContext host;
  FakeExecution exec;
  JournaledContext ctx(host, journal, "DU1", &exec);
  int checked = 0;
  exec.check = [&](const ClientOrderId& id) {
    // A second connection sees only committed data: this is what a restart would find.
    Journal reader(file);
    const auto in = reader.intent(id);
    REQUIRE(in);
    CHECK(in->status == IntentStatus::Pending);
    CHECK(in->combo->quantity == 2);
    ++checked;
  };
  const ClientOrderId id = ctx.submit_combo(condor());
  CHECK(checked == 1);
  CHECK(id == "DU1/ic:2024-03-14/1");
  CHECK(exec.sent == std::vector<ClientOrderId>{id});
  CHECK(journal.intent(id)->status == IntentStatus::Sent);
  CHECK(host.combos.empty());  // the chosen-id port carried it, not the wrapped context
}

TEST_CASE("without a chosen-id port the intent is committed under a provisional id and renamed") {
  TempDir dir;
  const auto file = dir / "j.db";
  Journal journal(file);
  FakeContext host;
  JournaledContext ctx(host, journal, "DU1");
  host.on_submit = [&](const ClientOrderId&) {
    Journal reader(file);
    const auto open = reader.open_intents();
    REQUIRE(open.size() == 1);
    CHECK(open[0].id == "provisional:DU1/ladder:front/1");
  };
  const ClientOrderId id = ctx.submit_order(vix_call());
  CHECK(id == "host-1");
  CHECK(journal.intent("host-1")->status == IntentStatus::Sent);
  CHECK_FALSE(journal.intent("provisional:DU1/ladder:front/1"));
}

TEST_CASE("ids count per tag and continue after a restart without a checkpoint") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  FakeExecution exec;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1", &exec);
    CHECK(ctx.submit_combo(condor()) == "DU1/ic:2024-03-14/1");
    CHECK(ctx.submit_combo(condor(1)) == "DU1/ic:2024-03-14/2");
    CHECK(ctx.submit_order(vix_call()) == "DU1/ladder:front/1");
  }
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1", &exec);
  CHECK(ctx.submit_combo(condor(3)) == "DU1/ic:2024-03-14/3");
}

TEST_CASE("a decision replayed from the last saved state reuses its id and is resent, not duplicated") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  FakeExecution exec;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1", &exec);
    ctx.submit_order(vix_call());
    ctx.persist("strategy", "state after the ladder buy");
    ctx.submit_combo(condor());  // then SIGKILL, before the next persist
  }
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1", &exec);
  CHECK(ctx.restore("strategy") == "state after the ladder buy");
  // Same decision again: same id; resent (the backend's idempotence answers with the original ack).
  CHECK(ctx.submit_combo(condor()) == "DU1/ic:2024-03-14/1");
  CHECK(exec.sent.back() == "DU1/ic:2024-03-14/1");
  CHECK(journal.intents().size() == 2);
  // The next new decision takes the next number.
  CHECK(ctx.submit_combo(condor(1)) == "DU1/ic:2024-03-14/2");
}

TEST_CASE("a replayed decision whose order already finished is not sent and its outcome is queued") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  FakeExecution exec;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1", &exec);
    ctx.persist("strategy", "s0");
    const auto id = ctx.submit_combo(condor());
    ctx.record_ack(id, "c1");
    ctx.record_event({id, OrderState::Accepted, 0, "", at(1)});
    ctx.record_fill(condor_fill(id, 2), "s:1");
    ctx.record_event({id, OrderState::Filled, 2, "", at(2)});
  }
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1", &exec);
  ctx.restore("strategy");
  const auto sent_before = exec.sent.size();
  CHECK(ctx.submit_combo(condor()) == "DU1/ic:2024-03-14/1");
  CHECK(exec.sent.size() == sent_before);
  const auto replay = ctx.take_replay();
  REQUIRE(replay.size() == 1);
  CHECK(replay[0].event.state == OrderState::Filled);
  CHECK(replay[0].event.filled_quantity == 2);
  CHECK(replay[0].fills.size() == 1);
  CHECK(ctx.take_replay().empty());
}

TEST_CASE("a replayed decision that differs from a still-working journaled order leaves that order standing") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  FakeExecution exec;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1", &exec);
    ctx.persist("strategy", "s0");
    ctx.submit_combo(condor(2, 3.45));
  }
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1", &exec);
  ctx.restore("strategy");
  const auto sent_before = exec.sent.size();
  CHECK(ctx.submit_combo(condor(2, 3.30)) == "DU1/ic:2024-03-14/1");
  CHECK(exec.sent.size() == sent_before);
  CHECK(journal.intent("DU1/ic:2024-03-14/1")->combo->limit == 3.45);
  REQUIRE_FALSE(journal.audit_log().empty());
  CHECK(journal.audit_log().back().kind == "warning");
}

TEST_CASE("a replayed decision that differs from a finished journaled order takes the next number") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  FakeExecution exec;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1", &exec);
    ctx.persist("strategy", "s0");
    const auto id = ctx.submit_combo(condor(2, 3.45));
    ctx.record_nack(id, "rejected: risk");
  }
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1", &exec);
  ctx.restore("strategy");
  CHECK(ctx.submit_combo(condor(2, 3.30)) == "DU1/ic:2024-03-14/2");
  CHECK(exec.sent.back() == "DU1/ic:2024-03-14/2");
}

TEST_CASE("persist and restore go to the journal, not the wrapped context, and survive a reopen") {
  TempDir dir;
  const auto file = dir / "j.db";
  FakeContext host;
  {
    Journal journal(file);
    JournaledContext ctx(host, journal, "DU1");
    CHECK_FALSE(ctx.restore("strategy"));
    ctx.persist("strategy", "v1");
    ctx.persist("strategy", "v2");
  }
  CHECK(host.inner_persists == 0);
  Journal journal(file);
  JournaledContext ctx(host, journal, "DU1");
  CHECK(ctx.restore("strategy") == "v2");
  CHECK(journal.state("strategy")->version == 2);
}

TEST_CASE("decisions are forwarded to the host log and kept in the audit log") {
  TempDir dir;
  Journal journal(dir / "j.db");
  FakeContext host;
  JournaledContext ctx(host, journal, "DU1");
  ctx.log(LogLevel::Debug, "ic", "noise");
  ctx.log(LogLevel::Decision, "ic", "no condor: VIX above 30");
  CHECK(host.logs.size() == 2);
  const auto log = journal.audit_log();
  REQUIRE(log.size() == 1);
  CHECK(log[0].kind == "decision");
  CHECK(log[0].source == "ic");
  CHECK(log[0].message == "no condor: VIX above 30");
}

TEST_CASE("fills recorded through the context are idempotent") {
  TempDir dir;
  Journal journal(dir / "j.db");
  FakeContext host;
  FakeExecution exec;
  JournaledContext ctx(host, journal, "DU1", &exec);
  const auto id = ctx.submit_order(vix_call());
  CHECK(ctx.record_fill(vix_fill(id, 10), "s:5"));
  CHECK_FALSE(ctx.record_fill(vix_fill(id, 10), "s:5"));
  REQUIRE(journal.positions().size() == 1);
  CHECK(journal.positions()[0].quantity == 10);
  CHECK(journal.positions()[0].tag == "ladder:front");
}

TEST_CASE("client order ids stay within the protocol's 128 characters and stay distinct") {
  const std::string long_tag(300, 'x');
  const auto a = JournaledContext::make_client_order_id("DU1", long_tag, 7);
  const auto b = JournaledContext::make_client_order_id("DU1", long_tag + "y", 7);
  CAPTURE(a, b);
  CHECK(a.size() <= 128);
  CHECK(b.size() <= 128);
  CHECK(a != b);
  CHECK(a == JournaledContext::make_client_order_id("DU1", long_tag, 7));
  CHECK(JournaledContext::make_client_order_id("DU1", "ic", 3) == "DU1/ic/3");
}
