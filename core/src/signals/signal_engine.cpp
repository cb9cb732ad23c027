#include "alvh/core/signals/signal_engine.hpp"

#include <set>
#include <stdexcept>
#include <utility>
#include <variant>

#include "alvh/core/signals/advance_decline.hpp"
#include "alvh/core/signals/constant_maturity.hpp"
#include "alvh/core/signals/ema.hpp"
#include "alvh/core/signals/indicator_registry.hpp"
#include "alvh/core/signals/macd.hpp"
#include "alvh/core/signals/panel_series.hpp"
#include "alvh/core/signals/percent_rank.hpp"
#include "alvh/core/signals/rate_of_change.hpp"
#include "alvh/core/signals/rsi.hpp"
#include "alvh/core/signals/sma.hpp"
#include "alvh/core/signals/term_structure.hpp"
#include "alvh/core/signals/zscore.hpp"

namespace alvh {

namespace {

enum class Kind { Sma, Ema, Macd, Rsi, Roc, PctRank, ZScore, Adl, Ratio, Contango, CmVx };

Kind kind_of(std::string_view indicator) {
  static const std::pair<std::string_view, Kind> kKinds[] = {
      {"sma", Kind::Sma},         {"ema", Kind::Ema},           {"macd", Kind::Macd},
      {"rsi", Kind::Rsi},         {"roc", Kind::Roc},           {"pct_rank", Kind::PctRank},
      {"zscore", Kind::ZScore},   {"adl", Kind::Adl},           {"ratio", Kind::Ratio},
      {"contango", Kind::Contango}, {"cm_vx", Kind::CmVx}};
  for (const auto& [name, kind] : kKinds) {
    if (name == indicator) return kind;
  }
  // Unreachable after spec_errors(); a registry entry without an implementation is a bug here.
  throw std::logic_error("signal engine has no implementation for indicator '" + std::string(indicator) + "'");
}

using State = std::variant<std::monostate, Sma, Ema, Macd, Rsi, RateOfChange, PercentRank, ZScore, AdvanceDecline>;

int iparam(const SignalSpec& spec, std::string_view name) { return static_cast<int>(param_or_default(spec, name)); }

Value source_code(CurveSource s) { return static_cast<double>(static_cast<int>(s)); }

}  // namespace

struct SignalEngine::Compiled {
  Kind kind;
  SeriesId a{}, b{};
  std::size_t first_column = 0;
  int tenor = 0;
  bool proxy = true;
  State state;
};

namespace {

State make_state(Kind kind, const SignalSpec& spec) {
  switch (kind) {
    case Kind::Sma: return Sma(iparam(spec, "period"));
    case Kind::Ema: return Ema(iparam(spec, "period"));
    case Kind::Macd: return Macd(iparam(spec, "fast"), iparam(spec, "slow"), iparam(spec, "signal"));
    case Kind::Rsi: return Rsi(iparam(spec, "period"));
    case Kind::Roc: return RateOfChange(iparam(spec, "period"));
    case Kind::PctRank: return PercentRank(iparam(spec, "period"));
    case Kind::ZScore: return ZScore(iparam(spec, "period"));
    case Kind::Adl: return AdvanceDecline(AdlParams{iparam(spec, "ema"), iparam(spec, "fast"), iparam(spec, "slow")});
    case Kind::Ratio:
    case Kind::Contango:
    case Kind::CmVx: return std::monostate{};
  }
  return std::monostate{};
}

}  // namespace

SignalEngine::SignalEngine(std::vector<SignalSpec> specs) : specs_(std::move(specs)) {
  std::string errors;
  std::set<std::string> names;
  for (const auto& spec : specs_) {
    errors += spec_errors(spec);
    if (!names.insert(spec.name).second) errors += "signal '" + spec.name + "': duplicate name\n";
  }
  if (!errors.empty()) throw std::invalid_argument(errors);
  compiled_.reserve(specs_.size());
  for (const auto& spec : specs_) {
    Compiled c{kind_of(spec.indicator), {}, {}, columns_.size(), 0, true, std::monostate{}};
    if (auto pair = split_series_pair(spec.source)) {
      c.a = *series_id(pair->first);
      c.b = *series_id(pair->second);
    } else if (auto id = series_id(spec.source)) {
      c.a = *id;
    }
    c.tenor = iparam(spec, "tenor");
    c.proxy = param_or_default(spec, "proxy") != 0.0;
    c.state = make_state(c.kind, spec);
    for (auto& col : signal_columns(spec)) columns_.push_back(std::move(col));
    compiled_.push_back(std::move(c));
  }
  current_.assign(columns_.size(), std::nullopt);
}

SignalEngine::~SignalEngine() = default;
SignalEngine::SignalEngine(SignalEngine&&) noexcept = default;
SignalEngine& SignalEngine::operator=(SignalEngine&&) noexcept = default;

void SignalEngine::reset() {
  for (std::size_t i = 0; i < compiled_.size(); ++i) compiled_[i].state = make_state(compiled_[i].kind, specs_[i]);
  current_.assign(columns_.size(), std::nullopt);
}

std::span<const Value> SignalEngine::update(const PanelRow& row) {
  for (auto& c : compiled_) {
    Value* out = current_.data() + c.first_column;
    switch (c.kind) {
      case Kind::Sma: out[0] = std::get<Sma>(c.state).update(series_value(row, c.a)); break;
      case Kind::Ema: out[0] = std::get<Ema>(c.state).update(series_value(row, c.a)); break;
      case Kind::Rsi: out[0] = std::get<Rsi>(c.state).update(series_value(row, c.a)); break;
      case Kind::Roc: out[0] = std::get<RateOfChange>(c.state).update(series_value(row, c.a)); break;
      case Kind::PctRank: out[0] = std::get<PercentRank>(c.state).update(series_value(row, c.a)); break;
      case Kind::ZScore: out[0] = std::get<ZScore>(c.state).update(series_value(row, c.a)); break;
      case Kind::Macd: {
        const auto p = std::get<Macd>(c.state).update(series_value(row, c.a));
        out[0] = p ? Value{p->macd} : std::nullopt;
        out[1] = p ? Value{p->signal} : std::nullopt;
        out[2] = p ? Value{p->hist} : std::nullopt;
        break;
      }
      case Kind::Adl: {
        const auto p = std::get<AdvanceDecline>(c.state).update(series_value(row, c.a));
        out[0] = p.line;
        out[1] = p.ema;
        out[2] = p.mcclellan;
        break;
      }
      case Kind::Ratio: out[0] = term_ratio(series_value(row, c.a), series_value(row, c.b)); break;
      case Kind::Contango: out[0] = contango(series_value(row, c.a), series_value(row, c.b)); break;
      case Kind::CmVx: {
        const auto q = constant_maturity_vx(row.vx ? &*row.vx : nullptr, &row.vol, c.tenor, c.proxy);
        out[0] = q.price;
        out[1] = source_code(q.source);
        break;
      }
    }
  }
  return current_;
}

SignalTable SignalEngine::compute(const DailyPanel& panel) const {
  SignalTable table;
  table.dates = panel.dates();
  table.columns = columns_;
  table.values.resize(columns_.size());
  const std::size_t n = panel.rows.size();
  std::vector<Value> a(n), b(n);
  auto load = [&](std::vector<Value>& dst, SeriesId id) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = series_value(panel.rows[i], id);
  };
  for (std::size_t s = 0; s < compiled_.size(); ++s) {
    const Compiled& c = compiled_[s];
    const SignalSpec& spec = specs_[s];
    auto* out = &table.values[c.first_column];
    switch (c.kind) {
      case Kind::Sma: load(a, c.a); out[0] = sma(a, iparam(spec, "period")); break;
      case Kind::Ema: load(a, c.a); out[0] = ema(a, iparam(spec, "period")); break;
      case Kind::Rsi: load(a, c.a); out[0] = rsi(a, iparam(spec, "period")); break;
      case Kind::Roc: load(a, c.a); out[0] = rate_of_change(a, iparam(spec, "period")); break;
      case Kind::PctRank: load(a, c.a); out[0] = percent_rank(a, iparam(spec, "period")); break;
      case Kind::ZScore: load(a, c.a); out[0] = zscore(a, iparam(spec, "period")); break;
      case Kind::Macd: {
        load(a, c.a);
        auto m = macd(a, iparam(spec, "fast"), iparam(spec, "slow"), iparam(spec, "signal"));
        out[0] = std::move(m.macd);
        out[1] = std::move(m.signal);
        out[2] = std::move(m.hist);
        break;
      }
      case Kind::Adl: {
        load(a, c.a);
        auto l = advance_decline(a, AdlParams{iparam(spec, "ema"), iparam(spec, "fast"), iparam(spec, "slow")});
        out[0] = std::move(l.line);
        out[1] = std::move(l.ema);
        out[2] = std::move(l.mcclellan);
        break;
      }
      case Kind::Ratio:
      case Kind::Contango: {
        load(a, c.a);
        load(b, c.b);
        out[0].resize(n);
        for (std::size_t i = 0; i < n; ++i) {
          out[0][i] = c.kind == Kind::Ratio ? term_ratio(a[i], b[i]) : contango(a[i], b[i]);
        }
        break;
      }
      case Kind::CmVx: {
        out[0].resize(n);
        out[1].resize(n);
        for (std::size_t i = 0; i < n; ++i) {
          const PanelRow& row = panel.rows[i];
          const auto q = constant_maturity_vx(row.vx ? &*row.vx : nullptr, &row.vol, c.tenor, c.proxy);
          out[0][i] = q.price;
          out[1][i] = source_code(q.source);
        }
        break;
      }
    }
  }
  return table;
}

}  // namespace alvh
