#include "alvh/backtest/ledger.hpp"

#include <algorithm>
#include <stdexcept>

namespace alvh::backtest {

const char* book_name(Book b) { return b == Book::condor ? "condor" : "hedge"; }

namespace {
std::size_t slot(Book b) { return static_cast<std::size_t>(b); }
}  // namespace

Ledger::Ledger(double initial_cash) : initial_cash_(initial_cash), cash_(initial_cash) {}

PositionRecord& Ledger::position_for(Date date, Book book, const std::string& id, const std::string& group) {
  auto it = index_.find(id);
  if (it != index_.end()) return positions_[it->second];
  PositionRecord p;
  p.id = id;
  p.book = book;
  p.group = group;
  p.opened = date;
  index_.emplace(id, positions_.size());
  positions_.push_back(std::move(p));
  leg_marks_.emplace_back();
  return positions_.back();
}

void Ledger::refresh_open(std::size_t index, Date date) {
  PositionRecord& p = positions_[index];
  auto it = std::find(open_.begin(), open_.end(), index);
  if (p.is_open()) {
    p.closed.reset();
    if (it == open_.end()) open_.push_back(index);
  } else {
    p.mark = 0;
    p.closed = date;
    if (it != open_.end()) open_.erase(it);
  }
}

void Ledger::apply(Date date, int minutes, Book book, const std::string& position, const std::string& group,
                   const std::string& action, const venue::ComboFill& fill) {
  PositionRecord& p = position_for(date, book, position, group);
  const std::size_t index = index_.at(position);
  std::vector<double>& marks = leg_marks_[index];
  for (const venue::FilledLeg& leg : fill.legs) {
    const double leg_cash = -leg.quantity * leg.price * leg.instrument.multiplier - leg.fees;
    trades_.push_back({date, minutes, p.book, p.id, p.group, action, symbol(leg.instrument), leg.quantity,
                       leg.price, leg.fees, leg_cash});
    auto held = std::find_if(p.legs.begin(), p.legs.end(),
                             [&](const PositionLeg& l) { return l.instrument == leg.instrument; });
    if (held == p.legs.end()) {
      p.legs.push_back({leg.instrument, leg.quantity});
      marks.push_back(leg.quantity * leg.price * leg.instrument.multiplier);  // marked at the fill
    } else {
      const auto k = static_cast<std::size_t>(held - p.legs.begin());
      const int before = held->quantity;
      held->quantity += leg.quantity;
      if (held->quantity == 0) {
        p.legs.erase(held);
        marks.erase(marks.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        marks[k] = before != 0 ? marks[k] * held->quantity / before : 0.0;
      }
    }
  }
  p.cash_flow += fill.cash;
  p.fees += fill.fees;
  cash_ += fill.cash;
  book_cash_[slot(p.book)] += fill.cash;
  if (fill.cash < 0) book_premium_[slot(p.book)] += -fill.cash;
  p.mark = 0;
  for (double m : marks) p.mark += m;
  refresh_open(index, date);
}

void Ledger::settle(Date date, int minutes, const std::string& position, const venue::SettlementFill& fill) {
  auto it = index_.find(position);
  if (it == index_.end()) throw std::logic_error("ledger: settlement for unknown position " + position);
  PositionRecord& p = positions_[it->second];
  std::vector<double>& marks = leg_marks_[it->second];
  auto held = std::find_if(p.legs.begin(), p.legs.end(),
                           [&](const PositionLeg& l) { return l.instrument == fill.instrument; });
  if (held != p.legs.end()) {
    const auto k = static_cast<std::size_t>(held - p.legs.begin());
    p.legs.erase(held);
    marks.erase(marks.begin() + static_cast<std::ptrdiff_t>(k));
  }
  trades_.push_back({date, minutes, p.book, p.id, p.group, "settle", symbol(fill.instrument), -fill.quantity,
                     fill.value, 0.0, fill.cash});
  p.cash_flow += fill.cash;
  cash_ += fill.cash;
  book_cash_[slot(p.book)] += fill.cash;
  p.mark = 0;
  for (double m : marks) p.mark += m;
  refresh_open(it->second, date);
}

void Ledger::mark_all(const std::function<std::optional<double>(const Instrument&)>& mid) {
  for (std::size_t index : open_) {
    PositionRecord& p = positions_[index];
    std::vector<double>& marks = leg_marks_[index];
    p.mark = 0;
    for (std::size_t k = 0; k < p.legs.size(); ++k) {
      const PositionLeg& leg = p.legs[k];
      if (const auto m = mid(leg.instrument)) marks[k] = leg.quantity * *m * leg.instrument.multiplier;
      p.mark += marks[k];
    }
  }
}

double Ledger::equity() const {
  double e = cash_;
  for (std::size_t index : open_) e += positions_[index].mark;
  return e;
}

double Ledger::book_pnl(Book book) const {
  double v = book_cash_[slot(book)];
  for (std::size_t index : open_)
    if (positions_[index].book == book) v += positions_[index].mark;
  return v;
}

double Ledger::book_premium(Book book) const { return book_premium_[slot(book)]; }

const PositionRecord* Ledger::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &positions_[it->second];
}

std::vector<const PositionRecord*> Ledger::open_positions() const {
  std::vector<const PositionRecord*> out;
  out.reserve(open_.size());
  for (std::size_t index : open_) out.push_back(&positions_[index]);
  return out;
}

std::map<std::string, double> Ledger::pnl_by_group(Book book) const {
  std::map<std::string, double> out;
  for (const PositionRecord& p : positions_)
    if (p.book == book) out[p.group] += p.pnl();
  return out;
}

}  // namespace alvh::backtest
