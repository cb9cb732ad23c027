"""Three months (conftest.RANGE) of the plug-in inside Nautilus's BacktestEngine against
`alvh backtest` over the same range, for the config's own variant (condors+alvh:<sizing mode>).

Rule 1 (fills="model"): the venue's book is the alvh fill model's prices (bid = mid - slippage,
ask = mid + slippage) and Nautilus fills a marketable order at the touch, so both runs fill at the
same prices: every order leg (day, minute, instrument, signed quantity, price), every settlement
and the equity of every close must be the same.
Rule 2 (fills="quoted"): the book is the model's quoted bid/ask, and Nautilus fills every buy at the
quoted ask and every sell at the quoted bid of the minute the order was sent; settlements at the
intrinsic value.
"""
import collections
import csv
import math

import pytest

from alvh_nautilus.backtest import build_backtest
from alvh_nautilus.instruments import instrument_of_symbol

PRICE_TOLERANCE = 1e-4  # trades.csv prints prices with 4 decimals
EQUITY_TOLERANCE = 0.05  # $: the two ledgers add the same cash flows in a different order


def backtest_symbol(text):
    """'SPXW 2024-06-04 5245P' -> 'SPXW-20240604-P-5245' (the integration's symbol)."""
    root, expiry, strike = text.split(" ")
    return f"{root}-{expiry.replace('-', '')}-{strike[-1]}-{float(strike[:-1]):g}"


def reference(backtest_dir, variant):
    legs, settled = [], collections.Counter()
    for r in csv.DictReader(open(f"{backtest_dir}/trades.csv")):
        if r["variant"] != variant:
            continue
        date = int(r["date"].replace("-", ""))
        if r["action"] == "settle":
            # The ledger books a settlement as the closing quantity; the strategy reports the held one.
            settled[(date, backtest_symbol(r["symbol"]), -int(r["quantity"]))] += 1
            continue
        hh, mm = r["time"].split(":")
        legs.append((date, int(hh) * 60 + int(mm), backtest_symbol(r["symbol"]), int(r["quantity"]), float(r["price"])))
    equity = {int(r["date"].replace("-", "")): float(r["equity"])
              for r in csv.DictReader(open(f"{backtest_dir}/daily.csv")) if r["variant"] == variant}
    return legs, settled, equity


def nautilus_legs(strategy):
    return [(t["date"], t["minutes"], sym, q if side == "buy" else -q, px)
            for t in strategy.trades for sym, side, q, px in t["legs"]]


def match_legs(expected, got):
    """Pairs legs with equal (day, minute, instrument, quantity) and prices within the tolerance."""
    pool = collections.defaultdict(list)
    for leg in got:
        pool[leg[:4]].append(leg[4])
    unmatched = []
    for leg in expected:
        prices = pool.get(leg[:4], [])
        hit = next((p for p in prices if abs(p - leg[4]) <= PRICE_TOLERANCE), None)
        if hit is None:
            unmatched.append(leg)
        else:
            prices.remove(hit)
    extra = [k + (p,) for k, ps in pool.items() for p in ps]
    return unmatched, extra


@pytest.fixture(scope="module")
def model_run(export_dir, plugin_path, config_path):
    bt = build_backtest(export_dir, plugin_path, config_path, fills="model")
    bt.run()
    return bt


def test_same_fills_book_the_same_trades_settlements_and_equity_as_alvh_backtest(model_run, backtest_dir):
    s = model_run.strategy
    variant = model_run.market.meta["backtest_variant"]
    legs, settled, equity = reference(backtest_dir, variant)
    got = nautilus_legs(s)
    print(f"{variant}: alvh backtest {len(legs)} legs, {sum(settled.values())} settlements; "
          f"Nautilus {len(got)} legs in {len(s.trades)} orders, {len(s.settlements)} settlements")
    assert s.failures == [] and s.rejections == []
    assert len(legs) > 100  # condors and hedges both traded
    unmatched, extra = match_legs(legs, got)
    assert unmatched == [], f"in alvh backtest only: {unmatched[:5]}"
    assert extra == [], f"in Nautilus only: {extra[:5]}"
    got_settled = collections.Counter((x["date"], x["symbol"], x["quantity"]) for x in s.settlements)
    assert got_settled == settled
    assert [d for d, _ in s.daily] == sorted(equity)
    worst = max(abs(e - equity[d]) for d, e in s.daily)
    print(f"largest daily equity difference {worst:.4f} $ over {len(s.daily)} days")
    assert worst <= EQUITY_TOLERANCE


def test_at_quoted_prices_nautilus_buys_at_the_ask_and_sells_at_the_bid(export_dir, plugin_path, config_path):
    bt = build_backtest(export_dir, plugin_path, config_path, fills="quoted")
    bt.run()
    s = bt.strategy
    assert s.failures == [] and len(s.trades) > 20
    checked = 0
    for date, minutes, sym, qty, px in nautilus_legs(s):
        q = bt.market.quote(date, minutes, instrument_of_symbol(sym))
        expected = q.ask if qty > 0 else q.bid
        assert math.isclose(px, expected, abs_tol=1e-6), (date, minutes, sym, qty, px, q.bid, q.ask)
        checked += 1
    for x in s.settlements:
        assert x["value"] >= 0
    print(f"{checked} legs filled at the quoted touch; equity at the end {s.daily[-1][1]:.2f} $")


def test_chains_built_from_nautilus_quote_ticks_give_the_same_trades_as_the_exported_chains(
        short_export_dir, plugin_path, config_path):
    # fills="quoted": the venue's book is the quoted bid/ask, so the QuoteTicks Nautilus delivers are
    # the chain the export holds; the plug-in must decide the same either way.
    runs = {}
    for source in ("export", "cache"):
        bt = build_backtest(short_export_dir, plugin_path, config_path, fills="quoted", chain_source=source)
        bt.run()
        assert bt.strategy.failures == []
        runs[source] = nautilus_legs(bt.strategy)
    print(f"{len(runs['export'])} legs from exported chains, {len(runs['cache'])} from Nautilus quotes")
    assert runs["export"] and runs["cache"] == runs["export"]
