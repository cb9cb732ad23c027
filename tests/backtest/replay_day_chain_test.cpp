#include <catch2/catch.hpp>

#include <algorithm>

#include "alvh/backtest/replay_engine.hpp"
#include "../support/closed_form_pricer.hpp"
#include "replay_fixture.hpp"

using namespace alvh;
using namespace alvh::backtest;

namespace {

// 2018-02-05 (Volmageddon) as the bundled data has it: SPX 2648.94, VIX 17.31 -> 37.32, VVIX 177.34,
// VX Feb/Mar/Apr 33.225 / 27.975 / 24.725.
DailyPanel volmageddon() {
  const Date d = make_date(2018, 2, 5);
  PanelRow row;
  row.date = d;
  row.spx = {d, 2741.06, 2763.39, 2638.17, 2648.94};
  row.vix = {d, 18.44, 38.80, 16.80, 37.32};
  row.vol.date = d;
  row.vol.close[static_cast<std::size_t>(VolIndex::VIX)] = 37.32;
  row.vol.close[static_cast<std::size_t>(VolIndex::VIX9D)] = 59.34;
  row.vol.close[static_cast<std::size_t>(VolIndex::VVIX)] = 177.34;
  VxCurveRow c;
  c.date = d;
  const Date ex[3] = {make_date(2018, 2, 14), make_date(2018, 3, 21), make_date(2018, 4, 18)};
  const double st[3] = {33.225, 27.975, 24.725};
  for (std::size_t i = 0; i < 3; ++i) {
    c.expiry[i] = ex[i];
    c.settle[i] = st[i];
    c.days_to_expiry[i] = days_between(d, ex[i]);
  }
  row.vx = c;
  DailyPanel panel;
  panel.rows.push_back(row);
  return panel;
}

// The replayed day with its market: the closed-form pricer and a weekday calendar.
struct VolmageddonDay {
  DailyPanel panel = volmageddon();
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar calendar;
  venue::OptionModel model{pricer};
  venue::FillModel fills;
  ReplayMarket market{&panel, &calendar, &pricer, &model, &fills};
  ReplaySettings settings;
  ReplayDay day{market, settings, 0, std::nullopt};
};

const Quote* find(const OptionChainSnapshot& s, const Instrument& i) {
  const auto it = std::find_if(s.quotes.begin(), s.quotes.end(), [&](const Quote& q) { return q.instrument == i; });
  return it == s.quotes.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("on 2018-02-05 a held deep in-the-money VIX call is in the chain and priced", "[backtest][replay][chain]") {
  VolmageddonDay rig;
  ReplayDay& day = rig.day;

  const Date mar = make_date(2018, 3, 21);
  const Instrument held = vix_option(mar, 16, OptionType::Call);
  const ChainRequest request{"VIX", {mar}};
  const ExchangeTime review{make_date(2018, 2, 5), hhmm(15, 50)};
  const Timestamp t = std::chrono::sys_days{make_date(2018, 2, 5)} + std::chrono::hours{21};
  const double forward = 27.975;
  INFO("VX Mar " << forward << ", chain band from " << rig.settings.vix_strike_low * forward);

  // The band alone (0.7 x 27.975 = 19.6 and up) leaves the 16 strike out...
  const auto band = day.chain_snapshot(request, review, t);
  CHECK(find(band, held) == nullptr);
  CHECK_FALSE(band.quotes.empty());

  // ... the chain of a strategy that holds it always has it, quoted around its intrinsic value.
  const auto chain = day.chain_snapshot(request, review, t, std::span<const Instrument>(&held, 1));
  const Quote* q = find(chain, held);
  REQUIRE(q != nullptr);
  CAPTURE(q->bid, q->ask);
  CHECK(q->bid > 0);
  CHECK(q->ask > q->bid);
  CHECK(q->mid() >= forward - 16 - 0.5);
  CHECK(chain.quotes.size() == band.quotes.size() + 1);
  REQUIRE(chain.forward_for(mar));
  CHECK(*chain.forward_for(mar) == Approx(forward));

  // A held instrument of another root is not added to a VIX chain; one already listed is not doubled.
  const Instrument spx = spxw_option(make_date(2018, 2, 6), 2600, OptionType::Put);
  const Instrument listed = band.quotes.front().instrument;
  const std::vector<Instrument> others{spx, listed};
  CHECK(day.chain_snapshot(request, review, t, others).quotes.size() == band.quotes.size());
}

TEST_CASE("a replayed day prices a contract once per time of day and hands every session the same answer", "[backtest][replay][chain]") {
  VolmageddonDay rig;
  ReplayDay& day = rig.day;

  const Instrument call = vix_option(make_date(2018, 3, 21), 30, OptionType::Call);
  const int review = hhmm(15, 50), close = hhmm(16, 0);
  const venue::ModelQuote* first = day.model_quote(call, review);
  REQUIRE(first != nullptr);
  CAPTURE(first->quote.bid, first->quote.ask, first->vol);
  CHECK(day.model_quote(call, review) == first);  // the memo: same object, not priced again
  // The memo answers what the model answers, at each time of day on its own.
  const auto direct = rig.model.quote(call, day.market(), review);
  REQUIRE(direct);
  CHECK(first->quote.mid() == direct->quote.mid());
  CHECK(first->greeks.delta == direct->greeks.delta);
  const venue::ModelQuote* later = day.model_quote(call, close);
  REQUIRE(later != nullptr);
  CHECK(later != first);
  // A contract the model cannot price (it expired before the day) is remembered as unpriced.
  const Instrument orphan = vix_option(make_date(2018, 1, 17), 30, OptionType::Call);
  REQUIRE_FALSE(rig.model.quote(orphan, day.market(), review));
  CHECK(day.model_quote(orphan, review) == nullptr);
  CHECK(day.model_quote(orphan, review) == nullptr);
}

TEST_CASE("sessions asking for the same chain at the same time share one snapshot unless they hold a contract outside it", "[backtest][replay][chain]") {
  VolmageddonDay rig;
  ReplayDay& day = rig.day;

  const Date mar = make_date(2018, 3, 21);
  const ChainRequest request{"VIX", {mar}};
  const ExchangeTime review{make_date(2018, 2, 5), hhmm(15, 50)};
  const Timestamp t = std::chrono::sys_days{make_date(2018, 2, 5)} + std::chrono::hours{21};
  const auto a = day.shared_chain_snapshot(request, review, t);
  const auto b = day.shared_chain_snapshot(request, review, t);
  REQUIRE(a);
  INFO(a->quotes.size() << " quotes in the band");
  CHECK(a == b);
  // Holding a listed contract changes nothing; holding the deep in-the-money 16 call (below the
  // band) gives that session its own copy with the call added, and leaves the shared one alone.
  const Instrument listed = a->quotes.front().instrument;
  CHECK(day.shared_chain_snapshot(request, review, t, std::span<const Instrument>(&listed, 1)) == a);
  const Instrument deep = vix_option(mar, 16, OptionType::Call);
  const auto own = day.shared_chain_snapshot(request, review, t, std::span<const Instrument>(&deep, 1));
  CHECK(own != a);
  CHECK(own->quotes.size() == a->quotes.size() + 1);
  CHECK(find(*own, deep) != nullptr);
  CHECK(find(*a, deep) == nullptr);
  // Another time of day is another snapshot.
  const ExchangeTime close{make_date(2018, 2, 5), hhmm(16, 0)};
  CHECK(day.shared_chain_snapshot(request, close, t) != a);
}
