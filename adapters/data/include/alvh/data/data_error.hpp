#pragma once
// The one error type of the data adapter: every bad input is reported with its exact place so a
// user can open the file and fix it. line/column are 1-based; 0 means "the whole file/line".
#include <cstddef>
#include <stdexcept>
#include <string>

namespace alvh {

class DataError : public std::runtime_error {
 public:
  // what() is "file:line:column: reason".
  DataError(std::string file, std::size_t line, std::size_t column, std::string reason);

  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string reason_;
};

}  // namespace alvh
