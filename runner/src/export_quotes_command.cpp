// `alvh export-quotes`: the alvh venue's market over a date range, as the replay shows it to a
// strategy, written as CSV files another trading framework can load (the NautilusTrader
// integration, integrations/nautilus; format in docs/nautilus.md). Per replayed day:
//   quotes.csv       every option quote of the chains the replay builds at the times the strategy
//                    looks: SPXW at the index time, the condor entry and the close (expiries from
//                    today to the entry's target expiry); VIX calls at the index time, the ladder
//                    review and the close (every VIX expiry of the next 400 days). bid/ask/greeks
//                    are the model's; fill_buy/fill_sell what the backtest's fill model charges
//                    for one contract (mid -/+ slippage); in_chain 0 marks strikes outside the
//                    chain, quoted for positions a strategy may hold there.
//   chains.csv       forward and underlying of each exported chain
//   days.csv         the day script's inputs: times, 15:40 index levels, daily bars
//   signals.csv      the previous close's signal values, delivered at the open
//   settlements.csv  settlement values of the expiries that settle on each day
//   calendar.csv     the exchange calendar from 10 days before to 600 days after the range
//   export.json      range, initial equity, rate, fees, the config's sizing mode, the VIX lot's
//                    multiplier (1 when the plug-in hedges in fractional contracts)
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/backtest/replay_day_inputs.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/config/replay_settings.hpp"
#include "alvh/core/spxw_expirations.hpp"
#include "alvh/core/vix_expirations.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/option_model.hpp"
#include "command.hpp"
#include "market_inputs.hpp"

namespace alvh::runner {

namespace {

using strategies::HedgeSizingMode;

struct ExportArgs {
  std::string config, out;
  std::optional<std::string> from, to, data;
  bool quiet = false;
};

int yyyymmdd(Date d) {
  return static_cast<int>(d.year()) * 10000 + static_cast<int>(static_cast<unsigned>(d.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(d.day()));
}

std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}
std::string num(const std::optional<double>& v) { return v && std::isfinite(*v) ? num(*v) : std::string(); }

std::string sizing_name(HedgeSizingMode m) { return std::string(hedge_sizing_mode_name(m)); }

std::ofstream open_out(const std::filesystem::path& p) {
  std::ofstream f(p);
  if (!f) throw std::runtime_error("cannot write " + p.string());
  return f;
}

std::string bar_cells(const OhlcBar& b) {
  return num(b.open) + "," + num(b.high) + "," + num(b.low) + "," + num(b.close);
}

int run_export(const ExportArgs& a, Io io) {
  MarketInputs in = load_market_inputs(a.config, a.data);
  backtest::BacktestSettings settings = config::backtest_settings(in.config);
  if (a.from) settings.from = *parse_iso_date(check_iso_date("--from", *a.from));
  if (a.to) settings.to = *parse_iso_date(check_iso_date("--to", *a.to));
  if (settings.from && settings.to && *settings.to < *settings.from) throw UsageError("--to is before --from");
  const auto range = backtest::replay_range(in.panel, settings.from, settings.to);
  if (!range) throw std::runtime_error("no replayable day in the requested range");

  const NyseCalendar calendar;
  const QuantLibPricer pricer;
  const venue::OptionModel model(pricer, settings.model);
  const venue::FillModel fills(settings.fills);
  const backtest::ReplayMarket market{&in.panel, &calendar, &pricer, &model, &fills};
  backtest::ReplayDayInputs day_inputs(in.panel, &in.signals, nullptr, settings.replay.open_minutes);

  const std::filesystem::path out(a.out);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) throw std::runtime_error("cannot create " + out.string() + ": " + ec.message());
  auto quotes = open_out(out / "quotes.csv");
  auto chains = open_out(out / "chains.csv");
  auto days = open_out(out / "days.csv");
  auto signals = open_out(out / "signals.csv");
  auto settlements = open_out(out / "settlements.csv");
  quotes << "date,minutes,root,expiry,strike,right,bid,ask,iv,delta,vega,fill_buy,fill_sell,in_chain\n";
  chains << "date,minutes,root,expiry,forward,underlying\n";
  days << "date,open_minutes,index_minutes,close_minutes,spx,vix,vix1d,vix9d,vix3m,vvix,vx_front,"
          "spx_open,spx_high,spx_low,spx_close,vix_open,vix_high,vix_low,vix_close\n";
  signals << "date,column,value\n";
  settlements << "date,minutes,root,expiry,value\n";

  const auto& condor = in.config.condor;
  const auto& ladder = in.config.ladder;
  std::vector<std::size_t> rows;
  for (std::size_t r = range->first_row; r <= range->last_row; ++r)
    if (is_replayable(in.panel.rows[r])) rows.push_back(r);

  std::size_t quote_count = 0;
  std::optional<Date> previous;
  for (std::size_t n = 0; n < rows.size(); ++n) {
    backtest::ReplayDay day(market, settings.replay, rows[n], day_inputs.signals_for(rows[n]));
    const Date today = day.market().date;
    const int d = yyyymmdd(today);
    const int close = day.close_minutes(), index = day.index_minutes();
    const int entry = std::min(condor.entry_minutes, close - condor.early_close_lead_minutes);
    const int review = std::min(ladder.review_minutes, close - 5);

    // The condor's target expiry (as IronCondorStrategy picks it), else the farthest it may use.
    std::optional<Date> target = spxw_expiry_next_trading_day(today, calendar).expiry;
    if (!target) target = nearest_spxw_expiry_within(today, condor.nearest_within_trading_days, calendar);
    const std::vector<Date> spxw = target ? spxw_expiries(today, *target, calendar) : std::vector<Date>{};
    const std::vector<Date> vix = vix_expiries(today, add_days(today, 400), calendar);

    auto write_quote = [&](const Quote& q, int minutes, bool in_chain) {
      const double mid = q.mid();
      const double slip = fills.slippage(q.instrument, mid);
      quotes << d << ',' << minutes << ',' << q.instrument.root << ',' << yyyymmdd(q.instrument.expiry) << ','
             << num(q.instrument.strike) << ',' << (q.instrument.right == OptionType::Call ? 'C' : 'P') << ','
             << num(q.bid) << ',' << num(q.ask) << ',' << num(q.iv) << ',' << num(q.delta) << ',' << num(q.vega)
             << ',' << num(mid + slip) << ',' << num(std::max(mid - slip, 0.0)) << ',' << (in_chain ? 1 : 0) << '\n';
      ++quote_count;
    };
    auto export_chain = [&](const std::string& root, const std::vector<Date>& expiries, int minutes) {
      if (expiries.empty()) return;
      const auto snap = day.chain_snapshot({root, expiries}, {today, minutes}, venue::replay_timestamp(today, minutes));
      for (const Date e : expiries) {
        const auto f = snap.forward_for(e);
        chains << d << ',' << minutes << ',' << root << ',' << yyyymmdd(e) << ',' << num(f) << ','
               << num(snap.underlying) << '\n';
      }
      std::set<std::tuple<int, double, int>> listed;
      for (const Quote& q : snap.quotes) {
        write_quote(q, minutes, true);
        listed.insert({yyyymmdd(q.instrument.expiry), q.instrument.strike, static_cast<int>(q.instrument.right)});
      }
      // Strikes outside the chain's band, which the replay adds to a strategy's chain when it holds
      // them and quotes for its held positions (in_chain 0): SPXW in-the-money strikes across the
      // band, VIX calls from 0.3 x F to 4 x F on the listed grid.
      auto extra = [&](const Instrument& inst) {
        if (listed.count({yyyymmdd(inst.expiry), inst.strike, static_cast<int>(inst.right)})) return;
        if (auto q = model.quote(inst, day.market(), minutes)) write_quote(q->quote, minutes, false);
      };
      for (const Date e : expiries) {
        if (root == "SPXW") {
          double lo = 0, hi = 0;
          for (const Quote& q : snap.quotes)
            if (q.instrument.expiry == e) {
              lo = lo == 0 ? q.instrument.strike : std::min(lo, q.instrument.strike);
              hi = std::max(hi, q.instrument.strike);
            }
          for (double k = lo; lo > 0 && k <= hi; k += settings.replay.spxw_strike_step)
            for (OptionType r : {OptionType::Put, OptionType::Call}) extra(spxw_option(e, k, r));
        } else if (const auto f = snap.forward_for(e); f && *f > 0) {
          for (long half = static_cast<long>(std::ceil(std::max(0.3 * *f, 0.5) * 2)); half <= static_cast<long>(4 * *f * 2);
               ++half) {
            const double k = static_cast<double>(half) / 2.0;
            if (k >= settings.replay.vix_grid_switch && half % 2 != 0) continue;
            extra(vix_option(e, k, OptionType::Call));
          }
        }
      }
    };
    std::set<int> spxw_times{index, entry, close}, vix_times{index, review, close};
    for (int m : spxw_times) export_chain("SPXW", spxw, m);
    for (int m : vix_times) export_chain("VIX", vix, m);

    // Expiries that settle today: those after the previous replayed day up to today (an expiry on
    // a day without data settles on the next replayed day, as in the replay).
    const Date after = previous ? add_days(*previous, 1) : today;
    for (const Date e : vix_expiries(after, today, calendar))
      if (auto v = model.settlement(vix_option(e, 0, OptionType::Call), day.market()))
        settlements << d << ',' << settings.replay.open_minutes << ",VIX," << yyyymmdd(e) << ',' << num(v->value) << '\n';
    for (const Date e : spxw_expiries(after, today, calendar))
      if (auto v = model.settlement(spxw_option(e, 0, OptionType::Call), day.market()))
        settlements << d << ',' << close << ",SPXW," << yyyymmdd(e) << ',' << num(v->value) << '\n';
    previous = today;

    const IndexValues iv = day.index_values();
    days << d << ',' << settings.replay.open_minutes << ',' << index << ',' << close << ',' << num(iv.spx) << ','
         << num(iv.vix) << ',' << num(iv.vix1d) << ',' << num(iv.vix9d) << ',' << num(iv.vix3m) << ','
         << num(iv.vvix) << ',' << num(iv.vx_front) << ',' << bar_cells(day.row().spx) << ','
         << bar_cells(day.row().vix) << '\n';
    if (day.signals()) {
      std::map<std::string, Value> sorted(day.signals()->values.begin(), day.signals()->values.end());
      for (const auto& [column, value] : sorted) signals << d << ',' << column << ',' << num(value) << '\n';
    }
    if (!a.quiet && ((n + 1) % 20 == 0 || n + 1 == rows.size()))
      io.err << "\rexporting " << (n + 1) << "/" << rows.size() << " days, " << quote_count << " quotes" << std::flush;
  }
  if (!a.quiet) io.err << "\n";

  auto cal = open_out(out / "calendar.csv");
  cal << "date,trading,close_minutes\n";
  for (Date c = add_days(range->from, -10); c <= add_days(range->to, 600); c = add_days(c, 1))
    cal << yyyymmdd(c) << ',' << (calendar.is_trading_day(c) ? 1 : 0) << ','
        << (calendar.is_trading_day(c) ? calendar.close_minutes(c) : 0) << '\n';

  const std::string mode = sizing_name(ladder.sizing_mode);
  auto meta = open_out(out / "export.json");
  meta << "{\n  \"format\": 1,\n  \"from\": \"" << to_iso(range->from) << "\",\n  \"to\": \"" << to_iso(range->to)
       << "\",\n  \"days\": " << rows.size() << ",\n  \"quotes\": " << quote_count
       << ",\n  \"initial_equity\": " << num(settings.replay.initial_equity)
       << ",\n  \"risk_free_rate\": " << num(settings.model.spxw.rate) << ",\n  \"fees\": {\"SPXW\": "
       << num(settings.fills.spxw_fee) << ", \"VIX\": " << num(settings.fills.vix_fee)
       << "},\n  \"sizing_mode\": \"" << mode << "\",\n  \"backtest_variant\": \"condors+alvh:" << mode << "\""
       // The plug-in hedges in 1/100 VIX contracts (multiplier 1) when the ladder is fractional and
       // the config is a backtest's (plugin_instance.cpp); the venue must list such lots.
       << ",\n  \"vix_option_multiplier\": "
       << (ladder.fractional && in.config.execution.mode == config::ExecutionMode::Backtest ? 1 : 100) << "\n}\n";
  io.out << "alvh export-quotes " << to_iso(range->from) << " .. " << to_iso(range->to) << ": " << rows.size()
         << " days, " << quote_count << " quotes -> " << out.string() << "\n";
  return 0;
}

}  // namespace

Action add_export_quotes_command(CLI::App& app, Io io) {
  auto args = std::make_shared<ExportArgs>();
  auto* sub = app.add_subcommand(
      "export-quotes", "Write the replay's option chains, day inputs and calendar as CSV (for the NautilusTrader integration)");
  sub->add_option("--config", args->config, "YAML config")->required();
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD (default: data.from, else the first VX day)");
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD (default: data.to, else the last SPX/VIX day)");
  sub->add_option("--out", args->out, "output directory (quotes.csv, chains.csv, days.csv, ... see docs/nautilus.md)")
      ->required();
  sub->add_option("--data", args->data, "data directory (default: data.dir of the config)");
  sub->add_flag("--quiet", args->quiet, "no progress");
  return [args, io] { return run_export(*args, io); };
}

}  // namespace alvh::runner
