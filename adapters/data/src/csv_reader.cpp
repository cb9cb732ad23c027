#include "alvh/data/csv_reader.hpp"

#include <cstring>

#include "alvh/data/data_error.hpp"

namespace alvh {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file_name)
    : CsvReader(text, std::move(file_name), 0, true) {}

CsvReader CsvReader::headerless(std::string_view text, std::string file_name, std::size_t field_count) {
  return CsvReader(text, std::move(file_name), field_count, false);
}

CsvReader::CsvReader(std::string_view text, std::string file_name, std::size_t field_count,
                     bool has_header)
    : text_(text), file_name_(std::move(file_name)), field_count_(field_count) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  if (!has_header) return;
  CsvRecord header;
  header.file_ = file_name_;
  if (!split_line(header)) throw DataError(file_name_, 1, 1, "empty file, expected a header line");
  header_line_ = header.line_;
  header_ = std::move(header.fields_);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].empty()) throw DataError(file_name_, header_line_, i + 1, "empty column name");
    for (std::size_t j = 0; j < i; ++j)
      if (iequals(header_[i], header_[j]))
        throw DataError(file_name_, header_line_, i + 1, "duplicate column name " + quoted(header_[i]));
  }
  field_count_ = header_.size();
}

std::size_t CsvReader::require_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (iequals(header_[i], name)) return i;
  throw DataError(file_name_, header_line_, 1, "wrong header: missing column " + quoted(name));
}

void CsvReader::require_header_prefix(std::initializer_list<std::string_view> names) const {
  std::size_t i = 0;
  for (std::string_view want : names) {
    if (i >= header_.size())
      throw DataError(file_name_, header_line_, i + 1, "wrong header: missing column " + quoted(want));
    if (!iequals(header_[i], want))
      throw DataError(file_name_, header_line_, i + 1,
                      "wrong header: expected " + quoted(want) + ", found " + quoted(header_[i]));
    ++i;
  }
}

bool CsvReader::split_line(CsvRecord& record) {
  if (pos_ >= text_.size()) return false;
  const char* begin = text_.data() + pos_;
  const char* stop = text_.data() + text_.size();
  const char* nl = static_cast<const char*>(std::memchr(begin, '\n', static_cast<std::size_t>(stop - begin)));
  const char* end = nl ? nl : stop;
  pos_ = static_cast<std::size_t>((nl ? nl + 1 : stop) - text_.data());
  if (end > begin && end[-1] == '\r') --end;
  record.line_ = ++line_;
  record.fields_.clear();
  const char* field = begin;
  for (const char* p = begin; p != end; ++p) {
    if (*p == ',') {
      record.fields_.emplace_back(field, static_cast<std::size_t>(p - field));
      field = p + 1;
    } else if (*p == '"') {
      throw DataError(file_name_, line_, record.fields_.size() + 1, "quoted fields are not supported");
    }
  }
  record.fields_.emplace_back(field, static_cast<std::size_t>(end - field));
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  record.file_ = file_name_;
  if (!split_line(record)) return false;
  const std::size_t n = record.fields_.size();
  if (n != field_count_) {
    // Point at the first missing field, or at the first surplus one.
    const std::size_t column = (n < field_count_ ? n : field_count_) + 1;
    throw DataError(file_name_, record.line_, column,
                    "malformed row: expected " + std::to_string(field_count_) + " fields, found " +
                        std::to_string(n));
  }
  ++records_;
  return true;
}

void CsvReader::require_rows() const {
  if (records_ > 0) return;
  if (header_.empty()) throw DataError(file_name_, 1, 1, "empty file, expected at least one line");
  throw DataError(file_name_, header_line_ + 1, 1, "no data rows after the header");
}

}  // namespace alvh
