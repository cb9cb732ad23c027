#include "sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/backtest/risk_metrics.hpp"
#include "alvh/config/replay_settings.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/strategies/alvh_portfolio.hpp"
#include "alvh/strategies/hedge_sizing_mode.hpp"
#include "stress_config.hpp"

namespace alvh::runner {

namespace {

using config::GridOverride;
using config::GridPoint;

bool under(const GridOverride& o, std::string_view section) {
  const std::string& p = o.canonical;
  return p.size() >= section.size() && p.compare(0, section.size(), section) == 0 &&
         (p.size() == section.size() || p[section.size()] == '.' || p[section.size()] == '[');
}
bool strategy_section(const GridOverride& o) { return under(o, "condor") || under(o, "ladder") || under(o, "risk"); }

// The overrides of `p` that `keep` selects, as text: points with equal keys agree on those sections.
template <class F>
std::string key_of(const GridPoint& p, F&& keep) {
  std::string k;
  for (const auto& o : p.overrides)
    if (keep(o)) k += o.canonical + '=' + o.value + '\n';
  return k;
}

// What one variant of a replay is: a point's hedged book or a batch's condors-alone baseline.
struct VariantRef {
  std::size_t point = 0;     // for a baseline: the first point with its condor/risk config
  bool baseline = false;
  std::size_t baseline_id = 0;
};

// The figures kept from a replayed variant (its daily records and trades are dropped at once).
struct VariantFigures {
  backtest::Metrics metrics;
  backtest::RiskFigures risk;
  backtest::RecoverySummary crash_days, windows;
};

struct Batch {
  std::size_t first_point = 0;  // its settings, signals, rules and data range come from this point
  const SignalTable* signals = nullptr;
  std::vector<std::size_t> points;
  std::vector<std::size_t> baseline_of_point;  // parallel to points
  std::vector<std::size_t> baseline_points;    // baseline id -> point providing condor/risk
};

struct WorkItem {
  std::size_t batch = 0;
  bool stress = false;
  std::vector<VariantRef> variants;
  std::size_t days = 0;
};

}  // namespace

report::SweepTable run_sweep(const DailyPanel& panel, const ExchangeCalendar& calendar, const config::SweepGrid& grid,
                             const SweepSettings& settings, const SweepProgress& progress) {
  const auto& points = grid.points;
  if (points.empty()) throw std::invalid_argument("the sweep grid has no points");

  // Signals once per distinct signals section; batches by everything outside the strategy sections.
  std::map<std::string, std::unique_ptr<SignalTable>> signal_tables;
  std::map<std::string, std::size_t> batch_of_key;
  std::vector<Batch> batches;
  std::vector<std::map<std::string, std::size_t>> baseline_keys;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const GridPoint& p = points[i];
    const std::string skey = key_of(p, [](const GridOverride& o) { return under(o, "signals"); });
    auto& table = signal_tables[skey];
    if (!table) table = std::make_unique<SignalTable>(SignalEngine(p.config.signals).compute(panel));
    const std::string bkey = key_of(p, [](const GridOverride& o) { return !strategy_section(o); });
    auto [it, fresh] = batch_of_key.emplace(bkey, batches.size());
    if (fresh) {
      batches.push_back(Batch{i, table.get(), {}, {}, {}});
      baseline_keys.emplace_back();
    }
    Batch& b = batches[it->second];
    const std::string ckey = key_of(p, [](const GridOverride& o) { return under(o, "condor") || under(o, "risk"); });
    auto [c, new_baseline] = baseline_keys[it->second].emplace(ckey, b.baseline_points.size());
    if (new_baseline) b.baseline_points.push_back(i);
    b.points.push_back(i);
    b.baseline_of_point.push_back(c->second);
  }

  // Per batch: the gated replay (baselines first, then every point), and the stress replay of the
  // points when the batch's report asks for it; each cut into chunks of settings.chunk variants.
  const std::size_t chunk = std::max<std::size_t>(1, settings.chunk);
  std::vector<WorkItem> items;
  std::vector<backtest::BacktestSettings> batch_settings;
  std::optional<Date> first_day, last_day;
  for (std::size_t bi = 0; bi < batches.size(); ++bi) {
    const Batch& b = batches[bi];
    backtest::BacktestSettings s = config::backtest_settings(points[b.first_point].config);
    if (settings.from) s.from = settings.from;
    if (settings.to) s.to = settings.to;
    const auto range = backtest::replay_range(panel, s.from, s.to);
    if (!range) throw std::invalid_argument("no replayable day between the sweep's from and to dates");
    if (!first_day || range->from < *first_day) first_day = range->from;
    if (!last_day || *last_day < range->to) last_day = range->to;
    std::size_t days = 0;
    for (std::size_t r = range->first_row; r <= range->last_row; ++r) days += is_replayable(panel.rows[r]) ? 1 : 0;
    batch_settings.push_back(std::move(s));

    auto add_items = [&](bool stress, const std::vector<VariantRef>& refs) {
      for (std::size_t k = 0; k < refs.size(); k += chunk)
        items.push_back(WorkItem{bi, stress,
                                 std::vector<VariantRef>(refs.begin() + static_cast<std::ptrdiff_t>(k),
                                                         refs.begin() + static_cast<std::ptrdiff_t>(std::min(refs.size(), k + chunk))),
                                 days});
    };
    std::vector<VariantRef> gated;
    for (std::size_t c = 0; c < b.baseline_points.size(); ++c) gated.push_back({b.baseline_points[c], true, c});
    for (std::size_t p : b.points) gated.push_back({p, false, 0});
    add_items(false, gated);
    if (points[b.first_point].config.report.stress_without_gates) {
      std::vector<VariantRef> stress;
      for (std::size_t p : b.points) stress.push_back({p, false, 0});
      add_items(true, stress);
    }
  }

  std::size_t total = 0;
  for (const auto& it : items) total += it.days * it.variants.size();
  std::vector<std::vector<VariantFigures>> figures(items.size());
  std::vector<std::exception_ptr> failures(items.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;

  auto run_item = [&](std::size_t k) {
    const WorkItem& item = items[k];
    const Batch& b = batches[item.batch];
    const config::AlvhConfig& batch_cfg = points[b.first_point].config;
    // Each replay owns its pricer and rule book (neither is shared between threads).
    const QuantLibPricer pricer;
    const RuleBook rules = config::build_rule_book(item.stress ? stress_config(batch_cfg) : batch_cfg);
    std::vector<backtest::VariantSpec> specs;
    for (std::size_t v = 0; v < item.variants.size(); ++v) {
      const VariantRef& ref = item.variants[v];
      config::AlvhConfig cfg = item.stress ? stress_config(points[ref.point].config) : points[ref.point].config;
      backtest::VariantSpec spec;
      spec.name = "v" + std::to_string(v);
      if (ref.baseline) {
        // Same portfolio and risk gate, zero hedge units: the only difference is the hedge.
        spec.make_strategy = [condor = cfg.condor, ladder = cfg.ladder, risk = cfg.risk]() mutable {
          ladder.sizing_mode = strategies::HedgeSizingMode::FixedUnits;
          ladder.fixed_units_per_condor = 0;
          return std::make_unique<strategies::AlvhPortfolio>(condor, ladder, risk);
        };
      } else {
        spec.sizing_mode = std::string(strategies::hedge_sizing_mode_name(cfg.ladder.sizing_mode));
        spec.exit_policy = std::string(strategies::ladder_exit_policy_name(cfg.ladder.exit_policy));
        spec.make_strategy = [condor = cfg.condor, ladder = cfg.ladder, risk = cfg.risk] {
          return std::make_unique<strategies::AlvhPortfolio>(condor, ladder, risk);
        };
      }
      specs.push_back(std::move(spec));
    }
    const backtest::BacktestInputs inputs{&panel, b.signals, &rules, &calendar, &pricer};
    std::size_t reported = 0;
    auto on_day = [&](std::size_t d, std::size_t) {
      if (!progress) return;
      std::lock_guard lock(progress_mutex);
      done += (d - reported) * specs.size();
      reported = d;
      progress(done, total);
    };
    backtest::BacktestResult r = backtest::run_backtest(inputs, specs, batch_settings[item.batch], on_day);
    std::vector<VariantFigures> out;
    for (const auto& v : r.variants) {
      VariantFigures f;
      f.metrics = v.metrics;
      f.risk = backtest::risk_figures(v);
      f.crash_days = v.recovery;
      f.windows = v.window_recovery;
      out.push_back(std::move(f));
    }
    figures[k] = std::move(out);
  };
  auto worker = [&] {
    for (std::size_t k = next++; k < items.size(); k = next++) {
      try {
        run_item(k);
      } catch (...) {
        failures[k] = std::current_exception();
      }
    }
  };
  {
    const unsigned threads = std::max(1u, std::min<unsigned>(settings.jobs, static_cast<unsigned>(items.size())));
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);

  // Gather per point: gated figures, stress figures, and the baseline's CAGR for the drag.
  std::vector<const VariantFigures*> gated(points.size(), nullptr), stressed(points.size(), nullptr);
  std::vector<std::vector<const VariantFigures*>> baselines(batches.size());
  for (std::size_t bi = 0; bi < batches.size(); ++bi) baselines[bi].resize(batches[bi].baseline_points.size());
  for (std::size_t k = 0; k < items.size(); ++k)
    for (std::size_t v = 0; v < items[k].variants.size(); ++v) {
      const VariantRef& ref = items[k].variants[v];
      const VariantFigures* f = &figures[k][v];
      if (ref.baseline) baselines[items[k].batch][ref.baseline_id] = f;
      else (items[k].stress ? stressed : gated)[ref.point] = f;
    }

  report::SweepTable table;
  table.from = *first_day;
  table.to = *last_day;
  table.parameters = grid.varying;
  for (std::size_t bi = 0; bi < batches.size(); ++bi) {
    const Batch& b = batches[bi];
    for (std::size_t j = 0; j < b.points.size(); ++j) {
      const std::size_t i = b.points[j];
      const VariantFigures& g = *gated[i];
      const VariantFigures& base = *baselines[bi][b.baseline_of_point[j]];
      report::SweepRow row;
      row.point = i + 1;
      for (const auto& p : table.parameters) row.values.push_back(points[i].value_of(p).value_or(""));
      const auto& ladder = points[i].config.ladder;
      row.variant = "condors+alvh:" + std::string(strategies::hedge_sizing_mode_name(ladder.sizing_mode)) + "/" +
                    std::string(strategies::ladder_exit_policy_name(ladder.exit_policy));
      row.cagr = g.metrics.cagr;
      row.max_drawdown = g.metrics.max_drawdown;
      row.cvar99 = g.metrics.cvar99;
      row.cvar99_pnl = g.risk.cvar99_pnl;
      row.hedge_cost_drag = backtest::hedge_cost_drag(base.metrics.cagr, g.metrics.cagr);
      row.hedge_cost_per_year = g.risk.hedge_cost_per_year;
      row.hedge_premium_per_year = g.risk.hedge_premium_per_year;
      const VariantFigures& rec = stressed[i] ? *stressed[i] : g;
      row.recovery_run = stressed[i] ? "ungated" : "gated";
      row.crash_days = rec.crash_days;
      row.windows = rec.windows;
      table.rows.push_back(std::move(row));
    }
  }
  std::sort(table.rows.begin(), table.rows.end(), [](const auto& a, const auto& b) { return a.point < b.point; });
  return table;
}

}  // namespace alvh::runner
