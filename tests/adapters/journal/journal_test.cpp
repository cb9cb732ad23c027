#include "alvh/journal/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>

#include "alvh/journal/journal_error.hpp"
#include "journal_test_support.hpp"

using namespace alvh;
using namespace alvh::journal;
using namespace alvh::journal::test;

namespace {

OrderIntent combo_intent(const ClientOrderId& id, ComboOrder order = condor(), std::uint64_t seq = 1) {
  OrderIntent in;
  in.id = id;
  in.account = "DU1";
  in.tag = order.tag;
  in.sequence = seq;
  in.created = at(0);
  in.combo = std::move(order);
  return in;
}

OrderIntent single_intent(const ClientOrderId& id, SingleOrder order = vix_call()) {
  OrderIntent in;
  in.id = id;
  in.account = "DU1";
  in.tag = order.tag;
  in.sequence = 1;
  in.created = at(0);
  in.single = std::move(order);
  return in;
}

int quantity_of(const std::vector<Position>& ps, const Instrument& i) {
  for (const auto& p : ps)
    if (p.instrument == i) return p.quantity;
  return 0;
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string open_error(const std::filesystem::path& file) {
  try {
    Journal j(file);
  } catch (const JournalError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a journal created from an empty file is migrated to the current schema in WAL mode") {
  TempDir dir;
  const auto file = dir / "empty.db";
  write_bytes(file, "");
  {
    Journal j(file);
    CHECK(j.schema_version() == Journal::kSchemaVersion);
  }
  SQLite::Database raw(file.string());
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(raw.execAndGet("SELECT count(*) FROM schema_migrations").getInt() == Journal::kSchemaVersion);
  for (const char* table : {"intents", "intent_legs", "fills", "fill_legs", "positions", "groups", "group_legs",
                            "state", "audit", "settlements"}) {
    INFO(table);
    CHECK(raw.tableExists(table));
  }
}

TEST_CASE("a missing journal file is created and reopening it applies no migration twice") {
  TempDir dir;
  const auto file = dir / "new.db";
  { Journal j(file); }
  { Journal j(file); CHECK(j.schema_version() == Journal::kSchemaVersion); }
  SQLite::Database raw(file.string());
  CHECK(raw.execAndGet("SELECT count(*) FROM schema_migrations").getInt() == Journal::kSchemaVersion);
}

TEST_CASE("a fill leg's own commission comes back from the journal to the last bit, and an unreported one stays unreported") {
  TempDir dir;
  Journal j(dir / "j.db");
  Fill f;
  f.id = "DU1/hedge/1";
  f.quantity = 75;
  f.net_price = 0.9876;
  f.commission = 0.8624999999999999;
  Instrument call;
  call.root = "VIX";
  call.expiry = make_date(2018, 2, 14);
  call.strike = 13.5;
  call.multiplier = 100;
  Instrument put = call;
  put.strike = 20;
  f.legs.push_back({call, Side::Buy, 75, 0.9876, 0.8624999999999999});
  f.legs.push_back({put, Side::Sell, 1, 0.5, std::nullopt});
  REQUIRE(j.record_fill(f, "k1"));
  const auto back = j.fills("DU1/hedge/1");
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].legs.size() == 2);
  REQUIRE(back[0].legs[0].commission);
  CAPTURE(*back[0].legs[0].commission);
  CHECK(*back[0].legs[0].commission == 0.8624999999999999);
  CHECK_FALSE(back[0].legs[1].commission);
}

TEST_CASE("put_states commits several states in one transaction and the write hook runs after each mutating call") {
  TempDir dir;
  Journal j(dir / "j.db");
  int writes = 0;
  j.set_write_hook([&] { ++writes; });
  j.put_states({{"strategy", "blob 1", "c1"}, {"day", "2019-01-02", "c1"}}, at(1));
  CHECK(writes == 1);
  CHECK(j.state("strategy")->blob == "blob 1");
  CHECK(j.state("day")->blob == "2019-01-02");
  j.put_states({{"strategy", "blob 2", "c2"}, {"day", "2019-01-03", "c2"}}, at(2));
  CHECK(writes == 2);
  CHECK(j.state("strategy")->version == 2);
  CHECK(j.state("day")->version == 2);
  CHECK(j.state("day")->checkpoint == "c2");
  (void)j.state("day");  // reads are not writes
  CHECK(writes == 2);
  j.set_write_hook({});
  j.put_state("day", "2019-01-04", at(3));
  CHECK(writes == 2);
}

TEST_CASE("an intent is recorded with status pending and follows sent, acked and terminal") {
  TempDir dir;
  Journal j(dir / "j.db");
  REQUIRE(j.record_intent(combo_intent("DU1/ic/1")));
  auto in = j.intent("DU1/ic/1");
  REQUIRE(in);
  CHECK(in->status == IntentStatus::Pending);
  CHECK(in->combo->legs.size() == 4);
  CHECK(in->combo->legs[1].side == Side::Sell);
  CHECK(in->combo->limit == 3.45);

  j.mark_sent("DU1/ic/1", at(1));
  CHECK(j.intent("DU1/ic/1")->status == IntentStatus::Sent);
  j.mark_acked("DU1/ic/1", "corr-7", at(2));
  CHECK(j.intent("DU1/ic/1")->status == IntentStatus::Acked);
  CHECK(j.intent("DU1/ic/1")->backend_ack == "corr-7");
  j.mark_sent("DU1/ic/1", at(3));  // a late "sent" must not undo the ack
  CHECK(j.intent("DU1/ic/1")->status == IntentStatus::Acked);

  CHECK(j.record_event({"DU1/ic/1", OrderState::Accepted, 0, "", at(4)}));
  CHECK(j.record_event({"DU1/ic/1", OrderState::PartiallyFilled, 1, "", at(5)}));
  CHECK_FALSE(j.record_event({"DU1/ic/1", OrderState::PartiallyFilled, 1, "", at(5)}));  // replay
  CHECK_FALSE(j.record_event({"DU1/ic/1", OrderState::Accepted, 0, "", at(4)}));         // stale
  CHECK(j.record_event({"DU1/ic/1", OrderState::Filled, 2, "", at(6)}));
  in = j.intent("DU1/ic/1");
  CHECK(in->status == IntentStatus::Terminal);
  CHECK(in->order_state == OrderState::Filled);
  CHECK(in->filled_quantity == 2);
  CHECK(j.open_intents().empty());
  CHECK_FALSE(j.record_event({"DU1/ic/1", OrderState::Cancelled, 2, "", at(7)}));  // terminal stays terminal
}

TEST_CASE("recording the same intent twice is a no-op and a different order under its id is refused") {
  TempDir dir;
  Journal j(dir / "j.db");
  CHECK(j.record_intent(combo_intent("DU1/ic/1")));
  CHECK_FALSE(j.record_intent(combo_intent("DU1/ic/1")));
  CHECK(j.intents().size() == 1);
  CHECK_THROWS_WITH(j.record_intent(combo_intent("DU1/ic/1", condor(3))),
                    Catch::Contains("DU1/ic/1") && Catch::Contains("different order"));
}

TEST_CASE("a rejected intent is closed and sequence numbers continue past the highest recorded") {
  TempDir dir;
  Journal j(dir / "j.db");
  CHECK(j.next_sequence("DU1", "ic:2024-03-14") == 1);
  j.record_intent(combo_intent("a", condor(), 1));
  j.record_intent(combo_intent("b", condor(1), 4));
  CHECK(j.next_sequence("DU1", "ic:2024-03-14") == 5);
  CHECK(j.next_sequence("DU2", "ic:2024-03-14") == 1);
  j.mark_rejected("a", "oversized", at(1));
  CHECK(j.intent("a")->status == IntentStatus::Rejected);
  CHECK(j.intent("a")->last_event == "rejected: oversized");
  REQUIRE(j.open_intents().size() == 1);
  CHECK(j.open_intents()[0].id == "b");
}

TEST_CASE("an order event for an unknown id is ignored and audited") {
  TempDir dir;
  Journal j(dir / "j.db");
  CHECK_FALSE(j.record_event({"ghost", OrderState::Accepted, 0, "", at(1)}));
  const auto log = j.audit_log();
  REQUIRE(log.size() == 1);
  CHECK(log[0].message.find("ghost") != std::string::npos);
}

TEST_CASE("re-applying a fill with the same exec key changes nothing") {
  TempDir dir;
  Journal j(dir / "j.db");
  j.record_intent(combo_intent("DU1/ic/1"));
  const Fill f = condor_fill("DU1/ic/1", 1);
  CHECK(j.record_fill(f, "sess-a:17"));
  CHECK_FALSE(j.record_fill(f, "sess-a:17"));
  CHECK_FALSE(j.record_fill(f, "sess-a:17"));
  CHECK(j.fill_count() == 1);
  const auto ps = j.positions();
  CHECK(ps.size() == 4);
  CHECK(quantity_of(ps, condor().legs[1].instrument) == -1);
  CHECK(quantity_of(ps, condor().legs[0].instrument) == 1);
  CHECK(j.intent("DU1/ic/1")->filled_quantity == 1);

  // A second, distinct execution of the same order counts.
  CHECK(j.record_fill(condor_fill("DU1/ic/1", 1, 120), "sess-a:18"));
  CHECK(quantity_of(j.positions(), condor().legs[1].instrument) == -2);
  CHECK(j.intent("DU1/ic/1")->filled_quantity == 2);
}

TEST_CASE("without an exec key a fill is identified by its content, so a redelivered message is a no-op") {
  TempDir dir;
  Journal j(dir / "j.db");
  CHECK(j.record_fill(vix_fill("v1", 5)));
  CHECK_FALSE(j.record_fill(vix_fill("v1", 5)));
  CHECK(j.record_fill(vix_fill("v1", 5, 1.20, 95)));  // another execution, a different time
  CHECK(quantity_of(j.positions(), vix_call().instrument) == 10);
  CHECK(j.fills("v1").size() == 2);
}

TEST_CASE("positions average the price when adding, keep it when reducing and reset when crossing zero") {
  TempDir dir;
  Journal j(dir / "j.db");
  const Instrument vix = vix_call().instrument;
  j.record_fill(vix_fill("v1", 10, 1.00), "e1");
  j.record_fill(vix_fill("v1", 10, 2.00), "e2");
  REQUIRE(j.positions().size() == 1);
  CAPTURE(j.positions()[0].average_price);
  CHECK(j.positions()[0].average_price == Approx(1.50));
  Fill sell = vix_fill("v2", 5, 3.00);
  sell.legs[0].side = Side::Sell;
  j.record_fill(sell, "e3");
  CHECK(j.positions()[0].quantity == 15);
  CHECK(j.positions()[0].average_price == Approx(1.50));
  sell.legs[0].quantity = 20;
  sell.legs[0].price = 2.50;
  j.record_fill(sell, "e4");
  CHECK(j.positions()[0].quantity == -5);
  CHECK(j.positions()[0].average_price == Approx(2.50));
  Fill buy = vix_fill("v3", 5, 1.0);
  j.record_fill(buy, "e5");
  CHECK(j.positions().empty());
}

TEST_CASE("a settlement removes the settled position once") {
  TempDir dir;
  Journal j(dir / "j.db");
  j.record_fill(condor_fill("c", 2), "e1");
  const Instrument shortput = condor().legs[1].instrument;
  CHECK(j.record_settlement({shortput, expiry(), 5100.0, -2, 0.0}));
  CHECK_FALSE(j.record_settlement({shortput, expiry(), 5100.0, -2, 0.0}));
  CHECK(quantity_of(j.positions(), shortput) == 0);
  CHECK(j.positions().size() == 3);
}

TEST_CASE("reopening a closed journal restores intents, fills, positions, groups, state and the audit log") {
  TempDir dir;
  const auto file = dir / "j.db";
  GroupRecord g;
  g.id = "ic:2024-03-14";
  g.kind = "condor";
  g.tag = "ic:2024-03-14";
  for (const auto& l : condor().legs) g.legs.push_back({l.instrument, l.side == Side::Buy ? 2 : -2});
  g.cost = -680 + 5.2;
  g.opened = at(60);
  GroupRecord cohort;
  cohort.id = "ladder:2024-04:1";
  cohort.kind = "ladder";
  cohort.tag = "ladder:front";
  cohort.legs = {{vix_call().instrument, 10}};
  cohort.cost = 1206.5;
  cohort.opened = at(30);
  {
    Journal j(file);
    j.record_intent(combo_intent("DU1/ic/1"));
    j.record_intent(single_intent("DU1/ladder/1"));
    j.mark_sent("DU1/ic/1", at(1));
    j.record_fill(condor_fill("DU1/ic/1", 2), "x:1");
    j.upsert_group(g);
    j.upsert_group(cohort);
    j.close_group(cohort.id, 300.0, at(500));
    CHECK(j.put_state("alvh_portfolio", std::string("blob\0with nul", 13), at(2)) == 1);
    CHECK(j.put_state("alvh_portfolio", std::string("blob v2\0", 8), at(3), "1 2:ic\n") == 2);
    j.audit(at(4), "state", "risk_gate", "ACTIVE -> REDUCING: daily loss");
  }
  Journal j(file);
  REQUIRE(j.intents().size() == 2);
  CHECK(j.intent("DU1/ic/1")->status == IntentStatus::Sent);
  CHECK(j.intent("DU1/ic/1")->filled_quantity == 2);
  REQUIRE(j.intent("DU1/ladder/1")->single);
  CHECK(j.intent("DU1/ladder/1")->single->instrument == vix_call().instrument);
  CHECK(j.fill_count() == 1);
  REQUIRE(j.fills("DU1/ic/1").size() == 1);
  CHECK(j.fills("DU1/ic/1")[0].legs.size() == 4);
  CHECK(quantity_of(j.positions(), condor().legs[2].instrument) == -2);
  CHECK(j.positions()[0].tag == "ic:2024-03-14");

  const auto open = j.groups(true);
  REQUIRE(open.size() == 1);
  CHECK(open[0].id == g.id);
  CHECK(open[0].legs.size() == 4);
  CHECK(open[0].legs[1].quantity == -2);
  CHECK(open[0].cost == Approx(g.cost));
  const auto all = j.groups(false);
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == cohort.id);  // opened first
  CHECK_FALSE(all[0].open);
  CHECK(all[0].close_value == 300.0);
  REQUIRE(all[0].closed);
  CHECK(*all[0].closed == at(500));

  const auto s = j.state("alvh_portfolio");
  REQUIRE(s);
  CHECK(s->blob == std::string("blob v2\0", 8));
  CHECK(s->version == 2);
  CHECK(s->checkpoint == "1 2:ic\n");
  CHECK_FALSE(j.state("other"));
  const auto log = j.audit_log();
  REQUIRE_FALSE(log.empty());
  CHECK(log.back().message == "ACTIVE -> REDUCING: daily loss");
  CHECK(j.audit_log(log.back().id).empty());
}

TEST_CASE("a file of random bytes is refused with an error naming the file") {
  TempDir dir;
  const auto file = dir / "random.db";
  std::mt19937 rng(7);
  std::string bytes(8192, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
  write_bytes(file, bytes);
  const std::string error = open_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains(file.string()) && Catch::Contains("not a SQLite database"));
}

TEST_CASE("a text file is refused with an error naming the file") {
  TempDir dir;
  const auto file = dir / "notes.txt";
  write_bytes(file, "account: DU1\nthis is a YAML file, not a journal\n");
  const std::string error = open_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains(file.string()) && Catch::Contains("not a SQLite database"));
}

TEST_CASE("a journal whose pages are damaged is reported as corrupt") {
  TempDir dir;
  const auto file = dir / "j.db";
  {
    Journal j(file);
    for (int i = 0; i < 200; ++i) j.record_intent(combo_intent("id-" + std::to_string(i), condor(), std::uint64_t(i + 1)));
  }
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  const auto size = std::filesystem::file_size(file);
  REQUIRE(size > 16384);
  {
    // Overwrite everything after the first page (the header stays valid: a SQLite file, damaged).
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string junk(size - 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string error = open_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains(file.string()) && Catch::Contains("corrupt"));
}

TEST_CASE("a journal from a newer schema is refused naming the file and both versions") {
  TempDir dir;
  const auto file = dir / "j.db";
  { Journal j(file); }
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_migrations(version, description) VALUES (7, 'from the future')");
  }
  const std::string error = open_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains(file.string()) && Catch::Contains("schema version 7") &&
                            Catch::Contains("(" + std::to_string(Journal::kSchemaVersion) + ")"));
}

TEST_CASE("a SQLite database of another application is not taken for a journal") {
  TempDir dir;
  const auto file = dir / "other.db";
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE customers(id INTEGER)");
  }
  const std::string error = open_error(file);
  CAPTURE(error);
  CHECK_THAT(error, Catch::Contains(file.string()) && Catch::Contains("not an alvh journal"));
}

TEST_CASE("adopting backend positions replaces the journal's and is audited") {
  TempDir dir;
  Journal j(dir / "j.db");
  j.record_fill(vix_fill("v", 5), "e1");
  j.adopt_positions({{condor().legs[1].instrument, -3, 2.0, "ic:x"}}, "test", at(9));
  REQUIRE(j.positions().size() == 1);
  CHECK(j.positions()[0].quantity == -3);
  CHECK(j.audit_log().back().kind == "reconcile");
}
