"""The alvh venue inside Nautilus's BacktestEngine.

`build_backtest` reads an `alvh export-quotes` directory and builds an engine with one simulated
venue that lists every exported SPXW and VIX option (OptionContract, multiplier 100, cash-settled:
SPXW at the close of expiry day, VIX at 09:30 on expiry morning) and replays their quotes as
QuoteTicks through Nautilus's own matching engine. Two books:

* fills="model" (default): the book is the alvh fill model's prices, bid = mid - slippage,
  ask = mid + slippage. A marketable order fills at the touch, i.e. exactly where `alvh backtest`
  fills it: both runs fill at the same prices.
* fills="quoted": the book is the model's quoted bid/ask. Buys fill at the ask, sells at the bid
  (the spread is paid in full instead of the configured slippage).

At each settlement time the book of every exported option of the settling expiry is set to its
intrinsic value (bid = ask), so the strategy's settlement order closes it there. Fees: per contract
and side from export.json (none on settlement orders).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Optional

from nautilus_trader.backtest.engine import BacktestEngine, BacktestEngineConfig
from nautilus_trader.backtest.models import FeeModel
from nautilus_trader.config import LoggingConfig, RiskEngineConfig
from nautilus_trader.model.currencies import USD
from nautilus_trader.model.data import QuoteTick
from nautilus_trader.model.enums import AccountType, AssetClass, BookType, OmsType, OptionKind
from nautilus_trader.model.identifiers import InstrumentId, Symbol, TraderId, Venue
from nautilus_trader.model.instruments import OptionContract
from nautilus_trader.model.objects import Money, Price, Quantity

from . import abi
from .instruments import PRICE_PRECISION, UNDERLYING, intrinsic, ns_of, settlement_ns, symbol_of
from .market import ExportedMarket, load_market
from .plugin import Instrument
from .strategy import SETTLEMENT_TAG, AlvhStrategy, AlvhStrategyConfig

LISTED_AFTER_SETTLEMENT_NS = 1_000_000_000
BOOK_SIZE = 1_000_000  # contracts at the touch: the replay has no depth, so neither has this book


class PerContractFeeModel(FeeModel):
    """$ per contract per side by option root (SPXW 1.25, VIX 1.15 by default), scaled by
    multiplier / 100; settlement free."""

    def __init__(self, fees: dict):
        super().__init__()
        self.fees = {k: float(v) for k, v in fees.items()}

    def get_commission(self, order, fill_qty, fill_px, instrument):
        if order.tags and SETTLEMENT_TAG in order.tags:
            return Money(0, USD)
        root = instrument.id.symbol.value.split("-")[0]
        # A fractional lot (multiplier 1) is 1/100 contract and pays 1/100 of the fee, as in the
        # alvh fill model.
        share = float(instrument.multiplier) / 100.0
        return Money(self.fees.get(root, 0.0) * share * fill_qty.as_double(), USD)


def option_contract(i: Instrument, venue: Venue, market: ExportedMarket) -> OptionContract:
    """The venue's listing of `i`. VIX lots carry export.json's vix_option_multiplier: 1 when the
    plug-in hedges in 1/100 contracts (ladder.fractional in a backtest config), else 100."""
    if i.root == "VIX":
        i = i._replace(multiplier=float(market.meta.get("vix_option_multiplier", 100)))
    sym = symbol_of(i)
    tick = Price(10 ** -PRICE_PRECISION, PRICE_PRECISION)
    return OptionContract(
        instrument_id=InstrumentId(Symbol(sym), venue),
        raw_symbol=Symbol(sym),
        asset_class=AssetClass.INDEX,
        currency=USD,
        price_precision=PRICE_PRECISION,
        price_increment=tick,
        multiplier=Quantity.from_int(int(i.multiplier)),
        lot_size=Quantity.from_int(1),
        underlying=UNDERLYING[i.root],
        option_kind=OptionKind.CALL if i.right == abi.CALL else OptionKind.PUT,
        strike_price=Price(i.strike, PRICE_PRECISION),
        activation_ns=0,
        # Listed until one second after its settlement time: AlvhStrategy closes a held option at
        # its intrinsic value at the settlement time itself (Nautilus's own expiry handling would
        # close it at whatever the book showed, with a fee, outside the strategy's orders).
        expiration_ns=settlement_ns(i.root, i.expiry, market.close_minutes(i.expiry)) + LISTED_AFTER_SETTLEMENT_NS,
        ts_event=0,
        ts_init=0,
    )


@dataclass
class AlvhBacktest:
    engine: BacktestEngine
    strategy: Optional[AlvhStrategy]
    market: ExportedMarket
    venue: Venue
    tick_count: int

    def run(self):
        first, last = self.market.days[0], self.market.days[-1]
        # To one minute after the last close: the last day's settlement and close events fire too.
        self.engine.run(start=ns_of(first.date, first.open_minutes - 30), end=ns_of(last.date, last.close_minutes + 1))


def build_backtest(
    market_dir: str,
    plugin_path: Optional[str] = None,
    config_path: Optional[str] = None,
    fills: str = "model",
    venue: str = "ALVH",
    log_level: str = "ERROR",
    keep_instrument: Callable[[Instrument], bool] = lambda i: True,
    with_strategy: bool = True,
    enforce_net_limit: bool = False,
    chain_source: str = "export",
) -> AlvhBacktest:
    """An engine over the exported range with AlvhStrategy added (unless with_strategy=False).

    keep_instrument drops instruments from the venue (the chains still show them): tests use it for
    an instrument the plug-in cannot trade.
    """
    if fills not in ("model", "quoted"):
        raise ValueError(f"fills must be 'model' or 'quoted', not {fills!r}")
    market = load_market(market_dir)
    v = Venue(venue)
    # Nautilus's pre-trade checks are bypassed: `alvh backtest` has no cash check (the plug-in's risk
    # gate is the risk control), and Nautilus's cash account counts an option's notional in a way
    # the replay does not (a 4-leg close was denied as CUM_NOTIONAL_EXCEEDS_FREE_BALANCE).
    engine = BacktestEngine(
        BacktestEngineConfig(
            trader_id=TraderId("ALVH-001"), logging=LoggingConfig(log_level=log_level),
            risk_engine=RiskEngineConfig(bypass=True),
        )
    )
    equity = float(market.meta.get("initial_equity", 100000.0))
    engine.add_venue(
        venue=v,
        oms_type=OmsType.NETTING,
        account_type=AccountType.CASH,
        starting_balances=[Money(equity, USD)],
        base_currency=USD,
        book_type=BookType.L1_MBP,
        fee_model=PerContractFeeModel(market.meta.get("fees", {})),
    )

    instruments: dict = {}
    for by_key in market.quotes.values():
        for key, q in by_key.items():
            if key not in instruments and keep_instrument(q.instrument):
                instruments[key] = option_contract(q.instrument, v, market)
    for inst in instruments.values():
        engine.add_instrument(inst)

    size = Quantity.from_int(BOOK_SIZE)
    ticks = []
    for (date, minutes), by_key in market.quotes.items():
        ts = ns_of(date, minutes)
        for key, q in by_key.items():
            inst = instruments.get(key)
            if inst is None:
                continue
            bid, ask = (q.fill_sell, q.fill_buy) if fills == "model" else (q.bid, q.ask)
            ticks.append(QuoteTick(inst.id, Price(bid, PRICE_PRECISION), Price(ask, PRICE_PRECISION), size, size, ts, ts))
    by_expiry: dict = {}
    for key, inst in instruments.items():
        by_expiry.setdefault((key[0], key[1]), []).append((key, inst))
    for date, minutes, root, expiry, value in market.settlements:
        ts = ns_of(date, minutes) + 1  # after the close's quote of the same minute
        for key, inst in by_expiry.get((root, expiry), []):
            px = Price(intrinsic(Instrument(root, expiry, key[2], key[3]), value), PRICE_PRECISION)
            ticks.append(QuoteTick(inst.id, px, px, size, size, ts, ts))
    if ticks:
        # The engine's clock stops at the last data point: one tick a minute after the last close
        # (the latest-expiring option's last book again) lets the last day's settlement fire.
        last_day = market.days[-1]
        tail = max(ticks, key=lambda t: (int(t.instrument_id.symbol.value.split("-")[1]), t.ts_init))
        end = ns_of(last_day.date, last_day.close_minutes + 1)
        ticks.append(QuoteTick(tail.instrument_id, tail.bid_price, tail.ask_price, size, size, end, end))
    engine.add_data(ticks, sort=True)

    strategy = None
    if with_strategy:
        strategy = AlvhStrategy(
            AlvhStrategyConfig(
                plugin_path=os.fspath(plugin_path), config_path=os.fspath(config_path), market_dir=market_dir,
                venue=venue, enforce_net_limit=enforce_net_limit, chain_source=chain_source,
            )
        )
        engine.add_strategy(strategy)
    return AlvhBacktest(engine, strategy, market, v, len(ticks))
