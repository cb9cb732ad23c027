// `alvh calendar`: SPXW or VIX expirations between two dates, one ISO date a line.
#include "alvh/core/spxw_expirations.hpp"
#include "alvh/core/vix_expirations.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "command.hpp"

namespace alvh::runner {

namespace {
struct CalendarArgs {
  std::string kind, from, to;
};
}  // namespace

Action add_calendar_command(CLI::App& app, Io io) {
  auto args = std::make_shared<CalendarArgs>();
  auto* sub = app.add_subcommand("calendar", "List SPXW or VIX option expirations, one ISO date a line");
  sub->add_option("--expiries", args->kind, "spxw or vix")->required()->check(CLI::IsMember({"spxw", "vix"}));
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD")->required();
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD (inclusive)")->required();
  return [args, io] {
    const Date from = *parse_iso_date(check_iso_date("--from", args->from));
    const Date to = *parse_iso_date(check_iso_date("--to", args->to));
    if (to < from) throw UsageError("--to is before --from");
    NyseCalendar cal;
    const auto dates = args->kind == "spxw" ? spxw_expiries(from, to, cal) : vix_expiries(from, to, cal);
    for (const Date& d : dates) io.out << to_iso(d) << "\n";
    return 0;
  };
}

}  // namespace alvh::runner
