#include "schema.hpp"

namespace alvh::journal::detail {

const std::vector<Migration>& migrations() {
  // Never edit a released migration: append a new one and raise Journal::kSchemaVersion.
  static const std::vector<Migration> all{
      {1, "initial schema: intents, fills, positions, groups, state, audit", R"sql(
CREATE TABLE intents(
  client_id       TEXT PRIMARY KEY,
  account         TEXT NOT NULL,
  tag             TEXT NOT NULL,
  sequence        INTEGER NOT NULL,
  created         INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK(kind IN ('combo', 'single')),
  quantity        INTEGER NOT NULL,
  limit_price     REAL NOT NULL,
  effect          TEXT NOT NULL,
  status          TEXT NOT NULL,
  order_state     TEXT NOT NULL,
  filled_quantity INTEGER NOT NULL DEFAULT 0,
  backend_ack     TEXT NOT NULL DEFAULT '',
  last_event      TEXT NOT NULL DEFAULT '',
  updated         INTEGER NOT NULL);
CREATE INDEX intents_by_status ON intents(status);
CREATE INDEX intents_by_sequence ON intents(account, tag, sequence);
CREATE TABLE intent_legs(
  client_id  TEXT NOT NULL REFERENCES intents(client_id) ON UPDATE CASCADE ON DELETE CASCADE,
  leg        INTEGER NOT NULL,
  kind TEXT NOT NULL, root TEXT NOT NULL, expiry TEXT NOT NULL, strike REAL NOT NULL,
  option_right TEXT NOT NULL, multiplier REAL NOT NULL,
  side       TEXT NOT NULL,
  ratio      INTEGER NOT NULL,
  PRIMARY KEY(client_id, leg));
CREATE TABLE fills(
  exec_key   TEXT PRIMARY KEY,
  client_id  TEXT NOT NULL,
  quantity   INTEGER NOT NULL,
  net_price  REAL NOT NULL,
  effect     TEXT NOT NULL,
  commission REAL NOT NULL,
  time       INTEGER NOT NULL);
CREATE INDEX fills_by_order ON fills(client_id);
CREATE TABLE fill_legs(
  exec_key TEXT NOT NULL REFERENCES fills(exec_key) ON DELETE CASCADE,
  leg      INTEGER NOT NULL,
  kind TEXT NOT NULL, root TEXT NOT NULL, expiry TEXT NOT NULL, strike REAL NOT NULL,
  option_right TEXT NOT NULL, multiplier REAL NOT NULL,
  side     TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  price    REAL NOT NULL,
  PRIMARY KEY(exec_key, leg));
CREATE TABLE positions(
  symbol TEXT PRIMARY KEY,
  kind TEXT NOT NULL, root TEXT NOT NULL, expiry TEXT NOT NULL, strike REAL NOT NULL,
  option_right TEXT NOT NULL, multiplier REAL NOT NULL,
  quantity      INTEGER NOT NULL,
  average_price REAL NOT NULL,
  tag           TEXT NOT NULL);
CREATE TABLE settlements(
  symbol   TEXT NOT NULL,
  date     TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  price    REAL NOT NULL,
  cash     REAL NOT NULL,
  PRIMARY KEY(symbol, date));
CREATE TABLE groups(
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  tag         TEXT NOT NULL,
  open        INTEGER NOT NULL,
  cost        REAL NOT NULL,
  close_value REAL NOT NULL,
  opened      INTEGER NOT NULL,
  closed      INTEGER);
CREATE TABLE group_legs(
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  leg      INTEGER NOT NULL,
  kind TEXT NOT NULL, root TEXT NOT NULL, expiry TEXT NOT NULL, strike REAL NOT NULL,
  option_right TEXT NOT NULL, multiplier REAL NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY(group_id, leg));
CREATE TABLE state(
  key        TEXT PRIMARY KEY,
  blob       BLOB NOT NULL,
  version    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  checkpoint TEXT NOT NULL DEFAULT '');
CREATE TABLE audit(
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  time    INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  source  TEXT NOT NULL,
  message TEXT NOT NULL);
)sql"},
      // A backend may report each leg's commission (LegFill::commission); a fill answered from the
      // journal after a restart must book the same fees to the last bit. NULL: not reported.
      {2, "fill_legs.commission: the leg's own commission as the backend reported it", R"sql(
ALTER TABLE fill_legs ADD COLUMN commission REAL;
)sql"},
  };
  return all;
}

}  // namespace alvh::journal::detail
