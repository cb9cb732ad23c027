#include "text_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace alvh::quotes::detail {

namespace {

std::string trim(std::string s) {
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
      static_cast<unsigned char>(s[2]) == 0xBF)
    s.erase(0, 3);
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(trim(field));
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(trim(field));
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw QuoteError(file.string() + ": cannot open");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

void fail(const std::string& file, int line, const std::string& column, const std::string& message) {
  throw QuoteError(file + ":" + std::to_string(line) + ": " + (column.empty() ? "" : column + ": ") + message);
}

double number(const std::string& file, int line, const std::string& column, const std::string& text) {
  double v = 0;
  const char* b = text.data();
  const char* e = b + text.size();
  if (!text.empty() && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (text.empty() || ec != std::errc{} || p != e || !std::isfinite(v))
    fail(file, line, column, "'" + text + "' is not a number");
  return v;
}

std::optional<double> number_or_na(const std::string& file, int line, const std::string& column,
                                   const std::string& text) {
  if (text == "NA" || text.empty()) return std::nullopt;
  return number(file, line, column, text);
}

Date mdy_date(const std::string& file, int line, const std::string& column, const std::string& text) {
  unsigned m = 0, d = 0;
  int y = 0;
  char s1 = 0, s2 = 0;
  if (std::sscanf(text.c_str(), "%u%c%u%c%d", &m, &s1, &d, &s2, &y) == 5 && s1 == '/' && s2 == '/') {
    const Date date = make_date(y, m, d);
    if (date.ok()) return date;
  }
  fail(file, line, column, "'" + text + "' is not a date (mm/dd/yyyy)");
}

Date iso_or_compact_date(const std::string& file, int line, const std::string& column, const std::string& text) {
  if (auto d = parse_iso_date(text)) return *d;
  if (text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const Date d = make_date(std::stoi(text.substr(0, 4)), static_cast<unsigned>(std::stoi(text.substr(4, 2))),
                             static_cast<unsigned>(std::stoi(text.substr(6, 2))));
    if (d.ok()) return d;
  }
  fail(file, line, column, "'" + text + "' is not a date (YYYY-MM-DD or YYYYMMDD)");
}

std::optional<OccSymbol> parse_occ(const std::string& text) {
  std::string s = text;
  if (!s.empty() && s.front() == '^') s.erase(0, 1);
  std::size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0 || s.size() != i + 15) return std::nullopt;
  for (std::size_t k = i; k < s.size(); ++k)
    if (k != i + 6 && !std::isdigit(static_cast<unsigned char>(s[k]))) return std::nullopt;
  const char cp = s[i + 6];
  if (cp != 'C' && cp != 'P') return std::nullopt;
  OccSymbol o;
  o.root = s.substr(0, i);
  o.expiry = make_date(2000 + std::stoi(s.substr(i, 2)), static_cast<unsigned>(std::stoi(s.substr(i + 2, 2))),
                       static_cast<unsigned>(std::stoi(s.substr(i + 4, 2))));
  if (!o.expiry.ok()) return std::nullopt;
  o.right = cp == 'C' ? OptionType::Call : OptionType::Put;
  o.strike = std::stod(s.substr(i + 7)) / 1000.0;
  return o;
}

}  // namespace alvh::quotes::detail
