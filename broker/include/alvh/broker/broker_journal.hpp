#pragma once
// The paper broker's durable record: one JSON object per line, appended as things happen, replayed
// on start-up (docs/protocol.md, "Paper broker"). Appending keeps a long replay O(1) per event; a
// torn last line (crash mid-write) is ignored. Replaying the bookings into the simulated venue
// rebuilds its positions and cash exactly.
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "alvh/venue/fill_model.hpp"
#include "alvh/core/clock.hpp"
#include "alvh/core/orders.hpp"

namespace alvh::broker {

// The replay time the host announced.
struct ClockEntry {
  ExchangeTime time;
};

// A fill the venue booked for an order.
struct FillEntry {
  ExchangeTime time;
  ClientOrderId id;
  venue::ComboFill fill;
};

// The answer given to a client order id, and the order's final state (simulated orders never stay
// working). A filled order carries its fill in the same line: one write, so a crash can never leave
// an order recorded as filled without its booking (or booked without its answer).
struct OrderEntry {
  ClientOrderId id;
  bool accepted = true;
  std::string reason;  // the rejection or cancellation reason
  OrderState state = OrderState::Filled;
  int filled_quantity = 0;
  std::optional<ComboOrder> combo;
  std::optional<SingleOrder> single;
  std::optional<FillEntry> fill;
};

// FillEntry lines of their own are read (state files written before fills moved into the order line).

// A cash settlement of one instrument the account held.
struct SettlementEntry {
  ExchangeTime time;
  venue::SettlementFill fill;
};

using JournalEntry = std::variant<ClockEntry, OrderEntry, FillEntry, SettlementEntry>;

std::string encode_journal_entry(const JournalEntry& e);
// Throws std::runtime_error naming the problem when `line` is not a journal entry.
JournalEntry decode_journal_entry(const std::string& line);

// Reads every entry of `file` (none when it does not exist). A malformed line other than the last
// throws std::runtime_error with the line number; a malformed last line is a torn write and skipped.
std::vector<JournalEntry> read_journal(const std::filesystem::path& file);

// Appends entries, flushed line by line.
class JournalWriter {
 public:
  explicit JournalWriter(const std::filesystem::path& file);  // throws if the file cannot be opened
  void append(const JournalEntry& e);

 private:
  std::ofstream out_;
};

}  // namespace alvh::broker
