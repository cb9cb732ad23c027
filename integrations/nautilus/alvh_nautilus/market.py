"""The alvh venue's market as `alvh export-quotes` writes it (format: docs/nautilus.md).

Read once into memory: the option quotes the replay shows a strategy (per day and minute), the
chain metadata (forwards, underlying), the day script's inputs (index values, daily bars, signals,
settlement values) and the exchange calendar. The Nautilus backtest turns the quotes into
instruments and QuoteTicks; AlvhStrategy answers the plug-in's chain requests and day events from
the rest.
"""
from __future__ import annotations

import csv
import json
import math
import os
from dataclasses import dataclass, field

from . import abi
from .plugin import Instrument, Quote


class MarketFileError(Exception):
    """An export file is missing or has a bad row (names file:line and the field)."""


def _f(v: str) -> float:
    return math.nan if v == "" else float(v)


@dataclass(slots=True)
class ExportQuote:
    instrument: Instrument
    bid: float
    ask: float
    iv: float
    delta: float
    vega: float
    fill_buy: float  # what the alvh fill model charges a buyer of one contract (mid + slippage)
    fill_sell: float  # what it pays a seller (mid - slippage)
    in_chain: bool = True  # False: a strike outside the chain's band, shown only to a holder

    @property
    def mid(self) -> float:
        return 0.5 * (self.bid + self.ask)


@dataclass
class Day:
    date: int
    open_minutes: int
    index_minutes: int
    close_minutes: int
    index: dict  # spx, vix, vix1d, vix9d, vix3m, vvix, vx_front (NaN = missing)
    bars: dict  # "SPX"/"VIX" -> (open, high, low, close)
    signals: dict = field(default_factory=dict)  # column -> value, delivered at the open


@dataclass
class ExportedMarket:
    directory: str
    meta: dict
    quotes: dict  # (date, minutes) -> {instrument key: ExportQuote}
    chains: dict  # (date, minutes, root) -> {expiry: (forward, underlying)}
    days: list
    settlements: list  # (date, minutes, root, expiry, value)
    calendar: dict  # date -> close minutes (0 = not a trading day)

    @property
    def first_date(self) -> int:
        return self.days[0].date

    @property
    def last_date(self) -> int:
        return self.days[-1].date

    def is_trading_day(self, date: int) -> bool:
        if date not in self.calendar:
            raise MarketFileError(
                f"{self.directory}/calendar.csv: {date} is outside the exported calendar "
                f"({min(self.calendar)}..{max(self.calendar)}); export a longer range"
            )
        return self.calendar[date] > 0

    def close_minutes(self, date: int) -> int:
        return self.calendar.get(date, 960) or 960

    def quote(self, date: int, minutes: int, instrument: Instrument):
        return self.quotes.get((date, minutes), {}).get(instrument.key())

    def chain(self, root: str, date: int, minutes: int, expiries: list, time_utc: int, held=()):
        """(underlying, {expiry: forward}, [Quote]) of the exported chain, or None when not exported.

        As the replay: the chain's quotes of the wanted expiries (none named: all exported), plus
        every held instrument of the root at any strike or expiry, with its expiry's forward."""
        meta = self.chains.get((date, minutes, root))
        if meta is None:
            return None
        wanted = set(expiries) if expiries else set(meta)
        by_key = self.quotes.get((date, minutes), {})
        forwards = {e: f for e, (f, _) in meta.items() if e in wanted and not math.isnan(f)}
        underlying = next(iter(meta.values()))[1] if meta else math.nan
        chosen = [q for q in by_key.values() if q.in_chain and q.instrument.root == root and q.instrument.expiry in wanted]
        keys = {q.instrument.key() for q in chosen}
        for inst in held:
            q = by_key.get(inst.key())
            if inst.root != root or inst.key() in keys or q is None:
                continue
            chosen.append(q)
            keys.add(inst.key())
            f = meta.get(inst.expiry, (math.nan, math.nan))[0]
            if inst.expiry not in forwards and not math.isnan(f):
                forwards[inst.expiry] = f
        quotes = [Quote(q.instrument, q.bid, q.ask, time_utc, q.iv, q.delta, q.vega) for q in chosen]
        return underlying, forwards, quotes


def _rows(directory: str, name: str):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        raise MarketFileError(f"{path}: no such file (run `alvh export-quotes --out {directory}` first)")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        for n, row in enumerate(reader, start=2):
            yield path, n, row


def _parse(path, line, row, fn):
    try:
        return fn(row)
    except (KeyError, ValueError) as e:
        raise MarketFileError(f"{path}:{line}: bad row ({e!r}): {row}") from None


QUOTE_COLUMNS = ["date", "minutes", "root", "expiry", "strike", "right", "bid", "ask", "iv", "delta", "vega",
                 "fill_buy", "fill_sell", "in_chain"]


def _load_quotes(directory: str) -> dict:
    """quotes.csv through pandas' C parser (the csv module takes seconds for three months)."""
    import pandas as pd

    path = os.path.join(directory, "quotes.csv")
    if not os.path.exists(path):
        raise MarketFileError(f"{path}: no such file (run `alvh export-quotes --out {directory}` first)")
    try:
        df = pd.read_csv(path, dtype={"root": str, "right": str}, keep_default_na=False, na_values={
            c: [""] for c in ("iv", "delta", "vega")})
    except (ValueError, pd.errors.ParserError) as e:
        raise MarketFileError(f"{path}: {e}") from None
    missing = [c for c in QUOTE_COLUMNS if c not in df.columns]
    if missing:
        raise MarketFileError(f"{path}:1: missing columns {', '.join(missing)}")
    for c in ("bid", "ask", "fill_buy", "fill_sell", "strike"):
        if df[c].dtype.kind not in "fi":
            bad = pd.to_numeric(df[c], errors="coerce").isna().idxmax()
            raise MarketFileError(f"{path}:{bad + 2}: {c} is not a number: {df[c][bad]!r}")
    bad_right = ~df["right"].isin(["C", "P"])
    if bad_right.any():
        row = int(bad_right.idxmax())
        raise MarketFileError(f"{path}:{row + 2}: right must be C or P, not {df['right'][row]!r}")
    quotes: dict = {}
    cols = [df[c].tolist() for c in QUOTE_COLUMNS]
    for d, m, root, e, k, r, bid, ask, iv, delta, vega, fb, fs, chain in zip(*cols):
        inst = Instrument(root, int(e), float(k), abi.CALL if r == "C" else abi.PUT)
        quotes.setdefault((int(d), int(m)), {})[inst.key()] = ExportQuote(
            inst, bid, ask, iv, delta, vega, fb, fs, bool(chain))
    return quotes


_CACHE: dict = {}


def load_market(directory: str) -> ExportedMarket:
    """The export in `directory`, read once per process (the backtest builder and the strategy share it)."""
    stamp = os.path.realpath(directory), tuple(
        os.stat(os.path.join(directory, f)).st_mtime_ns if os.path.exists(os.path.join(directory, f)) else 0
        for f in ("export.json", "quotes.csv", "days.csv"))
    if stamp not in _CACHE:
        _CACHE.clear()
        _CACHE[stamp] = _load_market(directory)
    return _CACHE[stamp]


def _load_market(directory: str) -> ExportedMarket:
    meta_path = os.path.join(directory, "export.json")
    if not os.path.exists(meta_path):
        raise MarketFileError(f"{meta_path}: no such file (run `alvh export-quotes --out {directory}` first)")
    with open(meta_path) as f:
        meta = json.load(f)

    quotes = _load_quotes(directory)
    chains: dict = {}
    for path, n, r in _rows(directory, "chains.csv"):
        key, e, fu = _parse(
            path, n, r,
            lambda r: ((int(r["date"]), int(r["minutes"]), r["root"]), int(r["expiry"]),
                       (_f(r["forward"]), _f(r["underlying"]))),
        )
        chains.setdefault(key, {})[e] = fu

    signals: dict = {}
    for path, n, r in _rows(directory, "signals.csv"):
        d, col, v = _parse(path, n, r, lambda r: (int(r["date"]), r["column"], _f(r["value"])))
        signals.setdefault(d, {})[col] = v

    days = []
    for path, n, r in _rows(directory, "days.csv"):
        def day(r):
            d = int(r["date"])
            return Day(
                d, int(r["open_minutes"]), int(r["index_minutes"]), int(r["close_minutes"]),
                {k: _f(r[k]) for k in ("spx", "vix", "vix1d", "vix9d", "vix3m", "vvix", "vx_front")},
                {s: tuple(_f(r[f"{s.lower()}_{p}"]) for p in ("open", "high", "low", "close")) for s in ("SPX", "VIX")},
                signals.get(d, {}),
            )

        days.append(_parse(path, n, r, day))
    if not days:
        raise MarketFileError(f"{directory}/days.csv: no days")

    settlements = [
        _parse(path, n, r, lambda r: (int(r["date"]), int(r["minutes"]), r["root"], int(r["expiry"]), float(r["value"])))
        for path, n, r in _rows(directory, "settlements.csv")
    ]
    calendar = {
        _parse(path, n, r, lambda r: int(r["date"])): _parse(
            path, n, r, lambda r: int(r["close_minutes"]) if int(r["trading"]) else 0
        )
        for path, n, r in _rows(directory, "calendar.csv")
    }
    return ExportedMarket(directory, meta, quotes, chains, days, settlements, calendar)
