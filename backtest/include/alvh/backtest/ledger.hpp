#pragma once
// The P&L ledger: every fill and settlement as a trade record, positions grouped per condor and
// per hedge cohort (with the ladder layer as group), daily marks, and book-level P&L.
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "alvh/venue/fill_model.hpp"
#include "alvh/core/date.hpp"

namespace alvh::backtest {

enum class Book { condor, hedge };
inline constexpr std::size_t kBookCount = 2;
const char* book_name(Book b);

struct TradeRecord {
  Date date{};
  int minutes = 0;
  Book book = Book::condor;
  std::string position;  // condor id or hedge cohort id
  std::string group;     // "condor" or the ladder layer ("front", "mid", "back")
  std::string action;    // "open", "close", "roll", "settle", ...
  std::string symbol;    // instrument key (alvh::symbol)
  int quantity = 0;      // signed contracts
  double price = 0;      // per contract, points (settlement: intrinsic value)
  double fees = 0;       // $
  double cash = 0;       // $ to the account, fees included
};

struct PositionLeg {
  Instrument instrument;
  int quantity = 0;
};

struct PositionRecord {
  std::string id;
  Book book = Book::condor;
  std::string group;
  Date opened{};
  std::optional<Date> closed;
  std::vector<PositionLeg> legs;  // open legs only
  double cash_flow = 0;  // $ received minus paid, fees included
  double fees = 0;
  double mark = 0;       // $ value of the open legs at the last mark
  bool is_open() const { return !legs.empty(); }
  double pnl() const { return cash_flow + mark; }
};

class Ledger {
 public:
  explicit Ledger(double initial_cash);

  // Books a fill into `position` (created on first use). Legs net per instrument.
  void apply(Date date, int minutes, Book book, const std::string& position, const std::string& group,
             const std::string& action, const venue::ComboFill& fill);
  // Books a cash settlement of one leg of `position`. Requires the position to exist.
  void settle(Date date, int minutes, const std::string& position, const venue::SettlementFill& fill);
  // Revalues every open position from a per-contract mid (points); unpriced legs keep their
  // previous per-leg value.
  void mark_all(const std::function<std::optional<double>(const Instrument&)>& mid);

  double initial_cash() const { return initial_cash_; }
  double cash() const { return cash_; }
  double equity() const;             // cash + marks of open positions
  double book_pnl(Book book) const;  // cumulative: cash flows + marks of the book's positions
  double book_premium(Book book) const;  // cumulative $ paid to open (debits, fees included)

  const std::vector<PositionRecord>& positions() const { return positions_; }
  const PositionRecord* find(const std::string& id) const;
  std::vector<const PositionRecord*> open_positions() const;
  // Per-group P&L over all positions of a book, keyed by group (sorted: deterministic output).
  std::map<std::string, double> pnl_by_group(Book book) const;
  const std::vector<TradeRecord>& trades() const { return trades_; }

 private:
  PositionRecord& position_for(Date date, Book book, const std::string& id, const std::string& group);
  void refresh_open(std::size_t index, Date date);

  double initial_cash_;
  double cash_;
  std::array<double, kBookCount> book_cash_{};
  std::array<double, kBookCount> book_premium_{};
  std::vector<PositionRecord> positions_;
  std::vector<std::vector<double>> leg_marks_;  // per position, per open leg: last $ value
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::size_t> open_;  // indices of open positions, in opening order
  std::vector<TradeRecord> trades_;
};

}  // namespace alvh::backtest
