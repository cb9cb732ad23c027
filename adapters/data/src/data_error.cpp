#include "alvh/data/data_error.hpp"

#include <utility>

namespace alvh {

namespace {
std::string format_message(const std::string& file, std::size_t line, std::size_t column,
                           const std::string& reason) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + reason;
}
}  // namespace

DataError::DataError(std::string file, std::size_t line, std::size_t column, std::string reason)
    : std::runtime_error(format_message(file, line, column, reason)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      reason_(std::move(reason)) {}

}  // namespace alvh
