#include "alvh/journal/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <type_traits>

#include "alvh/journal/journal_error.hpp"
#include "schema.hpp"
#include "sql_row.hpp"

namespace alvh::journal {

using namespace detail;

struct Journal::Db {
  explicit Db(const std::filesystem::path& f) : db(f.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {}
  SQLite::Database db;
  std::function<void()> after_write;
};

namespace {

std::string describe(const SQLite::Exception& e) {
  switch (e.getErrorCode()) {
    case SQLITE_NOTADB: return std::string("is not a SQLite database (") + e.what() + ")";
    case SQLITE_CORRUPT: return std::string("is corrupt (") + e.what() + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return std::string("is locked by another connection (") + e.what() + ")";
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return std::string("cannot be opened for writing (") + e.what() + ")";
    default: return std::string("failed: ") + e.what();
  }
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw JournalError("journal " + file.string() + " " + what);
}

// Runs f, turning SQLite errors into JournalError naming the file and the operation.
template <class F>
auto guarded(const std::filesystem::path& file, const char* op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    fail(file, std::string(describe(e)) + " during " + op);
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const JournalError*>(&e)) throw;
    fail(file, std::string("holds an unreadable record (") + e.what() + ") during " + op);
  }
}

// A mutating call: guarded, then the write hook (the call's transaction is durable by then).
template <class DbT, class F>
auto mutate(DbT& db, const std::filesystem::path& file, const char* op, F&& f) -> decltype(f()) {
  if constexpr (std::is_void_v<decltype(f())>) {
    guarded(file, op, std::forward<F>(f));
    if (db.after_write) db.after_write();
  } else {
    auto r = guarded(file, op, std::forward<F>(f));
    if (db.after_write) db.after_write();
    return r;
  }
}

int sign(int x) { return (x > 0) - (x < 0); }

// Weighted-average position accounting: adding to a position averages the price, reducing keeps
// it, crossing through zero starts a new position at the fill price.
void apply_leg(Position& p, Side side, int contracts, double price, const std::string& tag) {
  const int delta = side == Side::Buy ? contracts : -contracts;
  const int old = p.quantity, now = old + delta;
  if (old == 0 || (now != 0 && sign(now) != sign(old))) {
    p.average_price = price;
    p.tag = tag;
  } else if (sign(old) == sign(delta)) {
    p.average_price = (p.average_price * std::abs(old) + price * std::abs(delta)) / std::abs(now);
  }
  p.quantity = now;
  if (now == 0) p.average_price = 0;
}

std::optional<Position> load_position(SQLite::Database& db, const std::string& sym) {
  SQLite::Statement st(db,
                       "SELECT kind, root, expiry, strike, option_right, multiplier, quantity, average_price, tag "
                       "FROM positions WHERE symbol = ?");
  st.bind(1, sym);
  if (!st.executeStep()) return std::nullopt;
  Position p;
  p.instrument = read_instrument(st, 0);
  p.quantity = st.getColumn(6).getInt();
  p.average_price = st.getColumn(7).getDouble();
  p.tag = st.getColumn(8).getString();
  return p;
}

void store_position(SQLite::Database& db, const Position& p) {
  const std::string sym = symbol(p.instrument);
  if (p.quantity == 0) {
    SQLite::Statement del(db, "DELETE FROM positions WHERE symbol = ?");
    del.bind(1, sym);
    del.exec();
    return;
  }
  SQLite::Statement st(db,
                       "INSERT OR REPLACE INTO positions(symbol, kind, root, expiry, strike, option_right, multiplier, "
                       "quantity, average_price, tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, sym);
  bind_instrument(st, 2, p.instrument);
  st.bind(8, p.quantity);
  st.bind(9, p.average_price);
  st.bind(10, p.tag);
  st.exec();
}

void insert_audit(SQLite::Database& db, Timestamp time, std::string_view kind, std::string_view source,
                  std::string_view message) {
  SQLite::Statement st(db, "INSERT INTO audit(time, kind, source, message) VALUES (?, ?, ?, ?)");
  st.bind(1, to_db(time));
  st.bind(2, std::string(kind));
  st.bind(3, std::string(source));
  st.bind(4, std::string(message));
  st.exec();
}

const char* kIntentColumns =
    "client_id, account, tag, sequence, created, kind, quantity, limit_price, effect, status, order_state, "
    "filled_quantity, backend_ack, last_event, updated";

OrderIntent read_intent(SQLite::Database& db, SQLite::Statement& st) {
  OrderIntent in;
  in.id = st.getColumn(0).getString();
  in.account = st.getColumn(1).getString();
  in.tag = st.getColumn(2).getString();
  in.sequence = static_cast<std::uint64_t>(st.getColumn(3).getInt64());
  in.created = from_db(st.getColumn(4).getInt64());
  const bool combo = st.getColumn(5).getString() == "combo";
  const int quantity = st.getColumn(6).getInt();
  const double limit = st.getColumn(7).getDouble();
  const PriceEffect effect = parse_effect(st.getColumn(8).getString());
  const std::string status = st.getColumn(9).getString();
  const auto parsed = parse_intent_status(status);
  if (!parsed) throw std::runtime_error("intent " + in.id + ": unknown status '" + status + "'");
  in.status = *parsed;
  in.order_state = parse_order_state(st.getColumn(10).getString());
  in.filled_quantity = st.getColumn(11).getInt();
  in.backend_ack = st.getColumn(12).getString();
  in.last_event = st.getColumn(13).getString();
  in.updated = from_db(st.getColumn(14).getInt64());

  SQLite::Statement legs(db,
                         "SELECT kind, root, expiry, strike, option_right, multiplier, side, ratio FROM intent_legs "
                         "WHERE client_id = ? ORDER BY leg");
  legs.bind(1, in.id);
  std::vector<ComboLeg> read;
  while (legs.executeStep())
    read.push_back({read_instrument(legs, 0), parse_side(legs.getColumn(6).getString()), legs.getColumn(7).getInt()});
  if (combo) {
    in.combo = ComboOrder{read, quantity, limit, effect, in.tag};
  } else {
    if (read.size() != 1) throw std::runtime_error("single order " + in.id + " has " + std::to_string(read.size()) + " legs");
    in.single = SingleOrder{read[0].instrument, read[0].side, quantity, limit, in.tag};
  }
  return in;
}

std::optional<OrderIntent> find_intent(SQLite::Database& db, const ClientOrderId& id) {
  SQLite::Statement st(db, std::string("SELECT ") + kIntentColumns + " FROM intents WHERE client_id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return read_intent(db, st);
}

void open_and_migrate(SQLite::Database& db, const std::filesystem::path& file) {
  db.exec("PRAGMA busy_timeout = 5000");
  // The first statement that reads the file: a non-SQLite file fails here with SQLITE_NOTADB.
  const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") fail(file, "could not be switched to WAL mode (journal_mode is " + mode + ")");
  // FULL: a commit is on disk (WAL fsynced) before it returns, so an intent survives power loss too.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");

  {
    SQLite::Statement check(db, "PRAGMA quick_check");
    std::string problems;
    while (check.executeStep()) {
      const std::string line = check.getColumn(0).getString();
      if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    }
    if (!problems.empty()) fail(file, "is corrupt (quick_check: " + problems + ")");
  }

  const int app_id = db.execAndGet("PRAGMA application_id").getInt();
  const bool has_migrations = db.tableExists("schema_migrations");
  const int tables = db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt();
  if ((app_id != 0 && app_id != kApplicationId) || (!has_migrations && tables > 0))
    fail(file, "is a SQLite database but not an alvh journal (application_id " + std::to_string(app_id) + ", " +
                   std::to_string(tables) + " foreign tables)");

  int version = 0;
  if (has_migrations) version = db.execAndGet("SELECT coalesce(max(version), 0) FROM schema_migrations").getInt();
  if (version > Journal::kSchemaVersion)
    fail(file, "has schema version " + std::to_string(version) + ", newer than this build understands (" +
                   std::to_string(Journal::kSchemaVersion) + "); open it with a newer alvh");

  for (const Migration& m : migrations()) {
    if (m.version <= version) continue;
    SQLite::Transaction t(db);
    if (m.version == 1) {
      db.exec("CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, description TEXT NOT NULL)");
      db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    }
    db.exec(m.sql);
    SQLite::Statement st(db, "INSERT INTO schema_migrations(version, description) VALUES (?, ?)");
    st.bind(1, m.version);
    st.bind(2, m.description);
    st.exec();
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    t.commit();
  }
}

}  // namespace

Journal::Journal(std::filesystem::path file) : file_(std::move(file)) {
  try {
    db_ = std::make_unique<Db>(file_);
    open_and_migrate(db_->db, file_);
  } catch (const SQLite::Exception& e) {
    fail(file_, describe(e));
  }
}

Journal::~Journal() = default;

int Journal::schema_version() const {
  return guarded(file_, "schema_version", [&] {
    return db_->db.execAndGet("SELECT coalesce(max(version), 0) FROM schema_migrations").getInt();
  });
}

// --- intents --------------------------------------------------------------------------------------

std::uint64_t Journal::next_sequence(std::string_view account, std::string_view tag) const {
  return guarded(file_, "next_sequence", [&] {
    SQLite::Statement st(db_->db, "SELECT coalesce(max(sequence), 0) FROM intents WHERE account = ? AND tag = ?");
    st.bind(1, std::string(account));
    st.bind(2, std::string(tag));
    st.executeStep();
    return static_cast<std::uint64_t>(st.getColumn(0).getInt64()) + 1;
  });
}

bool Journal::record_intent(const OrderIntent& intent) {
  if (intent.combo.has_value() == intent.single.has_value())
    fail(file_, "refuses intent " + intent.id + ": exactly one of combo / single must be set");
  return mutate(*db_, file_, "record_intent", [&] {
    SQLite::Transaction t(db_->db);
    if (auto existing = find_intent(db_->db, intent.id)) {
      if (!same_request(existing->as_order(), intent.as_order()))
        fail(file_, "already holds client order id " + intent.id + " for a different order; an id never names two orders");
      return false;
    }
    SQLite::Statement st(db_->db, std::string("INSERT INTO intents(") + kIntentColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const bool combo = intent.combo.has_value();
    st.bind(1, intent.id);
    st.bind(2, intent.account);
    st.bind(3, intent.tag);
    st.bind(4, static_cast<std::int64_t>(intent.sequence));
    st.bind(5, to_db(intent.created));
    st.bind(6, combo ? "combo" : "single");
    st.bind(7, intent.quantity());
    st.bind(8, combo ? intent.combo->limit : intent.single->limit);
    st.bind(9, std::string(effect_text(combo ? intent.combo->effect : PriceEffect::Debit)));
    st.bind(10, std::string(to_string(intent.status)));
    st.bind(11, std::string(to_string(intent.order_state)));
    st.bind(12, intent.filled_quantity);
    st.bind(13, intent.backend_ack);
    st.bind(14, intent.last_event.empty() ? std::string("recorded") : intent.last_event);
    st.bind(15, to_db(intent.created));
    st.exec();
    std::vector<ComboLeg> legs = combo ? intent.combo->legs
                                       : std::vector<ComboLeg>{{intent.single->instrument, intent.single->side, 1}};
    for (std::size_t i = 0; i < legs.size(); ++i) {
      SQLite::Statement leg(db_->db,
                            "INSERT INTO intent_legs(client_id, leg, kind, root, expiry, strike, option_right, "
                            "multiplier, side, ratio) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      leg.bind(1, intent.id);
      leg.bind(2, static_cast<int>(i));
      bind_instrument(leg, 3, legs[i].instrument);
      leg.bind(9, std::string(side_text(legs[i].side)));
      leg.bind(10, legs[i].ratio);
      leg.exec();
    }
    t.commit();
    return true;
  });
}

void Journal::rename_intent(const ClientOrderId& provisional, const ClientOrderId& final_id, Timestamp now) {
  mutate(*db_, file_, "rename_intent", [&] {
    SQLite::Transaction t(db_->db);
    SQLite::Statement st(db_->db, "UPDATE intents SET client_id = ?, updated = ? WHERE client_id = ?");
    st.bind(1, final_id);
    st.bind(2, to_db(now));
    st.bind(3, provisional);
    if (st.exec() != 1) fail(file_, "has no intent " + provisional + " to rename to " + final_id);
    insert_audit(db_->db, now, "intent", "journal", "provisional id " + provisional + " is " + final_id);
    t.commit();
  });
}

void Journal::mark_sent(const ClientOrderId& id, Timestamp now) {
  mutate(*db_, file_, "mark_sent", [&] {
    // Only Pending moves to Sent: an ack or event that raced ahead must not be undone.
    SQLite::Statement st(db_->db,
                         "UPDATE intents SET status = 'sent', last_event = 'sent', updated = ? "
                         "WHERE client_id = ? AND status = 'pending'");
    st.bind(1, to_db(now));
    st.bind(2, id);
    st.exec();
  });
}

void Journal::mark_acked(const ClientOrderId& id, std::string_view ack, Timestamp now) {
  mutate(*db_, file_, "mark_acked", [&] {
    SQLite::Statement st(db_->db,
                         "UPDATE intents SET status = CASE WHEN status IN ('pending', 'sent') THEN 'acked' ELSE status END, "
                         "backend_ack = ?, last_event = 'acked', updated = ? WHERE client_id = ?");
    st.bind(1, std::string(ack));
    st.bind(2, to_db(now));
    st.bind(3, id);
    st.exec();
  });
}

void Journal::mark_rejected(const ClientOrderId& id, std::string_view reason, Timestamp now) {
  mutate(*db_, file_, "mark_rejected", [&] {
    SQLite::Statement st(db_->db,
                         "UPDATE intents SET status = 'rejected', order_state = 'Rejected', last_event = ?, updated = ? "
                         "WHERE client_id = ? AND status IN ('pending', 'sent', 'acked')");
    st.bind(1, "rejected: " + std::string(reason));
    st.bind(2, to_db(now));
    st.bind(3, id);
    st.exec();
  });
}

void Journal::mark_terminal(const ClientOrderId& id, std::string_view reason, Timestamp now) {
  mutate(*db_, file_, "mark_terminal", [&] {
    SQLite::Transaction t(db_->db);
    SQLite::Statement st(db_->db,
                         "UPDATE intents SET status = 'terminal', last_event = ?, updated = ? "
                         "WHERE client_id = ? AND status IN ('pending', 'sent', 'acked')");
    st.bind(1, std::string(reason));
    st.bind(2, to_db(now));
    st.bind(3, id);
    if (st.exec() == 1) insert_audit(db_->db, now, "intent", "journal", id + " closed: " + std::string(reason));
    t.commit();
  });
}

bool Journal::record_event(const OrderEvent& e) {
  return mutate(*db_, file_, "record_event", [&] {
    SQLite::Transaction t(db_->db);
    auto in = find_intent(db_->db, e.id);
    if (!in) {
      insert_audit(db_->db, e.time, "warning", "journal",
                   "order event " + std::string(to_string(e.state)) + " for unknown id " + e.id + " ignored");
      t.commit();
      return false;
    }
    // Events may arrive late, twice, or (after a restart) with intermediate ones missing. Accept
    // anything that moves forward: a terminal order stays terminal, fills never decrease.
    if (is_terminal(in->order_state) || e.filled_quantity < in->filled_quantity ||
        (e.state == in->order_state && e.filled_quantity == in->filled_quantity) ||
        (e.state == OrderState::PendingSubmit && in->order_state != OrderState::PendingSubmit))
      return false;
    IntentStatus status = in->status;
    if (e.state == OrderState::Rejected)
      status = IntentStatus::Rejected;
    else if (is_terminal(e.state))
      status = IntentStatus::Terminal;
    else if (e.state != OrderState::PendingSubmit && !is_closed(status))
      status = IntentStatus::Acked;
    std::string last = std::string(to_string(e.state));
    if (!e.reason.empty()) last += ": " + e.reason;
    SQLite::Statement st(db_->db,
                         "UPDATE intents SET status = ?, order_state = ?, filled_quantity = ?, last_event = ?, "
                         "updated = ? WHERE client_id = ?");
    st.bind(1, std::string(to_string(status)));
    st.bind(2, std::string(to_string(e.state)));
    st.bind(3, e.filled_quantity);
    st.bind(4, last);
    st.bind(5, to_db(e.time));
    st.bind(6, e.id);
    st.exec();
    t.commit();
    return true;
  });
}

std::optional<OrderIntent> Journal::intent(const ClientOrderId& id) const {
  return guarded(file_, "intent", [&] { return find_intent(db_->db, id); });
}

std::vector<OrderIntent> Journal::open_intents() const {
  return guarded(file_, "open_intents", [&] {
    SQLite::Statement st(db_->db, std::string("SELECT ") + kIntentColumns +
                                      " FROM intents WHERE status IN ('pending', 'sent', 'acked') ORDER BY rowid");
    std::vector<OrderIntent> out;
    while (st.executeStep()) out.push_back(read_intent(db_->db, st));
    return out;
  });
}

std::vector<OrderIntent> Journal::intents() const {
  return guarded(file_, "intents", [&] {
    SQLite::Statement st(db_->db, std::string("SELECT ") + kIntentColumns + " FROM intents ORDER BY rowid");
    std::vector<OrderIntent> out;
    while (st.executeStep()) out.push_back(read_intent(db_->db, st));
    return out;
  });
}

// --- fills and positions --------------------------------------------------------------------------

std::string Journal::default_exec_key(const Fill& f) {
  // Without a backend execution id, an execution is identified by what it is: the same order, time,
  // size and price twice is taken to be the same message delivered twice.
  char buf[96];
  std::snprintf(buf, sizeof buf, "|%lld|%d|%.10g|%s", static_cast<long long>(to_db(f.time)), f.quantity, f.net_price,
                f.effect == PriceEffect::Credit ? "credit" : "debit");
  return f.id + buf;
}

bool Journal::record_fill(const Fill& f, std::string_view exec_key) {
  const std::string key = exec_key.empty() ? default_exec_key(f) : std::string(exec_key);
  return mutate(*db_, file_, "record_fill", [&] {
    SQLite::Transaction t(db_->db);
    {
      SQLite::Statement exists(db_->db, "SELECT 1 FROM fills WHERE exec_key = ?");
      exists.bind(1, key);
      if (exists.executeStep()) return false;
    }
    SQLite::Statement st(db_->db,
                         "INSERT INTO fills(exec_key, client_id, quantity, net_price, effect, commission, time) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, key);
    st.bind(2, f.id);
    st.bind(3, f.quantity);
    st.bind(4, f.net_price);
    st.bind(5, std::string(effect_text(f.effect)));
    st.bind(6, f.commission);
    st.bind(7, to_db(f.time));
    st.exec();

    const auto in = find_intent(db_->db, f.id);
    const std::string tag = in ? in->tag : std::string();
    for (std::size_t i = 0; i < f.legs.size(); ++i) {
      const LegFill& l = f.legs[i];
      SQLite::Statement leg(db_->db,
                            "INSERT INTO fill_legs(exec_key, leg, kind, root, expiry, strike, option_right, multiplier, "
                            "side, quantity, price, commission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      leg.bind(1, key);
      leg.bind(2, static_cast<int>(i));
      bind_instrument(leg, 3, l.instrument);
      leg.bind(9, std::string(side_text(l.side)));
      leg.bind(10, l.quantity);
      leg.bind(11, l.price);
      if (l.commission) leg.bind(12, *l.commission);
      else leg.bind(12);
      leg.exec();
      Position p = load_position(db_->db, symbol(l.instrument)).value_or(Position{l.instrument, 0, 0, ""});
      apply_leg(p, l.side, l.quantity, l.price, tag);
      store_position(db_->db, p);
    }
    if (in) {
      // Fills and order events travel separately; the cumulative quantity follows whichever is ahead.
      SQLite::Statement upd(db_->db,
                            "UPDATE intents SET filled_quantity = max(filled_quantity, "
                            "(SELECT coalesce(sum(quantity), 0) FROM fills WHERE client_id = ?)) WHERE client_id = ?");
      upd.bind(1, f.id);
      upd.bind(2, f.id);
      upd.exec();
    }
    t.commit();
    return true;
  });
}

std::size_t Journal::fill_count() const {
  return guarded(file_, "fill_count", [&] {
    return static_cast<std::size_t>(db_->db.execAndGet("SELECT count(*) FROM fills").getInt64());
  });
}

std::vector<Fill> Journal::fills(const ClientOrderId& id) const {
  return guarded(file_, "fills", [&] {
    SQLite::Statement st(db_->db,
                         "SELECT exec_key, quantity, net_price, effect, commission, time FROM fills WHERE client_id = ? "
                         "ORDER BY rowid");
    st.bind(1, id);
    std::vector<Fill> out;
    while (st.executeStep()) {
      Fill f;
      f.id = id;
      const std::string key = st.getColumn(0).getString();
      f.quantity = st.getColumn(1).getInt();
      f.net_price = st.getColumn(2).getDouble();
      f.effect = parse_effect(st.getColumn(3).getString());
      f.commission = st.getColumn(4).getDouble();
      f.time = from_db(st.getColumn(5).getInt64());
      SQLite::Statement legs(db_->db,
                             "SELECT kind, root, expiry, strike, option_right, multiplier, side, quantity, price, commission "
                             "FROM fill_legs WHERE exec_key = ? ORDER BY leg");
      legs.bind(1, key);
      while (legs.executeStep()) {
        LegFill l{read_instrument(legs, 0), parse_side(legs.getColumn(6).getString()), legs.getColumn(7).getInt(),
                  legs.getColumn(8).getDouble()};
        if (!legs.getColumn(9).isNull()) l.commission = legs.getColumn(9).getDouble();
        f.legs.push_back(std::move(l));
      }
      out.push_back(std::move(f));
    }
    return out;
  });
}

bool Journal::record_settlement(const Settlement& s) {
  return mutate(*db_, file_, "record_settlement", [&] {
    SQLite::Transaction t(db_->db);
    const std::string sym = symbol(s.instrument);
    SQLite::Statement st(db_->db,
                         "INSERT OR IGNORE INTO settlements(symbol, date, quantity, price, cash) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, sym);
    st.bind(2, to_iso(s.date));
    st.bind(3, s.quantity);
    st.bind(4, s.settlement_price);
    st.bind(5, s.cash);
    if (st.exec() == 0) return false;
    if (auto p = load_position(db_->db, sym)) {
      p->quantity -= s.quantity;
      if (p->quantity == 0) p->average_price = 0;
      store_position(db_->db, *p);
    }
    t.commit();
    return true;
  });
}

std::optional<double> Journal::settlement_price(std::string_view sym, Date date) const {
  return guarded(file_, "settlement_price", [&]() -> std::optional<double> {
    SQLite::Statement st(db_->db, "SELECT price FROM settlements WHERE symbol = ? AND date = ?");
    st.bind(1, std::string(sym));
    st.bind(2, to_iso(date));
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getDouble();
  });
}

std::vector<Position> Journal::positions() const {
  return guarded(file_, "positions", [&] {
    SQLite::Statement st(db_->db,
                         "SELECT kind, root, expiry, strike, option_right, multiplier, quantity, average_price, tag "
                         "FROM positions WHERE quantity != 0 ORDER BY symbol");
    std::vector<Position> out;
    while (st.executeStep())
      out.push_back({read_instrument(st, 0), st.getColumn(6).getInt(), st.getColumn(7).getDouble(),
                     st.getColumn(8).getString()});
    return out;
  });
}

void Journal::adopt_positions(const std::vector<Position>& backend, std::string_view reason, Timestamp now) {
  mutate(*db_, file_, "adopt_positions", [&] {
    SQLite::Transaction t(db_->db);
    db_->db.exec("DELETE FROM positions");
    for (const Position& p : backend) store_position(db_->db, p);
    insert_audit(db_->db, now, "reconcile", "journal",
                 "adopted " + std::to_string(backend.size()) + " backend positions: " + std::string(reason));
    t.commit();
  });
}

// --- groups ----------------------------------------------------------------------------------------

void Journal::upsert_group(const GroupRecord& g) {
  mutate(*db_, file_, "upsert_group", [&] {
    SQLite::Transaction t(db_->db);
    SQLite::Statement del(db_->db, "DELETE FROM groups WHERE id = ?");  // cascades to group_legs
    del.bind(1, g.id);
    del.exec();
    SQLite::Statement st(db_->db,
                         "INSERT INTO groups(id, kind, tag, open, cost, close_value, opened, closed) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, g.id);
    st.bind(2, g.kind);
    st.bind(3, g.tag);
    st.bind(4, g.open ? 1 : 0);
    st.bind(5, g.cost);
    st.bind(6, g.close_value);
    st.bind(7, to_db(g.opened));
    if (g.closed)
      st.bind(8, to_db(*g.closed));
    else
      st.bind(8);
    st.exec();
    for (std::size_t i = 0; i < g.legs.size(); ++i) {
      SQLite::Statement leg(db_->db,
                            "INSERT INTO group_legs(group_id, leg, kind, root, expiry, strike, option_right, multiplier, "
                            "quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      leg.bind(1, g.id);
      leg.bind(2, static_cast<int>(i));
      bind_instrument(leg, 3, g.legs[i].instrument);
      leg.bind(9, g.legs[i].quantity);
      leg.exec();
    }
    t.commit();
  });
}

void Journal::close_group(const std::string& id, double close_value, Timestamp when) {
  mutate(*db_, file_, "close_group", [&] {
    SQLite::Statement st(db_->db, "UPDATE groups SET open = 0, close_value = ?, closed = ? WHERE id = ?");
    st.bind(1, close_value);
    st.bind(2, to_db(when));
    st.bind(3, id);
    if (st.exec() != 1) fail(file_, "has no group " + id + " to close");
  });
}

namespace {
GroupRecord read_group(SQLite::Database& db, SQLite::Statement& st) {
  GroupRecord g;
  g.id = st.getColumn(0).getString();
  g.kind = st.getColumn(1).getString();
  g.tag = st.getColumn(2).getString();
  g.open = st.getColumn(3).getInt() != 0;
  g.cost = st.getColumn(4).getDouble();
  g.close_value = st.getColumn(5).getDouble();
  g.opened = from_db(st.getColumn(6).getInt64());
  if (!st.getColumn(7).isNull()) g.closed = from_db(st.getColumn(7).getInt64());
  SQLite::Statement legs(db,
                         "SELECT kind, root, expiry, strike, option_right, multiplier, quantity FROM group_legs "
                         "WHERE group_id = ? ORDER BY leg");
  legs.bind(1, g.id);
  while (legs.executeStep()) g.legs.push_back({read_instrument(legs, 0), legs.getColumn(6).getInt()});
  return g;
}
}  // namespace

std::optional<GroupRecord> Journal::group(const std::string& id) const {
  return guarded(file_, "group", [&]() -> std::optional<GroupRecord> {
    SQLite::Statement st(db_->db,
                         "SELECT id, kind, tag, open, cost, close_value, opened, closed FROM groups WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return read_group(db_->db, st);
  });
}

std::vector<GroupRecord> Journal::groups(bool open_only) const {
  return guarded(file_, "groups", [&] {
    SQLite::Statement st(db_->db, std::string("SELECT id, kind, tag, open, cost, close_value, opened, closed FROM groups ") +
                                      (open_only ? "WHERE open = 1 " : "") + "ORDER BY opened, id");
    std::vector<GroupRecord> out;
    while (st.executeStep()) out.push_back(read_group(db_->db, st));
    return out;
  });
}

// --- state and audit -------------------------------------------------------------------------------

namespace {
std::int64_t upsert_state(SQLite::Database& db, std::string_view key, std::string_view blob, Timestamp now,
                          std::string_view checkpoint) {
  SQLite::Statement st(db,
                       "INSERT INTO state(key, blob, version, updated, checkpoint) VALUES (?, ?, 1, ?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET blob = excluded.blob, version = version + 1, "
                       "updated = excluded.updated, checkpoint = excluded.checkpoint");
  st.bind(1, std::string(key));
  st.bind(2, blob.data(), static_cast<int>(blob.size()));
  st.bind(3, to_db(now));
  st.bind(4, std::string(checkpoint));
  st.exec();
  SQLite::Statement v(db, "SELECT version FROM state WHERE key = ?");
  v.bind(1, std::string(key));
  v.executeStep();
  return v.getColumn(0).getInt64();
}
}  // namespace

std::int64_t Journal::put_state(std::string_view key, std::string_view blob, Timestamp now, std::string_view checkpoint) {
  return mutate(*db_, file_, "put_state", [&] {
    SQLite::Transaction t(db_->db);
    const std::int64_t version = upsert_state(db_->db, key, blob, now, checkpoint);
    t.commit();
    return version;
  });
}

void Journal::put_states(const std::vector<StatePut>& puts, Timestamp now) {
  if (puts.empty()) return;
  mutate(*db_, file_, "put_states", [&] {
    SQLite::Transaction t(db_->db);
    for (const StatePut& p : puts) upsert_state(db_->db, p.key, p.blob, now, p.checkpoint);
    t.commit();
  });
}

void Journal::set_write_hook(std::function<void()> hook) { db_->after_write = std::move(hook); }

std::optional<StateBlob> Journal::state(std::string_view key) const {
  return guarded(file_, "state", [&]() -> std::optional<StateBlob> {
    SQLite::Statement st(db_->db, "SELECT blob, version, updated, checkpoint FROM state WHERE key = ?");
    st.bind(1, std::string(key));
    if (!st.executeStep()) return std::nullopt;
    const SQLite::Column blob = st.getColumn(0);
    StateBlob out;
    out.blob.assign(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()));
    out.version = st.getColumn(1).getInt64();
    out.updated = from_db(st.getColumn(2).getInt64());
    out.checkpoint = st.getColumn(3).getString();
    return out;
  });
}

void Journal::audit(Timestamp time, std::string_view kind, std::string_view source, std::string_view message) {
  mutate(*db_, file_, "audit", [&] { insert_audit(db_->db, time, kind, source, message); });
}

std::vector<AuditEntry> Journal::audit_log(std::int64_t after_id) const {
  return guarded(file_, "audit_log", [&] {
    SQLite::Statement st(db_->db, "SELECT id, time, kind, source, message FROM audit WHERE id > ? ORDER BY id");
    st.bind(1, after_id);
    std::vector<AuditEntry> out;
    while (st.executeStep())
      out.push_back({st.getColumn(0).getInt64(), from_db(st.getColumn(1).getInt64()), st.getColumn(2).getString(),
                     st.getColumn(3).getString(), st.getColumn(4).getString()});
    return out;
  });
}

}  // namespace alvh::journal
