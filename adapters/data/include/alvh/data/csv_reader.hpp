#pragma once
// Minimal CSV reader for the bundled data: comma-separated, no quoting (a quote is rejected rather
// than misread), LF or CRLF line ends, optional UTF-8 BOM. Every record must have as many fields
// as the header. It reads from a string so parsing stays pure; file I/O is read_text_file().
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/data/csv_record.hpp"

namespace alvh {

class CsvReader {
 public:
  // Reads the header line now. `text` must outlive the reader.
  CsvReader(std::string_view text, std::string file_name);
  // For header-less files (one value a line, ...): every line must have `field_count` fields.
  static CsvReader headerless(std::string_view text, std::string file_name, std::size_t field_count);

  const std::string& file_name() const noexcept { return file_name_; }
  const std::vector<std::string_view>& header() const noexcept { return header_; }

  // 0-based index of the column named `name` (ASCII case-insensitive); error on the header line
  // if there is none.
  std::size_t require_column(std::string_view name) const;
  // The header must start with exactly these names, in order (ASCII case-insensitive); extra
  // trailing columns are allowed. The error names the first column that differs.
  void require_header_prefix(std::initializer_list<std::string_view> names) const;

  // Next data record into `record` (its buffers are reused). false at end of text.
  bool next(CsvRecord& record);
  // After the last next(): a file that holds a header (or nothing) and no data row is an error at
  // the line where the first row should be.
  void require_rows() const;

 private:
  CsvReader(std::string_view text, std::string file_name, std::size_t field_count, bool has_header);
  // Splits the next non-terminal line into record.fields_; false at end of text.
  bool split_line(CsvRecord& record);

  std::string_view text_;
  std::string file_name_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  std::size_t field_count_ = 0;
  std::size_t header_line_ = 0;
  std::size_t records_ = 0;
  std::vector<std::string_view> header_;
};

}  // namespace alvh
