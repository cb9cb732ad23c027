"""Loads libalvh_plugin.so through its C ABI and drives one strategy instance.

The plug-in holds all strategy logic; this module only marshals: Python values in, ABI structs out,
and the host function table back into a Python `host` object (see `Host`). Every failure becomes
a Python exception naming its cause (PluginLoadError, PluginAbiError, PluginConfigError,
PluginCallError); nothing here calls sys.exit or lets a C callback raise.
"""
from __future__ import annotations

import ctypes as C
import math
import os
from dataclasses import dataclass, field
from typing import Callable, NamedTuple, Optional, Protocol, Sequence

from . import abi


class PluginError(Exception):
    """Base of every error this bridge raises."""


class PluginLoadError(PluginError):
    """The file is missing, not a shared library, or not an alvh plug-in."""


class PluginAbiError(PluginError):
    """The plug-in speaks another ABI version or has short structs / null slots."""


class PluginConfigError(PluginError):
    """The YAML config did not validate (message lists origin:line:col: path: message)."""


class PluginCallError(PluginError):
    """A plug-in callback returned a failure status."""

    def __init__(self, callback: str, status: int, message: str):
        self.callback, self.status, self.message = callback, status, message
        super().__init__(f"alvh plug-in {callback} failed ({abi.STATUS_NAMES.get(status, status)}): {message}")


# ---- Python-side values ---------------------------------------------------------------------------


class Instrument(NamedTuple):
    # A NamedTuple: three months of quotes create a quarter of a million of these.
    root: str
    expiry: int  # YYYYMMDD
    strike: float
    right: int  # abi.CALL / abi.PUT
    kind: int = abi.OPTION
    multiplier: float = 100.0

    def key(self) -> tuple:
        # Strikes cross the ABI as the same doubles the chain carried: compared exactly.
        return self[:4]

    def __str__(self) -> str:
        return f"{self.root} {self.expiry} {self.strike:g}{'C' if self.right == abi.CALL else 'P'}"


@dataclass
class Leg:
    instrument: Instrument
    side: int  # abi.BUY / abi.SELL
    ratio: int = 1


@dataclass
class Order:
    """A plug-in order: a combo (several legs, net limit) or a single order (one leg, ratio 1)."""

    legs: list
    quantity: int
    limit: float
    effect: int  # abi.CREDIT / abi.DEBIT (single orders: BUY = DEBIT)
    tag: str
    combo: bool


@dataclass
class Quote:
    instrument: Instrument
    bid: float
    ask: float
    time_utc: int
    iv: float = math.nan
    delta: float = math.nan
    vega: float = math.nan


@dataclass
class PositionView:
    instrument: Instrument
    quantity: int
    average_price: float
    tag: str = ""


@dataclass
class AccountView:
    equity: float
    realized_today: float = 0.0
    unrealized: float = 0.0


class Host(Protocol):
    """What the plug-in asks of its host (the alvh_host_api table), in Python terms."""

    def now_utc(self) -> int: ...
    def now_local(self) -> tuple: ...  # (YYYYMMDD, minutes after midnight, New York)
    def is_trading_day(self, date: int) -> bool: ...
    def close_minutes(self, date: int) -> int: ...
    def submit(self, order: Order) -> str: ...
    def cancel(self, client_order_id: str) -> None: ...
    def positions(self) -> Sequence[PositionView]: ...
    def account(self) -> AccountView: ...
    def risk_free_rate(self) -> float: ...
    def schedule_timer(self, date: int, minutes: int, name: str) -> int: ...
    def cancel_timer(self, timer_id: int) -> None: ...
    def request_chain(self, root: str, expiries: list) -> None: ...
    def log(self, level: int, source: str, message: str) -> None: ...
    def state_put(self, key: str, blob: bytes) -> None: ...
    def state_get(self, key: str) -> Optional[bytes]: ...


# ---- conversions ------------------------------------------------------------------------------------


def _instrument_from(c: abi.Instrument) -> Instrument:
    return Instrument(
        root=(c.root or b"").decode(), expiry=c.expiry, strike=c.strike, right=c.right, kind=c.kind,
        multiplier=c.multiplier,
    )


class _Strings:
    """Keeps the bytes objects behind c_char_p fields alive for the length of one call."""

    def __init__(self):
        self.keep = []

    def __call__(self, s: str) -> bytes:
        b = s.encode()
        self.keep.append(b)
        return b


def _c_instrument(i: Instrument, strings: _Strings) -> abi.Instrument:
    return abi.sized(
        abi.Instrument, kind=i.kind, root=strings(i.root), expiry=i.expiry, strike=i.strike, right=i.right,
        multiplier=i.multiplier,
    )


def _quote_dtype():
    """numpy view of alvh_quote with the C offsets, so a chain is filled column by column.

    Building one ctypes struct per quote costs ~10 us each in Python (1.6 ms for a 156-quote
    chain); a structured array filled from columns costs a few us for the whole chain."""
    import numpy as np

    q, i = abi.Quote, abi.Instrument
    base = q.instrument.offset
    fields = {
        "struct_size": (np.uint32, q.struct_size.offset),
        "i_struct_size": (np.uint32, base + i.struct_size.offset),
        "kind": (np.int32, base + i.kind.offset),
        "root": (np.uintp, base + i.root.offset),
        "expiry": (np.int32, base + i.expiry.offset),
        "strike": (np.float64, base + i.strike.offset),
        "right": (np.int32, base + i.right.offset),
        "multiplier": (np.float64, base + i.multiplier.offset),
        "bid": (np.float64, q.bid.offset),
        "ask": (np.float64, q.ask.offset),
        "time_utc": (np.int64, q.time_utc.offset),
        "iv": (np.float64, q.iv.offset),
        "delta": (np.float64, q.delta.offset),
        "vega": (np.float64, q.vega.offset),
    }
    return np, np.dtype({
        "names": list(fields), "formats": [f for f, _ in fields.values()],
        "offsets": [o for _, o in fields.values()], "itemsize": C.sizeof(q),
    })


_NP_QUOTE = None
_ROOTS: dict = {}  # root -> NUL-terminated buffer that lives as long as the process


def _root_address(root: str) -> int:
    addr = _ROOTS.get(root)
    if addr is None:
        buf = C.create_string_buffer(root.encode())
        _ROOTS[(root, "buffer")] = buf
        addr = _ROOTS[root] = C.addressof(buf)
    return addr


def _c_quotes(quotes: Sequence[Quote], strings: _Strings):
    """An alvh_quote array (as POINTER(abi.Quote)) of `quotes`; `strings` keeps it alive."""
    global _NP_QUOTE
    if _NP_QUOTE is None:
        _NP_QUOTE = _quote_dtype()
    np, dtype = _NP_QUOTE
    qs, ins = C.sizeof(abi.Quote), C.sizeof(abi.Instrument)
    rows = [
        (qs, ins, q.instrument.kind, _root_address(q.instrument.root), q.instrument.expiry, q.instrument.strike,
         q.instrument.right, q.instrument.multiplier, q.bid, q.ask, q.time_utc, q.iv, q.delta, q.vega)
        for q in quotes
    ]
    arr = np.array(rows, dtype=dtype) if rows else np.zeros(1, dtype=dtype)
    strings.keep.append(arr)
    return arr.ctypes.data_as(C.POINTER(abi.Quote))


def _nan(v) -> float:
    return math.nan if v is None else float(v)


# ---- the plug-in --------------------------------------------------------------------------------


class AlvhPlugin:
    """One loaded plug-in and (after create) one strategy instance.

    `host` answers the host function table. Host callbacks that raise are caught here: the plug-in
    sees a failure status (submit/cancel/state_put/account) or a neutral answer, and the exception is
    kept in `host_errors` and logged through host.log.
    """

    def __init__(self, library_path: str | os.PathLike):
        path = os.fspath(library_path)
        if not os.path.exists(path):
            raise PluginLoadError(f"alvh plug-in '{path}': no such file")
        try:
            self._lib = C.CDLL(path, mode=os.RTLD_NOW | os.RTLD_LOCAL)
        except OSError as e:
            raise PluginLoadError(f"alvh plug-in '{path}': not a loadable shared library: {e}") from None
        try:
            entry = getattr(self._lib, abi.ENTRY_SYMBOL)
        except AttributeError:
            raise PluginLoadError(f"alvh plug-in '{path}': no exported symbol '{abi.ENTRY_SYMBOL}'") from None
        entry.restype = C.POINTER(abi.Descriptor)
        entry.argtypes = [C.c_uint32]
        d = entry(abi.ABI_VERSION)
        if not d:
            raise PluginAbiError(f"alvh plug-in '{path}': the entry point returned no descriptor")
        d = d.contents
        # abi_version and struct_size keep their offsets in every version: read them first.
        if d.manifest.abi_version != abi.ABI_VERSION:
            raise PluginAbiError(
                f"alvh plug-in '{path}': plugin ABI version {d.manifest.abi_version}, "
                f"this host speaks ABI version {abi.ABI_VERSION}"
            )
        if d.struct_size < C.sizeof(abi.Descriptor) or d.manifest.struct_size < C.sizeof(abi.Manifest):
            raise PluginAbiError(f"alvh plug-in '{path}': descriptor or manifest shorter than ABI {abi.ABI_VERSION}")
        if not d.api or d.api.contents.struct_size < C.sizeof(abi.PluginApi):
            raise PluginAbiError(f"alvh plug-in '{path}': callback table missing or shorter than ABI {abi.ABI_VERSION}")
        api = d.api.contents
        missing = [name for name, _ in abi.PLUGIN_SLOTS if not C.cast(getattr(api, name), C.c_void_p).value]
        if missing:
            raise PluginAbiError(f"alvh plug-in '{path}': callback table has null slots: {', '.join(missing)}")
        self.path = path
        self._api = api
        self.abi_version = d.manifest.abi_version
        self.build_id = (d.manifest.build_id or b"").decode()
        self.strategy_names = [d.manifest.strategy_names[i].decode() for i in range(d.manifest.strategy_count)]
        self.config_schema_version = d.manifest.config_schema_version
        self._instance = abi.Instance()
        self._host_api = None
        self._host = None
        self._callbacks = []
        self._positions_keep = []
        self.host_errors: list = []

    # -- lifecycle ------------------------------------------------------------------------------

    def create(self, host: Host, config_yaml: str, config_origin: str = "config", strategy: str = "alvh_portfolio"):
        if self._instance:
            raise PluginError("alvh plug-in: an instance already exists (one per AlvhPlugin)")
        if strategy not in self.strategy_names:
            raise PluginError(
                f"alvh plug-in '{self.path}': unknown strategy '{strategy}' (offers {', '.join(self.strategy_names)})"
            )
        self._host = host
        self._host_api = self._make_host_api()
        params = abi.sized(
            abi.CreateParams, strategy_name=strategy.encode(), config_yaml=config_yaml.encode(),
            config_origin=config_origin.encode(),
        )
        err = abi.sized(abi.Error)
        st = self._api.create(C.byref(self._host_api), C.byref(params), C.byref(self._instance), C.byref(err))
        if st != abi.OK:
            msg = err.message.decode(errors="replace")
            self._instance = abi.Instance()
            if st == abi.ERR_CONFIG:
                raise PluginConfigError(f"alvh config '{config_origin}' is invalid:\n{msg}")
            raise PluginCallError("create", st, msg)

    def destroy(self):
        if self._instance:
            self._api.destroy(self._instance)
            self._instance = abi.Instance()

    def __del__(self):
        try:
            self.destroy()
        except Exception:
            pass

    @property
    def created(self) -> bool:
        return bool(self._instance)

    def _call(self, name: str, *args):
        if not self._instance:
            raise PluginError(f"alvh plug-in: {name} called without an instance (create failed or destroyed)")
        err = abi.sized(abi.Error)
        st = getattr(self._api, name)(self._instance, *args, C.byref(err))
        if st != abi.OK:
            raise PluginCallError(name, st, err.message.decode(errors="replace"))

    def start(self):
        self._call("start")

    def stop(self):
        self._call("stop")

    def save_state(self):
        self._call("save_state")

    def load_state(self):
        self._call("load_state")

    # -- events -----------------------------------------------------------------------------------

    def on_timer(self, timer_id: int, name: str, date: int, minutes: int):
        ev = abi.sized(abi.TimerEvent, timer_id=timer_id, name=name.encode(), scheduled=abi.ExchangeTime(date, minutes))
        self._call("on_timer", C.byref(ev))

    def on_signals(self, date: int, minutes: int, values: dict):
        strings = _Strings()
        arr = (abi.SignalValue * max(len(values), 1))()
        for n, (k, v) in enumerate(values.items()):
            arr[n] = abi.SignalValue(strings(k), _nan(v))
        ev = abi.sized(abi.SignalSnapshot, time=abi.ExchangeTime(date, minutes), values=arr, value_count=len(values))
        self._call("on_signals", C.byref(ev))

    INDEX_FIELDS = ("spx", "vix", "vix1d", "vix9d", "vix3m", "vvix", "vx_front")

    def on_index_values(self, date: int, minutes: int, values: dict):
        ev = abi.sized(abi.IndexValues, time=abi.ExchangeTime(date, minutes))
        mask = 0
        for bit, f in enumerate(self.INDEX_FIELDS):
            v = values.get(f)
            ok = v is not None and not math.isnan(v)
            setattr(ev, f, float(v) if ok else math.nan)
            mask |= (1 << bit) if ok else 0
        ev.present_mask = mask
        self._call("on_index_values", C.byref(ev))

    def on_daily_bar(self, symbol: str, date: int, o=None, h=None, low=None, c=None):
        ev = abi.sized(abi.DailyBar, symbol=symbol.encode(), date=date)
        mask = 0
        for bit, (f, v) in enumerate((("open", o), ("high", h), ("low", low), ("close", c))):
            ok = v is not None and not math.isnan(v)
            setattr(ev, f, float(v) if ok else math.nan)
            mask |= (1 << bit) if ok else 0
        ev.present_mask = mask
        self._call("on_daily_bar", C.byref(ev))

    def on_chain(self, root: str, date: int, minutes: int, observed_utc: int, underlying: float, forwards: dict,
                 quotes: Sequence[Quote]):
        strings = _Strings()
        fw = (abi.Forward * max(len(forwards), 1))(*[abi.Forward(e, p) for e, p in sorted(forwards.items())])
        qs = _c_quotes(quotes, strings)
        ev = abi.sized(
            abi.ChainSnapshot, root=strings(root), time=abi.ExchangeTime(date, minutes), observed_utc=observed_utc,
            underlying=underlying, forwards=fw, forward_count=len(forwards), quotes=qs, quote_count=len(quotes),
        )
        self._call("on_chain", C.byref(ev))

    def on_quotes(self, date: int, minutes: int, quotes: Sequence[Quote]):
        strings = _Strings()
        qs = _c_quotes(quotes, strings)
        ev = abi.sized(abi.QuoteSnapshot, time=abi.ExchangeTime(date, minutes), quotes=qs, quote_count=len(quotes))
        self._call("on_quotes", C.byref(ev))

    def on_order_event(self, client_order_id: str, state: int, filled_quantity: int, reason: str, time_utc: int):
        ev = abi.sized(
            abi.OrderEvent, client_order_id=client_order_id.encode(), state=state, filled_quantity=filled_quantity,
            reason=(reason or "").encode(), time_utc=time_utc,
        )
        self._call("on_order_event", C.byref(ev))

    def on_fill(self, client_order_id: str, quantity: int, net_price: float, effect: int, legs: Sequence[tuple],
                commission: float, time_utc: int):
        """legs: (Instrument, side, quantity, price) per leg."""
        strings = _Strings()
        arr = (abi.LegFill * max(len(legs), 1))()
        for n, (inst, side, qty, px) in enumerate(legs):
            arr[n] = abi.sized(abi.LegFill, instrument=_c_instrument(inst, strings), side=side, quantity=qty, price=px)
        ev = abi.sized(
            abi.Fill, client_order_id=strings(client_order_id), quantity=quantity, net_price=net_price, effect=effect,
            legs=arr, leg_count=len(legs), commission=commission, time_utc=time_utc,
        )
        self._call("on_fill", C.byref(ev))

    def on_settlement(self, instrument: Instrument, date: int, settlement_price: float, quantity: int, cash: float):
        strings = _Strings()
        ev = abi.sized(
            abi.Settlement, instrument=_c_instrument(instrument, strings), date=date, settlement_price=settlement_price,
            quantity=quantity, cash=cash,
        )
        self._call("on_settlement", C.byref(ev))

    # -- the host table -------------------------------------------------------------------------

    def _guard(self, slot: str, fail, fn: Callable):
        """Wraps a host function so that no Python exception reaches C."""

        def wrapped(*args):
            try:
                return fn(*args)
            except BaseException as e:  # noqa: BLE001 - nothing may unwind through C frames
                self.host_errors.append((slot, e))
                try:
                    self._host.log(abi.LOG_ERROR, "alvh_nautilus", f"host function {slot} failed: {e!r}")
                except Exception:
                    pass
                return fail

        return wrapped

    def _make_host_api(self) -> abi.HostApi:
        h = self._host

        def now_local(_):
            d, m = h.now_local()
            return abi.pack_time(d, m)

        def write_id(buf, cap, text: str):
            raw = text.encode()[: max(cap - 1, 0)] + b"\0"
            C.memmove(buf, raw, len(raw))

        def submit_combo(_, p, buf, cap):
            o = p.contents
            legs = [
                Leg(_instrument_from(o.legs[i].instrument), o.legs[i].side, o.legs[i].ratio) for i in range(o.leg_count)
            ]
            order = Order(legs, o.quantity, o.limit, o.effect, (o.tag or b"").decode(), True)
            write_id(buf, cap, h.submit(order))
            return abi.OK

        def submit_order(_, p, buf, cap):
            o = p.contents
            leg = Leg(_instrument_from(o.instrument), o.side, 1)
            effect = abi.DEBIT if o.side == abi.BUY else abi.CREDIT
            order = Order([leg], o.quantity, o.limit, effect, (o.tag or b"").decode(), False)
            write_id(buf, cap, h.submit(order))
            return abi.OK

        def cancel(_, cid):
            h.cancel(cid.decode())
            return abi.OK

        def positions(_, out, cap):
            ps = list(h.positions())
            strings = _Strings()
            for n, p in enumerate(ps[:cap]):
                out[n] = abi.sized(
                    abi.Position, instrument=_c_instrument(p.instrument, strings), quantity=p.quantity,
                    average_price=p.average_price, tag=strings(p.tag or ""),
                )
            if cap:
                self._positions_keep = strings.keep  # tags stay valid until the next positions call
            return len(ps)

        def account(_, out):
            a = h.account()
            out[0] = abi.sized(abi.Account, equity=a.equity, realized_today=a.realized_today, unrealized=a.unrealized)
            return abi.OK

        def greeks(_, out):
            g = getattr(h, "portfolio_greeks", lambda: {})() or {}
            out[0] = abi.sized(abi.PortfolioGreeks, **{k: float(v) for k, v in g.items()})
            return abi.OK

        def schedule(_, when, name):
            d, m = abi.unpack_time(when)
            return int(h.schedule_timer(d, m, (name or b"").decode()))

        def request_chain(_, root, exps, n):
            h.request_chain(root.decode(), [exps[i] for i in range(n)])

        def log(_, level, source, message):
            h.log(level, (source or b"").decode(errors="replace"), (message or b"").decode(errors="replace"))

        def state_put(_, key, blob, n):
            h.state_put(key.decode(), C.string_at(blob, n))
            return abi.OK

        def state_get(_, key, buf, cap):
            blob = h.state_get(key.decode())
            if blob is None:
                return -1
            C.memmove(buf, blob, min(len(blob), cap))
            return len(blob)

        impl = {
            "now_utc": (lambda _: int(h.now_utc()), 0),
            "now_local": (now_local, 0),
            "is_trading_day": (lambda _, d: 1 if h.is_trading_day(d) else 0, 0),
            "close_minutes": (lambda _, d: int(h.close_minutes(d)), 960),
            "submit_combo": (submit_combo, abi.ERR_HOST),
            "submit_order": (submit_order, abi.ERR_HOST),
            "cancel": (cancel, abi.ERR_HOST),
            "positions": (positions, 0),
            "account": (account, abi.ERR_HOST),
            "portfolio_greeks": (greeks, abi.ERR_HOST),
            "risk_free_rate": (lambda _: float(h.risk_free_rate()), 0.0),
            "schedule_timer": (schedule, 0),
            "cancel_timer": (lambda _, t: h.cancel_timer(int(t)), None),
            "request_chain": (request_chain, None),
            "log": (log, None),
            "state_put": (state_put, abi.ERR_HOST),
            "state_get": (state_get, -1),
        }
        api = abi.sized(abi.HostApi, abi_version=abi.ABI_VERSION, host=None)
        self._callbacks = []
        for name, ftype in abi.HOST_SLOTS:
            fn, fail = impl[name]
            cb = ftype(self._guard(name, fail, fn))
            self._callbacks.append(cb)  # ctypes callbacks die with their last reference
            setattr(api, name, cb)
        return api
