"""alvh instruments <-> Nautilus instruments, and New York exchange time <-> Nautilus nanoseconds."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from . import abi
from .plugin import Instrument

NEW_YORK = ZoneInfo("America/New_York")
UNDERLYING = {"SPXW": "SPX", "VIX": "VIX"}
TRADABLE_ROOTS = tuple(UNDERLYING)
PRICE_PRECISION = 6  # the alvh model prices are not on a tick grid; 6 decimals keep them exact to 1e-6


class UntradableInstrumentError(Exception):
    """The plug-in asked to trade an instrument this Nautilus venue does not list."""


def symbol_of(i: Instrument) -> str:
    """SPXW-20240314-P-5000, VIX-20240417-C-17.5: unique, readable, valid as a Nautilus symbol."""
    return f"{i.root}-{i.expiry}-{'C' if i.right == abi.CALL else 'P'}-{i.strike:g}"


def instrument_of_symbol(symbol: str) -> Instrument:
    root, expiry, right, strike = symbol.split("-")
    return Instrument(root, int(expiry), float(strike), abi.CALL if right == "C" else abi.PUT)


def ns_of(date: int, minutes: int, micros: int = 0) -> int:
    """UTC nanoseconds of a New York wall-clock time (date YYYYMMDD, minutes after midnight)."""
    t = dt.datetime(date // 10000, date // 100 % 100, date % 100, minutes // 60, minutes % 60, tzinfo=NEW_YORK)
    return int(t.timestamp()) * 1_000_000_000 + micros * 1000


def local_of(ns: int) -> tuple:
    """(YYYYMMDD, minutes after midnight) in New York of UTC nanoseconds."""
    t = dt.datetime.fromtimestamp(ns / 1e9, tz=NEW_YORK)
    return t.year * 10000 + t.month * 100 + t.day, t.hour * 60 + t.minute


def settlement_ns(root: str, expiry: int, close_minutes: int) -> int:
    """SPXW: PM-settled at the close of expiry day; VIX options: AM-settled at 09:30 (the SOQ)."""
    return ns_of(expiry, close_minutes if root == "SPXW" else 9 * 60 + 30)


def intrinsic(i: Instrument, settlement_value: float) -> float:
    v = settlement_value - i.strike if i.right == abi.CALL else i.strike - settlement_value
    return max(v, 0.0)
