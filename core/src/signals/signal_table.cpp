#include "alvh/core/signals/signal_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace alvh {

std::optional<std::size_t> SignalTable::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

const std::vector<Value>& SignalTable::column(std::string_view name) const {
  if (auto i = column_index(name)) return values[*i];
  throw std::out_of_range("signal table has no column '" + std::string(name) + "'");
}

SignalValues SignalTable::row_values(std::size_t row) const {
  SignalValues v;
  v.reserve(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) v.emplace(columns[c], values[c][row]);
  return v;
}

std::optional<SignalValues> SignalTable::values_on(Date d) const {
  const auto it = std::lower_bound(dates.begin(), dates.end(), d);
  if (it == dates.end() || *it != d) return std::nullopt;
  return row_values(static_cast<std::size_t>(it - dates.begin()));
}

}  // namespace alvh
