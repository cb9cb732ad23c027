#include <catch2/catch.hpp>

#include <vector>

#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/ledger.hpp"

using namespace alvh;
using namespace alvh::backtest;
using namespace alvh::venue;
using Catch::Matchers::WithinAbs;

namespace {

const Date kEntry = make_date(2024, 3, 14);
const Date kExpiry = make_date(2024, 3, 15);

// 5400/5425 put spread and 5555/5580 call spread, net mid credit 1.30 (hand-picked mids).
std::vector<LegOrder> condor_order() {
  return {{spxw_option(kExpiry, 5400, OptionType::Put), +1, 0.50},
          {spxw_option(kExpiry, 5425, OptionType::Put), -1, 1.20},
          {spxw_option(kExpiry, 5555, OptionType::Call), -1, 1.00},
          {spxw_option(kExpiry, 5580, OptionType::Call), +1, 0.40}};
}

// Opens one condor and settles every leg at `close`; returns the condor's P&L in $.
double condor_pnl_at(double close) {
  FillModel fills;
  Ledger ledger(100000);
  const auto order = condor_order();
  ledger.apply(kEntry, 945, Book::condor, "IC-1", "condor", "open", fills.fill(order, 1));
  for (const LegOrder& leg : order)
    ledger.settle(kExpiry, 960, "IC-1", fills.settle(leg.instrument, leg.ratio, close));
  const PositionRecord* p = ledger.find("IC-1");
  REQUIRE(p);
  CHECK_FALSE(p->is_open());
  CHECK_THAT(ledger.equity() - 100000, WithinAbs(p->pnl(), 1e-9));
  return p->pnl();
}

}  // namespace

TEST_CASE("a condor fills as one at the net mid less 0.05 per leg, with $1.25 per contract", "[backtest][fill]") {
  FillModel fills;
  const ComboFill f = fills.fill(condor_order(), 2);
  CHECK_THAT(f.net_mid, WithinAbs(-1.30, 1e-12));
  CHECK_THAT(f.net_price, WithinAbs(-1.10, 1e-12));
  CHECK_THAT(f.fees, WithinAbs(8 * 1.25, 1e-12));
  CHECK_THAT(f.cash, WithinAbs(2 * 110.0 - 10.0, 1e-9));
  REQUIRE(f.legs.size() == 4);
  CHECK_THAT(f.legs[1].price, WithinAbs(1.15, 1e-12));  // sold below mid
  CHECK_THAT(f.legs[0].price, WithinAbs(0.55, 1e-12));  // bought above mid
  CHECK(f.legs[1].quantity == -2);
  CHECK_FALSE(f.clamped);
}

TEST_CASE("slippage is 0.10 on SPXW legs priced at 3.00 or more and 0.05 on VIX options", "[backtest][fill]") {
  FillModel fills;
  const Instrument spxw = spxw_option(kExpiry, 5500, OptionType::Put);
  CHECK(fills.slippage(spxw, 2.95) == 0.05);
  CHECK(fills.slippage(spxw, 3.00) == 0.10);
  const Instrument vix = vix_option(make_date(2024, 4, 17), 18, OptionType::Call);
  CHECK(fills.slippage(vix, 5.0) == 0.05);
  const LegOrder buy{vix, +1, 1.00};
  const ComboFill f = fills.fill(std::span(&buy, 1), 10);
  CHECK_THAT(f.net_price, WithinAbs(1.05, 1e-12));
  CHECK_THAT(f.cash, WithinAbs(-10 * 105.0 - 10 * 1.15, 1e-9));
}

TEST_CASE("credit never crosses into a debit when slippage exceeds the credit", "[backtest][fill]") {
  FillModel fills;
  const std::vector<LegOrder> thin{{spxw_option(kExpiry, 5400, OptionType::Put), +1, 0.20},
                                   {spxw_option(kExpiry, 5405, OptionType::Put), -1, 0.28}};
  const ComboFill f = fills.fill(thin, 1);
  CHECK(f.clamped);
  CHECK(f.net_price == 0.0);
  CHECK_THAT(f.cash, WithinAbs(-2 * 1.25, 1e-12));
  CHECK_THAT(f.legs[0].price - f.legs[1].price, WithinAbs(0.0, 1e-12));
}

TEST_CASE("a condor expiring between the short strikes keeps the whole credit less fees", "[backtest][settlement]") {
  // Credit 1.10 x 100 = 110, fees 4 x 1.25 = 5.
  CHECK_THAT(condor_pnl_at(5500.0), WithinAbs(105.0, 1e-9));
}

TEST_CASE("a condor settling exactly at a short strike loses nothing on that side", "[backtest][settlement]") {
  CHECK_THAT(condor_pnl_at(5425.0), WithinAbs(105.0, 1e-9));
  CHECK_THAT(condor_pnl_at(5555.0), WithinAbs(105.0, 1e-9));
  // Five points through the short put: -5 x 100.
  CHECK_THAT(condor_pnl_at(5420.0), WithinAbs(105.0 - 500.0, 1e-9));
}

TEST_CASE("a condor settling through a wing loses the width less the credit, plus fees", "[backtest][settlement]") {
  // (25 - 1.10) x 100 + 5 = 2395 on either side.
  CHECK_THAT(condor_pnl_at(5300.0), WithinAbs(-2395.0, 1e-9));
  CHECK_THAT(condor_pnl_at(5700.0), WithinAbs(-2395.0, 1e-9));
  CHECK_THAT(condor_pnl_at(5400.0), WithinAbs(-2395.0, 1e-9));  // exactly at the long strike
}

TEST_CASE("the ledger splits P&L by book and by ladder layer and marks open positions", "[backtest][ledger]") {
  FillModel fills;
  Ledger ledger(50000);
  const Instrument front = vix_option(make_date(2024, 4, 17), 18, OptionType::Call);
  const Instrument back = vix_option(make_date(2024, 10, 16), 21, OptionType::Call);
  const LegOrder buy_front{front, +1, 1.00}, buy_back{back, +1, 2.30};
  ledger.apply(kEntry, 960, Book::hedge, "H-1", "front", "open", fills.fill(std::span(&buy_front, 1), 4));
  ledger.apply(kEntry, 960, Book::hedge, "H-2", "back", "open", fills.fill(std::span(&buy_back, 1), 2));
  // Marked at the fill price: P&L so far is slippage-free of marks, fees only... plus the slippage paid.
  CHECK_THAT(ledger.book_pnl(Book::hedge), WithinAbs(-6 * 1.15, 1e-9));
  ledger.mark_all([&](const Instrument& i) -> std::optional<double> { return i == front ? 2.00 : 2.30; });
  // front: 4 x (2.00 - 1.05) x 100 - 4.60; back: 2 x (2.30 - 2.35) x 100 - 2.30
  const auto groups = ledger.pnl_by_group(Book::hedge);
  CHECK_THAT(groups.at("front"), WithinAbs(380.0 - 4.6, 1e-9));
  CHECK_THAT(groups.at("back"), WithinAbs(-10.0 - 2.3, 1e-9));
  CHECK_THAT(ledger.equity() - 50000, WithinAbs(380.0 - 4.6 - 10.0 - 2.3, 1e-9));
  CHECK(ledger.book_pnl(Book::condor) == 0.0);
  CHECK_THAT(ledger.book_premium(Book::hedge), WithinAbs(4 * 105 + 4.6 + 2 * 235 + 2.3, 1e-9));
  // Closing half the front cohort realises half its mark.
  const LegOrder sell_front{front, -1, 2.00};
  ledger.apply(kExpiry, 960, Book::hedge, "H-1", "front", "close", fills.fill(std::span(&sell_front, 1), 2));
  const PositionRecord* h1 = ledger.find("H-1");
  REQUIRE(h1);
  CHECK(h1->is_open());
  CHECK(h1->legs.front().quantity == 2);
  CHECK_THAT(h1->mark, WithinAbs(400.0, 1e-9));
  CHECK(ledger.trades().size() == 3);
  CHECK(ledger.open_positions().size() == 2);
}
