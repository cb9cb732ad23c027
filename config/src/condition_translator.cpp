#include "condition_translator.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <utility>

namespace alvh::config::detail {
namespace {

enum class TokKind { Ident, Number, Op, LParen, RParen, Comma, And, Or, Not };

struct Token {
  TokKind kind;
  std::string text;
  std::size_t offset;
};

constexpr std::array<std::string_view, 13> kFunctions = {"abs", "min", "max", "sqrt", "ln",  "log", "log2",
                                                         "log10", "exp", "sign", "rint", "sum", "avg"};
constexpr std::array<std::string_view, 6> kKeywords = {"and", "or", "not", "prev", "crosses_above", "crosses_below"};

bool is_function(std::string_view s) { return std::find(kFunctions.begin(), kFunctions.end(), s) != kFunctions.end(); }
bool is_comparison(std::string_view op) {
  return op == "<" || op == ">" || op == "<=" || op == ">=" || op == "==" || op == "!=";
}
bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

struct Builder {
  std::string text;
  std::vector<std::size_t> origin;
  void add(std::string_view s, std::size_t from) {
    text += s;
    origin.insert(origin.end(), s.size(), from);
  }
  void append(const Builder& b) {
    text += b.text;
    origin.insert(origin.end(), b.origin.begin(), b.origin.end());
  }
};

struct Emitted {
  std::set<std::size_t> open_vars;  // inputs whose missingness an enclosing clause must handle
  std::set<std::size_t> all_vars;
};

class Translator {
 public:
  Translator(std::string_view source, const std::set<std::string>& columns) : src_(source), columns_(columns) {}

  TranslatedCondition run() {
    tokenize();
    if (out_.errors.empty()) match_parens();
    if (!out_.errors.empty()) return std::move(out_);
    Builder b;
    emit_expr(0, toks_.size(), b, false, true, true);
    out_.mu_text = std::move(b.text);
    out_.origin = std::move(b.origin);
    return std::move(out_);
  }

 private:
  void error(std::size_t offset, std::string message) { out_.errors.push_back({offset, std::move(message)}); }
  static constexpr int kMaxNesting = 64;
  int depth_ = 0;

  std::size_t offset_of(std::size_t tok) const { return tok < toks_.size() ? toks_[tok].offset : src_.size(); }
  std::size_t end_of(std::size_t tok) const { return toks_[tok].offset + toks_[tok].text.size(); }

  void tokenize() {
    std::size_t i = 0;
    while (i < src_.size()) {
      const char c = src_[i];
      if (std::isspace(static_cast<unsigned char>(c)) != 0) { ++i; continue; }
      const std::size_t start = i;
      if (ident_start(c)) {
        while (i < src_.size() && ident_char(src_[i])) ++i;
        std::string word(src_.substr(start, i - start));
        TokKind k = TokKind::Ident;
        if (word == "and") k = TokKind::And;
        else if (word == "or") k = TokKind::Or;
        else if (word == "not") k = TokKind::Not;
        toks_.push_back({k, std::move(word), start});
        continue;
      }
      if (digit(c) || (c == '.' && i + 1 < src_.size() && digit(src_[i + 1]))) {
        while (i < src_.size() && digit(src_[i])) ++i;
        if (i < src_.size() && src_[i] == '.') { ++i; while (i < src_.size() && digit(src_[i])) ++i; }
        if (i < src_.size() && (src_[i] == 'e' || src_[i] == 'E')) {
          std::size_t j = i + 1;
          if (j < src_.size() && (src_[j] == '+' || src_[j] == '-')) ++j;
          if (j < src_.size() && digit(src_[j])) { i = j; while (i < src_.size() && digit(src_[i])) ++i; }
        }
        if (i < src_.size() && ident_start(src_[i])) {
          error(start, "malformed number '" + std::string(src_.substr(start, i + 1 - start)) + "'");
          return;
        }
        toks_.push_back({TokKind::Number, std::string(src_.substr(start, i - start)), start});
        continue;
      }
      const std::string_view two = src_.substr(i, 2);
      if (two == "&&") { toks_.push_back({TokKind::And, "&&", start}); i += 2; continue; }
      if (two == "||") { toks_.push_back({TokKind::Or, "||", start}); i += 2; continue; }
      if (two == "<=" || two == ">=" || two == "==" || two == "!=") {
        toks_.push_back({TokKind::Op, std::string(two), start});
        i += 2;
        continue;
      }
      switch (c) {
        case '!': toks_.push_back({TokKind::Not, "!", start}); break;
        case '(': toks_.push_back({TokKind::LParen, "(", start}); break;
        case ')': toks_.push_back({TokKind::RParen, ")", start}); break;
        case ',': toks_.push_back({TokKind::Comma, ",", start}); break;
        case '<': case '>': case '+': case '-': case '*': case '/': case '^': case '?': case ':':
          toks_.push_back({TokKind::Op, std::string(1, c), start});
          break;
        case '=':
          error(start, "unexpected '=': use '==' to compare");
          return;
        default:
          error(start, std::string("unexpected character '") + c + "'");
          return;
      }
      ++i;
    }
  }

  void match_parens() {
    match_.assign(toks_.size(), 0);
    std::vector<std::size_t> stack;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].kind == TokKind::LParen) {
        stack.push_back(i);
      } else if (toks_[i].kind == TokKind::RParen) {
        if (stack.empty()) { error(toks_[i].offset, "unbalanced ')'"); return; }
        match_[stack.back()] = i;
        match_[i] = stack.back();
        stack.pop_back();
      }
    }
    if (!stack.empty()) error(toks_[stack.back()].offset, "missing ')' for this '('");
  }

  // Top-level pieces of [b, e) separated by tokens of kind `sep` (parentheses are skipped).
  std::vector<std::pair<std::size_t, std::size_t>> split(std::size_t b, std::size_t e, TokKind sep) const {
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t start = b;
    for (std::size_t i = b; i < e; ++i) {
      if (toks_[i].kind == TokKind::LParen) { i = match_[i]; continue; }
      if (toks_[i].kind == sep) { parts.emplace_back(start, i); start = i + 1; }
    }
    parts.emplace_back(start, e);
    return parts;
  }

  std::string source_text(std::size_t b, std::size_t e) const {
    if (b >= e) return {};
    return std::string(src_.substr(toks_[b].offset, end_of(e - 1) - toks_[b].offset));
  }

  std::size_t new_clause(Clause::Kind kind) {
    out_.clauses.push_back(Clause{});
    out_.clauses.back().kind = kind;
    return out_.clauses.size() - 1;
  }

  std::size_t var_index(const std::string& column, bool previous) {
    for (std::size_t i = 0; i < out_.vars.size(); ++i) {
      if (out_.vars[i].column == column && out_.vars[i].previous == previous) return i;
    }
    out_.vars.push_back({column, previous, previous ? "prev__" + column : column});
    return out_.vars.size() - 1;
  }

  // structural: part of the and/or/not skeleton reachable from the root (explained in reasons).
  // boolean: the result is used as a truth value (operand of and/or/not, or the whole condition).
  Emitted emit_expr(std::size_t b, std::size_t e, Builder& out, bool prev, bool structural, bool boolean) {
    // Nesting is translated recursively; a cap keeps hostile input (thousands of '(' or 'not')
    // from exhausting the stack (found by tests/fuzz).
    struct DepthGuard {
      int& depth;
      explicit DepthGuard(int& d) : depth(++d) {}
      ~DepthGuard() { --depth; }
    } guard(depth_);
    if (depth_ > kMaxNesting) {
      error(offset_of(b), "expression nested deeper than " + std::to_string(kMaxNesting) + " levels");
      return {};
    }
    if (b >= e) {
      error(offset_of(b), "expected an expression");
      return {};
    }
    const auto ors = split(b, e, TokKind::Or);
    if (ors.size() > 1) return emit_junction(ors, Clause::Kind::Or, "||", b, e, out, prev, structural);
    const auto ands = split(b, e, TokKind::And);
    if (ands.size() > 1) return emit_junction(ands, Clause::Kind::And, "&&", b, e, out, prev, structural);
    if (toks_[b].kind == TokKind::Not) {
      const std::size_t c = structural ? new_clause(Clause::Kind::Not) : 0;
      const std::size_t start = out.text.size();
      out.add("((", toks_[b].offset);
      if (structural) out_.clauses[c].children.push_back(out_.clauses.size());
      Emitted r = emit_expr(b + 1, e, out, prev, structural, true);
      out.add(")==0)", offset_of(e - 1));
      if (structural) {
        out_.clauses[c].mu_text = out.text.substr(start);
        out_.clauses[c].source_text = source_text(b, e);
      }
      return {{}, r.all_vars};
    }
    return emit_leaf(b, e, out, prev, structural, boolean);
  }

  Emitted emit_junction(const std::vector<std::pair<std::size_t, std::size_t>>& parts, Clause::Kind kind,
                        std::string_view op, std::size_t b, std::size_t e, Builder& out, bool prev,
                        bool structural) {
    const std::size_t c = structural ? new_clause(kind) : 0;
    const std::size_t start = out.text.size();
    Emitted result;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) out.add(op, toks_[parts[k].first - 1].offset);
      out.add("(", offset_of(parts[k].first));
      if (structural) out_.clauses[c].children.push_back(out_.clauses.size());
      Emitted r = emit_expr(parts[k].first, parts[k].second, out, prev, structural, true);
      result.all_vars.insert(r.all_vars.begin(), r.all_vars.end());
      out.add(")", parts[k].second > parts[k].first ? offset_of(parts[k].second - 1) : offset_of(parts[k].first));
    }
    if (structural) {
      out_.clauses[c].mu_text = out.text.substr(start);
      out_.clauses[c].source_text = source_text(b, e);
    }
    return result;
  }

  void unknown_column(const Token& t) {
    std::vector<std::string> fields;
    for (const auto& col : columns_) {
      if (col.size() > t.text.size() && col.compare(0, t.text.size(), t.text) == 0 && col[t.text.size()] == '.') {
        fields.push_back(col);
      }
    }
    if (!fields.empty()) {
      std::string list;
      for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
      error(t.offset, "signal '" + t.text + "' has several columns; use one of " + list);
      return;
    }
    if (const auto dot = t.text.find('.'); dot != std::string::npos) {
      const std::string signal = t.text.substr(0, dot);
      std::string list;
      for (const auto& col : columns_) {
        if (col.compare(0, dot + 1, signal + ".") == 0) list += (list.empty() ? "" : ", ") + col;
      }
      if (!list.empty()) {
        error(t.offset, "signal '" + signal + "' has no column '" + t.text.substr(dot + 1) + "'; its columns are " + list);
        return;
      }
    }
    std::string best;
    std::size_t best_d = 3;  // suggest only close matches
    for (const auto& col : columns_) {
      const std::size_t d = edit_distance(t.text, col);
      if (d < best_d) { best_d = d; best = col; }
    }
    if (!best.empty()) error(t.offset, "unknown signal column '" + t.text + "' (did you mean '" + best + "'?)");
    else error(t.offset, "unknown signal column '" + t.text + "'; define it under signals");
  }

  Emitted emit_leaf(std::size_t b, std::size_t e, Builder& out, bool prev, bool structural, bool boolean) {
    Builder sub;
    Emitted r;
    auto merge = [&r](const Emitted& x) {
      r.open_vars.insert(x.open_vars.begin(), x.open_vars.end());
      r.all_vars.insert(x.all_vars.begin(), x.all_vars.end());
    };
    std::size_t comparisons = 0, cmp_tok = 0, cmp_pos = 0, items = 0;
    bool crossing_call = false;
    std::size_t i = b;
    while (i < e) {
      const Token& t = toks_[i];
      ++items;
      switch (t.kind) {
        case TokKind::Not:
          error(t.offset, "'not' must start a clause; write it as not (...)");
          ++i;
          break;
        case TokKind::Comma:
          error(t.offset, "unexpected ','");
          ++i;
          break;
        case TokKind::LParen: {
          const std::size_t close = match_[i];
          sub.add("(", t.offset);
          merge(emit_expr(i + 1, close, sub, prev, false, false));
          sub.add(")", toks_[close].offset);
          i = close + 1;
          break;
        }
        case TokKind::Ident:
          if (i + 1 < e && toks_[i + 1].kind == TokKind::LParen) {
            const std::size_t close = match_[i + 1];
            crossing_call = emit_call(i, close, sub, prev, merge);
            i = close + 1;
          } else {
            if (std::find(kKeywords.begin(), kKeywords.end(), t.text) != kKeywords.end() || is_function(t.text)) {
              error(t.offset, "'" + t.text + "' is a function; call it with parentheses");
            } else if (columns_.count(t.text) == 0) {
              unknown_column(t);
            } else {
              const std::size_t v = var_index(t.text, prev);
              sub.add(out_.vars[v].mu_name + " ", t.offset);
              r.open_vars.insert(v);
              r.all_vars.insert(v);
            }
            ++i;
          }
          break;
        case TokKind::Op:
          if (is_comparison(t.text)) {
            ++comparisons;
            cmp_tok = i;
            cmp_pos = sub.text.size();
          }
          sub.add(t.text + " ", t.offset);
          ++i;
          break;
        default:  // numbers; ')' and and/or cannot occur at this level
          sub.add(t.text + " ", t.offset);
          ++i;
          break;
      }
    }
    const bool flagged = boolean || comparisons > 0 || (items == 1 && crossing_call);
    const std::size_t start = out.text.size();
    if (flagged) {
      const std::string flag = "__m" + std::to_string(out_.flags.size());
      out_.flags.push_back({flag, std::vector<std::size_t>(r.open_vars.begin(), r.open_vars.end())});
      out.add("(" + flag + "?0:(", toks_[b].offset);
      out.append(sub);
      out.add("))", offset_of(e - 1));
      r.open_vars.clear();
    } else {
      out.append(sub);
    }
    if (structural) {
      const std::size_t c = new_clause(Clause::Kind::Leaf);
      Clause& cl = out_.clauses[c];
      cl.mu_text = out.text.substr(start);
      cl.source_text = source_text(b, e);
      cl.vars.assign(r.all_vars.begin(), r.all_vars.end());
      const bool simple_lhs = cmp_tok == b + 1 && (toks_[b].kind == TokKind::Ident || toks_[b].kind == TokKind::Number);
      if (comparisons == 1 && !simple_lhs) cl.lhs_mu_text = sub.text.substr(0, cmp_pos);
    }
    return r;
  }

  // Emits a call; returns true for crosses_above/crosses_below.
  template <class Merge>
  bool emit_call(std::size_t name_tok, std::size_t close, Builder& sub, bool prev, Merge&& merge) {
    const Token& t = toks_[name_tok];
    const std::size_t open = name_tok + 1;
    std::vector<std::pair<std::size_t, std::size_t>> args;
    if (close > open + 1) args = split(open + 1, close, TokKind::Comma);
    const bool crossing = t.text == "crosses_above" || t.text == "crosses_below";
    if (t.text == "prev") {
      if (args.size() != 1) { error(t.offset, "prev() takes exactly one argument"); return false; }
      if (prev) { error(t.offset, "prev() cannot be nested: only the previous day is kept"); return false; }
      sub.add("(", t.offset);
      merge(emit_expr(args[0].first, args[0].second, sub, true, false, false));
      sub.add(")", toks_[close].offset);
      return false;
    }
    if (crossing) {
      if (args.size() != 2) { error(t.offset, t.text + "() takes exactly two arguments"); return false; }
      if (prev) { error(t.offset, t.text + "() cannot be used inside prev()"); return false; }
      const bool above = t.text == "crosses_above";
      // crosses_above(a, b): a > b today and a <= b the previous day.
      sub.add("(((", t.offset);
      merge(emit_expr(args[0].first, args[0].second, sub, false, false, false));
      sub.add(above ? ")>(" : ")<(", t.offset);
      merge(emit_expr(args[1].first, args[1].second, sub, false, false, false));
      sub.add("))&&((", t.offset);
      merge(emit_expr(args[0].first, args[0].second, sub, true, false, false));
      sub.add(above ? ")<=(" : ")>=(", t.offset);
      merge(emit_expr(args[1].first, args[1].second, sub, true, false, false));
      sub.add(")))", toks_[close].offset);
      return true;
    }
    if (!is_function(t.text)) {
      std::string known = "prev, crosses_above, crosses_below";
      for (auto f : kFunctions) known += ", " + std::string(f);
      error(t.offset, "unknown function '" + t.text + "' (known: " + known + ")");
      return false;
    }
    sub.add(t.text + "(", t.offset);
    for (std::size_t k = 0; k < args.size(); ++k) {
      if (k > 0) sub.add(",", toks_[args[k].first - 1].offset);
      merge(emit_expr(args[k].first, args[k].second, sub, prev, false, false));
    }
    sub.add(")", toks_[close].offset);
    return false;
  }

  std::string_view src_;
  const std::set<std::string>& columns_;
  std::vector<Token> toks_;
  std::vector<std::size_t> match_;
  TranslatedCondition out_;
};

}  // namespace

TranslatedCondition translate_condition(std::string_view source, const std::set<std::string>& columns) {
  return Translator(source, columns).run();
}

}  // namespace alvh::config::detail

namespace alvh::config {

bool is_reserved_condition_word(std::string_view word) {
  return std::find(detail::kKeywords.begin(), detail::kKeywords.end(), word) != detail::kKeywords.end() ||
         detail::is_function(word);
}

}  // namespace alvh::config
