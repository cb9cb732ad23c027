#pragma once
// Journal: the crash-safe record of one account's trading (one SQLite file, WAL mode,
// synchronous=FULL). Every mutating call runs in its own transaction and is durable on disk when it
// returns, so "record_intent() returned" means the intent survives SIGKILL and power loss.
//
// Tables (schema in docs/journal.md): schema_migrations, intents (+ intent_legs),
// fills (+ fill_legs; unique exec key), positions (derived from fills and settlements), groups (+ group_legs),
// state, audit.
//
// Opening checks the file: not a SQLite database, corrupt (quick_check), not an alvh journal, or a
// schema newer than this build understands -> JournalError naming the file. An empty or missing file
// is migrated to the current schema.
//
// Not thread-safe; one Journal per process per file (AccountLock enforces one process per account).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/journal/audit_entry.hpp"
#include "alvh/journal/group_record.hpp"
#include "alvh/journal/order_intent.hpp"
#include "alvh/journal/state_blob.hpp"

namespace alvh::journal {

class Journal {
 public:
  static constexpr int kSchemaVersion = 2;  // newest schema this build writes and reads

  explicit Journal(std::filesystem::path file);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::filesystem::path& file() const { return file_; }
  int schema_version() const;  // as recorded in schema_migrations

  // --- Order intents --------------------------------------------------------------------------
  // One past the highest sequence recorded for (account, tag); 1 for a fresh pair.
  std::uint64_t next_sequence(std::string_view account, std::string_view tag) const;
  // Records a new intent (status Pending). Durable when it returns. Recording an id that already
  // exists with the same request is a no-op returning false (a replay after restart); with a
  // different request it throws (an id must never name two orders).
  bool record_intent(const OrderIntent& intent);
  // Replaces a provisional id by the one the execution port returned (hosts that choose ids
  // themselves); same transaction, so the intent is never lost in between.
  void rename_intent(const ClientOrderId& provisional, const ClientOrderId& final_id, Timestamp now);
  void mark_sent(const ClientOrderId& id, Timestamp now);
  // The backend acknowledged the submit; `ack` says what acknowledged it (ack correlation id).
  void mark_acked(const ClientOrderId& id, std::string_view ack, Timestamp now);
  // The backend refused the submit (nack), or the risk gate did.
  void mark_rejected(const ClientOrderId& id, std::string_view reason, Timestamp now);
  // Closes an intent without an event, e.g. reconciliation found it finished while we were down.
  void mark_terminal(const ClientOrderId& id, std::string_view reason, Timestamp now);
  // Applies an order event: advances status (Acked / Rejected / Terminal), order state and the
  // cumulative filled quantity. Replays and stale events leave the record unchanged; returns whether
  // anything changed. Unknown ids are written to the audit log and ignored.
  bool record_event(const OrderEvent& event);

  std::optional<OrderIntent> intent(const ClientOrderId& id) const;
  std::vector<OrderIntent> open_intents() const;  // status Pending, Sent or Acked
  std::vector<OrderIntent> intents() const;       // all, in creation order

  // --- Fills and positions ---------------------------------------------------------------------
  // Applies one execution exactly once: `exec_key` identifies it (the backend's execution id, or
  // "<session>:<exec seq>"); empty = derived from the fill's content (see default_exec_key). A key
  // already recorded makes this a no-op returning false. Positions are updated in the same
  // transaction. Fills for ids the journal never recorded are still applied (the position is real).
  bool record_fill(const Fill& fill, std::string_view exec_key = {});
  static std::string default_exec_key(const Fill& fill);
  std::size_t fill_count() const;
  std::vector<Fill> fills(const ClientOrderId& id) const;  // in recording order
  // Removes a settled position (cash-settled expiry). Idempotent: the key is instrument + date.
  bool record_settlement(const Settlement& settlement);
  // The price a settlement of `symbol` on `date` was recorded at, if any.
  std::optional<double> settlement_price(std::string_view symbol, Date date) const;
  std::vector<Position> positions() const;  // non-zero, ordered by symbol
  // Overwrites the journal's positions with the backend's (after a reconciliation decided the backend
  // is right, e.g. fills missed while the process was down). Audited.
  void adopt_positions(const std::vector<Position>& backend, std::string_view reason, Timestamp now);

  // --- Condor groups and ladder cohorts ---------------------------------------------------------
  void upsert_group(const GroupRecord& group);  // insert or replace by id (legs replaced too)
  void close_group(const std::string& id, double close_value, Timestamp when);
  std::optional<GroupRecord> group(const std::string& id) const;
  std::vector<GroupRecord> groups(bool open_only) const;  // ordered by opening time, then id

  // --- Strategy state --------------------------------------------------------------------------
  // Stores a blob (and an opaque checkpoint the writer wants restored with it) as the next version.
  std::int64_t put_state(std::string_view key, std::string_view blob, Timestamp now, std::string_view checkpoint = {});
  std::optional<StateBlob> state(std::string_view key) const;
  // Several blobs in one transaction: all of them become the next versions, or (killed before the
  // commit) none does. For states that must agree, e.g. a strategy's state and the day it belongs to.
  struct StatePut {
    std::string key, blob, checkpoint;
  };
  void put_states(const std::vector<StatePut>& puts, Timestamp now);

  // Called after every mutating call has committed (test hook: a crash right after each durable write).
  void set_write_hook(std::function<void()> hook);

  // --- Audit log -------------------------------------------------------------------------------
  void audit(Timestamp time, std::string_view kind, std::string_view source, std::string_view message);
  std::vector<AuditEntry> audit_log(std::int64_t after_id = 0) const;  // oldest first

 private:
  struct Db;
  std::filesystem::path file_;
  std::unique_ptr<Db> db_;
};

}  // namespace alvh::journal
