#pragma once
// Computes configured signals over a DailyPanel: in batch (a whole SignalTable) or streaming (one
// new panel row at a time, O(1) per signal except pct_rank). Both forms give identical values.
// A missing input makes that day's output missing; indicators skip it rather than seed with 0.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "alvh/core/market_series.hpp"
#include "alvh/core/signal_spec.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/signal_table.hpp"

namespace alvh {

class SignalEngine {
 public:
  // Throws std::invalid_argument carrying spec_errors() of every invalid spec, or on duplicate names.
  explicit SignalEngine(std::vector<SignalSpec> specs);
  ~SignalEngine();
  SignalEngine(SignalEngine&&) noexcept;
  SignalEngine& operator=(SignalEngine&&) noexcept;

  const std::vector<SignalSpec>& specs() const { return specs_; }
  // Output columns in order: signal_columns() of each spec, concatenated.
  const std::vector<std::string>& columns() const { return columns_; }

  // Batch: independent of the streaming state.
  SignalTable compute(const DailyPanel& panel) const;

  // Streaming: feed rows in date order; returns every column's value for that row (valid until
  // the next update/reset).
  std::span<const Value> update(const PanelRow& row);
  std::span<const Value> current() const { return current_; }
  void reset();

 private:
  struct Compiled;
  std::vector<SignalSpec> specs_;
  std::vector<std::string> columns_;
  std::vector<Compiled> compiled_;
  std::vector<Value> current_;
};

}  // namespace alvh
