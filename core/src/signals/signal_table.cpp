#include "alvh/core/signals/signal_table.hpp"

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

}  // namespace alvh
