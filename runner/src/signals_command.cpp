// `alvh signals`: the rules' dry run. One row per trading day: every signal column and the rules
// that fired, with the clause that made them fire.
#include <cstdio>

#include "alvh/config/rule_book_factory.hpp"
#include "alvh/core/rule_book.hpp"
#include "alvh/report/number_format.hpp"
#include "command.hpp"
#include "market_inputs.hpp"

namespace alvh::runner {

namespace {

struct SignalsArgs {
  std::string config, from, to;
  std::optional<std::string> data;
  bool csv = false;
};

std::string num(const Value& v) {
  if (!v) return "NA";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", *v);
  return buf;
}

std::string csv_quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

int run_signals(const SignalsArgs& a, Io io) {
  const Date from = *parse_iso_date(check_iso_date("--from", a.from));
  const Date to = *parse_iso_date(check_iso_date("--to", a.to));
  if (to < from) throw UsageError("--to is before --from");
  MarketInputs in = load_market_inputs(a.config, a.data);
  RuleBook book = config::build_rule_book(in.config);
  const SignalTable& t = in.signals;

  if (a.csv) {
    io.out << "date";
    for (const auto& c : t.columns) io.out << "," << c;
    io.out << ",fired\n";
  } else {
    io.out << "date      ";
    for (const auto& c : t.columns) io.out << " " << c;
    io.out << "  | fired rules (reason)\n";
  }
  SignalValues previous;
  std::size_t printed = 0;
  for (std::size_t r = 0; r < t.dates.size(); ++r) {
    SignalValues today = t.row_values(r);
    if (t.dates[r] >= from && t.dates[r] <= to) {
      RuleBookResult res = book.evaluate(today, previous);
      std::string fired;
      for (const auto& f : res.fired) fired += (fired.empty() ? "" : "; ") + f.name + " (" + f.reason + ")";
      for (const auto& e : res.errors) fired += (fired.empty() ? "" : "; ") + e.rule + " ERROR (" + e.message + ")";
      if (a.csv) {
        io.out << to_iso(t.dates[r]);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
          const auto& v = t.values[c][r];
          // Round-trip text, so a value can be recomputed exactly; the table view keeps 4 decimals.
          io.out << "," << (v ? report::format_round_trip(*v) : "");
        }
        io.out << "," << csv_quote(fired) << "\n";
      } else {
        io.out << to_iso(t.dates[r]);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
          std::string cell = num(t.values[c][r]);
          io.out << " " << std::string(cell.size() < t.columns[c].size() ? t.columns[c].size() - cell.size() : 0, ' ') << cell;
        }
        io.out << "  | " << (fired.empty() ? "-" : fired) << "\n";
      }
      ++printed;
    }
    previous = std::move(today);
  }
  if (printed == 0) {
    io.err << "alvh signals: no trading days with data between " << a.from << " and " << a.to << "\n";
    return 1;
  }
  if (!a.csv)
    io.err << "NA = not available that day (e.g. NYSE breadth exists only from 2023-06-21; VX futures from 2007-04-02)\n";
  return 0;
}

}  // namespace

Action add_signals_command(CLI::App& app, Io io) {
  auto args = std::make_shared<SignalsArgs>();
  auto* sub = app.add_subcommand("signals", "Dry run of the rules: signal values and fired rules per trading day");
  sub->add_option("--config", args->config, "YAML config (signals and rules)")->required();
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD")->required();
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD (inclusive)")->required();
  sub->add_option("--data", args->data, "data directory (default: data.dir of the config)");
  sub->add_flag("--csv", args->csv, "comma-separated output (empty cell = not available)");
  return [args, io] { return run_signals(*args, io); };
}

}  // namespace alvh::runner
