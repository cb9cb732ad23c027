"""AlvhStrategy: the alvh plug-in (libalvh_plugin.so) as a NautilusTrader Strategy.

The strategy logic is the plug-in's. This class is its host: it answers the host function table
from Nautilus (clock, cache, orders, fills, positions), turns Nautilus events into plug-in events,
and the plug-in's orders into Nautilus orders.

* Orders: every plug-in order becomes one marketable IOC limit order per leg, priced at the leg's
  touch (ask for buys, bid for sells) from the Nautilus cache. Combo semantics stay in the bridge:
  all legs or none (an instrument without a venue listing or a quote rejects the whole combo before
  anything is sent; a leg that fails after others filled unwinds them at market and the combo is
  reported CANCELLED), and, with `enforce_net_limit`, a combo whose net price at the touch is worse
  than the plug-in's limit is rejected. The plug-in sees one order: ACCEPTED, then FILLED and one
  fill with every leg's Nautilus price, or REJECTED/CANCELLED with the reason.
* Day script (what the replay gives a strategy and a live host gets from its data): at the open
  the VIX options expiring today settle and the previous close's signals arrive; at the index time
  (15:40, close-20 on early closes) the index levels and the quotes of held positions; at the close
  the SPXW expiring today settle, then the daily bars. In this release these inputs, the calendar
  and the chains come from an `alvh export-quotes` directory (`market_dir`), see docs/nautilus.md.
* Settlement: a held option expiring today is closed at its intrinsic value against the venue's
  settlement quote (a market order tagged `alvh:settlement`, no fee) and reported as on_settlement.
* Failures: a plug-in call that fails halts the plug-in (no more events or orders; working orders
  are cancelled), is logged and kept in `failures`; Nautilus keeps running. Construction errors
  (plug-in path, ABI, config, market directory) raise from the constructor.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Optional

from nautilus_trader.config import StrategyConfig
from nautilus_trader.model.enums import OrderSide, TimeInForce
from nautilus_trader.model.identifiers import InstrumentId, Symbol, Venue
from nautilus_trader.model.objects import Price, Quantity
from nautilus_trader.trading.strategy import Strategy

from . import abi
from .instruments import (
    PRICE_PRECISION,
    UntradableInstrumentError,
    instrument_of_symbol,
    local_of,
    ns_of,
    symbol_of,
)
from .market import load_market
from .plugin import AccountView, AlvhPlugin, Instrument, Order, PluginConfigError, PluginError, PositionView, Quote

SETTLEMENT_TAG = "alvh:settlement"
UNWIND_TAG = "alvh:unwind"
_LOG_NAMES = {abi.LOG_DEBUG: "debug", abi.LOG_INFO: "info", abi.LOG_DECISION: "decision", abi.LOG_WARNING: "warning",
              abi.LOG_ERROR: "error"}


class AlvhStrategyConfig(StrategyConfig, frozen=True):
    plugin_path: str
    config_path: str
    market_dir: str  # an `alvh export-quotes` directory: chains, day inputs, calendar
    venue: str = "ALVH"
    strategy_name: str = "alvh_portfolio"
    enforce_net_limit: bool = False  # the alvh backtest fills at the model price whatever the limit
    log_decisions: bool = False  # forward plug-in decision logs to the Nautilus log
    # Where a chain's bid/ask come from: "export" (the export's model quotes) or "cache" (the
    # QuoteTicks Nautilus received this minute for the venue's options of that root and expiry;
    # greeks from the export where it has them, else NaN and the plug-in prices them itself).
    chain_source: str = "export"


@dataclass
class _Combo:
    alvh_id: str
    order: Order
    legs: list = field(default_factory=list)  # [(ClientOrderId, Leg, InstrumentId, quantity)]
    fills: dict = field(default_factory=dict)  # ClientOrderId -> [qty, notional, commission]
    accepted: bool = False
    done: bool = False
    time: tuple = (0, 0)


class _Host:
    """The plug-in's host table answered by AlvhStrategy's host_* methods (kept apart from the
    Strategy's own names: log, cancel_order, ...)."""

    def __init__(self, strategy):
        self._s = strategy

    def __getattr__(self, name):
        return getattr(self._s, "host_" + name)


class AlvhStrategy(Strategy):
    def __init__(self, config: AlvhStrategyConfig):
        super().__init__(config)
        self.plugin = AlvhPlugin(config.plugin_path)
        try:
            with open(config.config_path) as f:
                yaml_text = f.read()
        except OSError as e:
            raise PluginConfigError(f"alvh config '{config.config_path}': cannot read: {e.strerror}") from None
        self.market = load_market(config.market_dir)
        if config.chain_source not in ("export", "cache"):
            raise ValueError(f"AlvhStrategyConfig.chain_source must be 'export' or 'cache', not {config.chain_source!r}")
        self._by_id: dict = {}  # InstrumentId -> Instrument (venue multiplier)
        self.venue = Venue(config.venue)
        self.failures: list = []  # exceptions that halted the plug-in or were refused for it
        self.rejections: list = []  # (alvh id, reason) of every order the bridge refused
        self.trades: list = []  # every completed plug-in order, for reports and tests
        self.settlements: list = []  # every settled position: date, symbol, signed quantity, intrinsic value
        self.daily: list = []  # (date, equity) at each close
        self.decisions: list = []
        self.halted = False
        self._inbox: deque = deque()  # plug-in events waiting for the current callback to return
        self._outbox: deque = deque()  # plug-in orders/cancels waiting to reach Nautilus
        self._in_plugin = False
        self._pumping = False
        self._next_id = 0
        self._combos: dict = {}
        self._leg_owner: dict = {}  # ClientOrderId -> alvh id
        self._timers: dict = {}  # timer id -> name of the Nautilus alert
        self._next_timer = 0
        self._state: dict = {}
        self._cash = float(self.market.meta.get("initial_equity", 100000.0))
        self._marks: dict = {}  # instrument key -> price per contract (points)
        self._tags: dict = {}  # instrument key -> tag of the order that opened it
        self._day_start = (self._cash, self._cash)
        self._settling: dict = {}  # ClientOrderId -> (Instrument, signed quantity, value)
        self._day_index = 0
        self._registered = False
        self.plugin.create(_Host(self), yaml_text, config.config_path, config.strategy_name)

    # ------------------------------------------------------------------------------------------
    # Nautilus lifecycle

    def on_start(self):
        self._registered = True
        self.log.info(f"alvh plug-in {self.plugin.build_id} (ABI {self.plugin.abi_version}) from {self.plugin.path}")
        now = local_of(self.clock.timestamp_ns())
        # Skip exported days already past (a node started mid-range).
        while self._day_index < len(self.market.days) and self.market.days[self._day_index].date < now[0]:
            self._day_index += 1
        self._deliver(self.plugin.start)
        self._schedule_day()

    def on_stop(self):
        if self.plugin.created and not self.halted:
            self._deliver(self.plugin.stop)
        self.plugin.destroy()

    def on_dispose(self):
        self.plugin.destroy()

    # ------------------------------------------------------------------------------------------
    # Host function table (called by the plug-in, inside one of its callbacks)

    def host_now_utc(self) -> int:
        return self.clock.timestamp_ns() // 1_000_000_000 if self._registered else 0

    def host_now_local(self) -> tuple:
        return local_of(self.clock.timestamp_ns()) if self._registered else (self.market.first_date, 0)

    def host_is_trading_day(self, date: int) -> bool:
        return self.market.is_trading_day(date)

    def host_close_minutes(self, date: int) -> int:
        return self.market.close_minutes(date)

    def host_submit(self, order: Order) -> str:
        self._next_id += 1
        alvh_id = f"alvh-{self._next_id}"
        self._combos[alvh_id] = _Combo(alvh_id, order, time=self.host_now_local())
        self._outbox.append(("submit", alvh_id))
        return alvh_id

    def host_cancel(self, client_order_id: str) -> None:
        self._outbox.append(("cancel", client_order_id))

    def host_positions(self):
        out = []
        for p in self.cache.positions_open(strategy_id=self.id):
            inst = self._alvh_instrument(p.instrument_id)
            out.append(PositionView(inst, int(p.signed_qty), float(p.avg_px_open), self._tags.get(inst.key(), "")))
        return out

    def host_account(self) -> AccountView:
        equity = self._equity()
        cash0, equity0 = self._day_start
        return AccountView(equity, self._cash - cash0, (equity - self._cash) - (equity0 - cash0))

    def host_risk_free_rate(self) -> float:
        return float(self.market.meta.get("risk_free_rate", 0.0))

    def host_schedule_timer(self, date: int, minutes: int, name: str) -> int:
        self._next_timer += 1
        tid = self._next_timer
        alert = f"alvh-timer-{tid}"
        self._timers[tid] = alert
        # +3 us: after the day script's events of the same minute, as in the replay.
        when = max(ns_of(date, minutes, 3), self.clock.timestamp_ns())
        self.clock.set_time_alert_ns(alert, when, lambda e, tid=tid, name=name, d=date, m=minutes: self._on_timer(tid, name, d, m))
        return tid

    def host_cancel_timer(self, timer_id: int) -> None:
        alert = self._timers.pop(timer_id, None)
        if alert and alert in self.clock.timer_names:
            self.clock.cancel_timer(alert)

    def host_request_chain(self, root: str, expiries: list) -> None:
        date, minutes = self.host_now_local()
        self._inbox.append(lambda: self._send_chain(root, expiries, date, minutes))

    def host_log(self, level: int, source: str, message: str) -> None:
        if level == abi.LOG_DECISION:
            self.decisions.append(message)
            if not self.config.log_decisions:
                return
        text = f"[{_LOG_NAMES.get(level, level)}] {source}: {message}"
        if level >= abi.LOG_ERROR:
            self.log.error(text)
        elif level >= abi.LOG_WARNING:
            self.log.warning(text)
        elif level >= abi.LOG_INFO:
            self.log.info(text)

    def host_state_put(self, key: str, blob: bytes) -> None:
        self._state[key] = bytes(blob)

    def host_state_get(self, key: str) -> Optional[bytes]:
        return self._state.get(key)

    # ------------------------------------------------------------------------------------------
    # Delivery: one plug-in callback, then what it caused, in order

    def _deliver(self, fn, *args):
        if self.halted:
            return
        self._in_plugin = True
        try:
            fn(*args)
        except Exception as e:
            self._halt(e)
        finally:
            self._in_plugin = False
        self._pump()

    def _pump(self):
        if self._pumping:
            return
        self._pumping = True
        try:
            while not self.halted and (self._outbox or self._inbox):
                while self._outbox:
                    kind, arg = self._outbox.popleft()
                    try:
                        self._send(arg) if kind == "submit" else self._cancel(arg)
                    except Exception as e:  # a bridge bug must not stop the node: halt the plug-in
                        self._halt(PluginError(f"alvh_nautilus could not route order {arg}: {e!r}"))
                if self._inbox:
                    event = self._inbox.popleft()
                    self._in_plugin = True
                    try:
                        event()
                    except Exception as e:
                        self._halt(e)
                    finally:
                        self._in_plugin = False
        finally:
            self._pumping = False

    def _halt(self, error: Exception):
        self.failures.append(error)
        self.halted = True
        self._inbox.clear()
        self._outbox.clear()
        self.log.error(f"alvh plug-in halted: {error}")
        for combo in self._combos.values():
            if not combo.done:
                for coid, _, _, _ in combo.legs:
                    o = self.cache.order(coid)
                    if o is not None and o.is_open:
                        self.cancel_order(o)

    # ------------------------------------------------------------------------------------------
    # Orders: plug-in -> Nautilus

    def instrument_id(self, i: Instrument) -> InstrumentId:
        if i.kind != abi.OPTION:
            raise UntradableInstrumentError(f"{i.root} {i.expiry}: only options are routed to Nautilus (kind {i.kind})")
        iid = InstrumentId(Symbol(symbol_of(i)), self.venue)
        inst = self.cache.instrument(iid)
        if inst is None:
            raise UntradableInstrumentError(f"{i} ({iid}) is not an instrument of venue {self.venue} in the Nautilus cache")
        if abs(float(inst.multiplier) - i.multiplier) > 1e-9:
            # Quantities would mean something else on each side: 322 contracts of 1 $/pt are not
            # 322 contracts of 100 $/pt.
            raise UntradableInstrumentError(
                f"{i} has multiplier {i.multiplier:g}, {iid} has {float(inst.multiplier):g}")
        return iid

    def _refuse(self, combo: _Combo, reason: str, error: Optional[Exception] = None):
        combo.done = True
        self.rejections.append((combo.alvh_id, reason))
        if error is not None:
            self.failures.append(error)
            self.log.error(f"alvh order {combo.alvh_id} refused: {error}")
        self._plugin_event(combo.alvh_id, abi.REJECTED, 0, reason)

    def _send(self, alvh_id: str):
        combo = self._combos[alvh_id]
        order = combo.order
        if order.quantity <= 0 or not order.legs:
            return self._refuse(combo, "invalid order (no legs or quantity <= 0)")
        priced = []
        for leg in order.legs:
            try:
                iid = self.instrument_id(leg.instrument)
            except UntradableInstrumentError as e:
                return self._refuse(combo, str(e), e)
            q = self.cache.quote_tick(iid)
            if q is None:
                return self._refuse(combo, f"no quote for {leg.instrument} on venue {self.venue}")
            px = float(q.ask_price if leg.side == abi.BUY else q.bid_price)
            priced.append((leg, iid, px))
        net = sum((px if leg.side == abi.SELL else -px) * leg.ratio for leg, _, px in priced)
        if self.config.enforce_net_limit:
            # Credit orders need at least `limit` in; debit orders pay at most `limit`.
            worse = net < order.limit - 1e-9 if order.effect == abi.CREDIT else -net > order.limit + 1e-9
            if worse:
                return self._refuse(combo, f"net price {abs(net):.4f} at the touch is worse than the limit {order.limit:.4f}")
        orders = []
        for leg, iid, px in priced:
            qty = leg.ratio * order.quantity
            o = self.order_factory.limit(
                instrument_id=iid,
                order_side=OrderSide.BUY if leg.side == abi.BUY else OrderSide.SELL,
                quantity=Quantity.from_int(qty),
                price=Price(px, PRICE_PRECISION),
                time_in_force=TimeInForce.IOC,
                tags=[f"alvh:{alvh_id}", order.tag],
            )
            combo.legs.append((o.client_order_id, leg, iid, qty))
            combo.fills[o.client_order_id] = [0, 0.0, 0.0]
            self._leg_owner[o.client_order_id] = alvh_id
            orders.append(o)
        for o in orders:
            self.submit_order(o)

    def _cancel(self, alvh_id: str):
        combo = self._combos.get(alvh_id)
        if combo is None or combo.done:
            return
        for coid, _, _, _ in combo.legs:
            o = self.cache.order(coid)
            if o is not None and o.is_open:
                self.cancel_order(o)

    def _plugin_event(self, alvh_id: str, state: int, filled: int, reason: str = ""):
        t = self.host_now_utc()
        self._inbox.append(lambda: self.plugin.on_order_event(alvh_id, state, filled, reason, t))
        if not self._pumping:
            self._pump()

    # ------------------------------------------------------------------------------------------
    # Nautilus order events -> plug-in

    def on_order_accepted(self, event):
        combo = self._combo_of(event.client_order_id)
        if combo and not combo.accepted and not combo.done:
            combo.accepted = True
            self._plugin_event(combo.alvh_id, abi.ACCEPTED, 0)

    def on_order_rejected(self, event):
        self._leg_failed(event.client_order_id, abi.REJECTED, f"Nautilus rejected a leg: {event.reason}")

    def on_order_denied(self, event):
        self._leg_failed(event.client_order_id, abi.REJECTED, f"Nautilus denied a leg: {event.reason}")

    def on_order_canceled(self, event):
        self._leg_failed(event.client_order_id, abi.CANCELLED, "a leg was cancelled (IOC not filled)")

    def on_order_expired(self, event):
        self._leg_failed(event.client_order_id, abi.EXPIRED, "a leg expired")

    def _alvh_instrument(self, iid: InstrumentId) -> Instrument:
        """The alvh instrument of a venue instrument, with the venue's multiplier (1 for a
        fractional VIX lot)."""
        inst = self._by_id.get(iid)
        if inst is None:
            venue_inst = self.cache.instrument(iid)
            inst = instrument_of_symbol(iid.symbol.value)
            if venue_inst is not None:
                inst = inst._replace(multiplier=float(venue_inst.multiplier))
            self._by_id[iid] = inst
        return inst

    def _combo_of(self, coid) -> Optional[_Combo]:
        alvh_id = self._leg_owner.get(coid)
        return self._combos.get(alvh_id) if alvh_id else None

    def _leg_failed(self, coid, state: int, reason: str):
        combo = self._combo_of(coid)
        if combo is None or combo.done:
            return
        combo.done = True
        # All legs or none: cancel what still works, unwind what filled.
        for other, leg, iid, _ in combo.legs:
            o = self.cache.order(other)
            if o is not None and o.is_open:
                self.cancel_order(o)
            filled = combo.fills[other][0]
            if filled:
                side = OrderSide.SELL if leg.side == abi.BUY else OrderSide.BUY
                self.submit_order(self.order_factory.market(iid, side, Quantity.from_int(filled), tags=[UNWIND_TAG]))
        any_filled = any(f[0] for f in combo.fills.values())
        if any_filled and state == abi.REJECTED:
            state = abi.CANCELLED
        self.rejections.append((combo.alvh_id, reason))
        self._plugin_event(combo.alvh_id, state, 0, reason + (" (filled legs unwound at market)" if any_filled else ""))

    def on_order_filled(self, event):
        inst = self._alvh_instrument(event.instrument_id)
        qty = int(event.last_qty)
        px = float(event.last_px)
        commission = float(event.commission.as_double()) if event.commission is not None else 0.0
        buy = event.order_side == OrderSide.BUY
        self._book(inst, qty if buy else -qty, px, commission)
        coid = event.client_order_id
        if coid in self._settling:
            inst, held, value = self._settling.pop(coid)
            date = self.host_now_local()[0]
            cash = held * value * inst.multiplier
            self.settlements.append({"date": date, "symbol": symbol_of(inst), "quantity": held, "value": value})
            self._inbox.append(lambda: self.plugin.on_settlement(inst, date, value, held, cash))
            return self._pump()
        combo = self._combo_of(coid)
        if combo is None:
            return
        f = combo.fills[coid]
        f[0] += qty
        f[1] += qty * px
        f[2] += commission
        if combo.done or any(combo.fills[c][0] < q for c, _, _, q in combo.legs):
            return
        combo.done = True
        legs, net = [], 0.0
        for c, leg, iid, q in combo.legs:
            avg = combo.fills[c][1] / q
            legs.append((leg.instrument, leg.side, q, avg))
            net += (avg if leg.side == abi.SELL else -avg) * leg.ratio
            if q and (leg.side == abi.BUY) == (self._position_qty(leg.instrument) > 0):
                self._tags[leg.instrument.key()] = combo.order.tag
        effect = abi.CREDIT if net >= 0 else abi.DEBIT
        commission = sum(x[2] for x in combo.fills.values())
        t = self.host_now_utc()
        order = combo.order
        self.trades.append({
            "date": self.host_now_local()[0], "minutes": self.host_now_local()[1], "id": combo.alvh_id, "tag": order.tag,
            "quantity": order.quantity, "net_price": abs(net), "effect": "credit" if effect == abi.CREDIT else "debit",
            "commission": commission,
            "legs": [(symbol_of(i), "buy" if s == abi.BUY else "sell", q, p) for i, s, q, p in legs],
        })
        self._inbox.append(lambda: self.plugin.on_order_event(combo.alvh_id, abi.FILLED, order.quantity, "", t))
        self._inbox.append(
            lambda: self.plugin.on_fill(combo.alvh_id, order.quantity, abs(net), effect, legs, commission, t)
        )
        self._pump()

    # ------------------------------------------------------------------------------------------
    # Book keeping: cash from Nautilus fills, positions from the Nautilus cache, marks at the
    # index time and the close (the replay ledger's rule; a new position counts at its fill price)

    def _book(self, inst: Instrument, signed_qty: int, px: float, commission: float):
        self._cash -= signed_qty * px * inst.multiplier + commission
        self._marks[inst.key()] = px

    def _position_qty(self, inst: Instrument) -> int:
        iid = InstrumentId(Symbol(symbol_of(inst)), self.venue)
        n = 0
        for p in self.cache.positions_open(instrument_id=iid, strategy_id=self.id):
            n += int(p.signed_qty)
        return n

    def _equity(self) -> float:
        value = 0.0
        for p in self.cache.positions_open(strategy_id=self.id):
            inst = self._alvh_instrument(p.instrument_id)
            value += float(p.signed_qty) * self._marks.get(inst.key(), float(p.avg_px_open)) * inst.multiplier
        return self._cash + value

    def _mark(self, date: int, minutes: int):
        for p in self.cache.positions_open(strategy_id=self.id):
            inst = self._alvh_instrument(p.instrument_id)
            q = self.market.quote(date, minutes, inst)
            if q is not None:
                self._marks[inst.key()] = q.mid

    # ------------------------------------------------------------------------------------------
    # The day script

    def _schedule_day(self):
        if self._day_index >= len(self.market.days):
            return
        day = self.market.days[self._day_index]
        at = lambda m, us, f: self.clock.set_time_alert_ns(  # noqa: E731
            f"alvh-day-{day.date}-{m}-{us}", max(ns_of(day.date, m, us), self.clock.timestamp_ns()), lambda e: f(day)
        )
        at(day.open_minutes, 1, self._open_settle)
        at(day.open_minutes, 2, self._open_signals)
        at(day.index_minutes, 2, self._index_time)
        at(day.close_minutes, 1, self._close_settle)
        at(day.close_minutes, 2, self._close)

    def _settle_expiring(self, day, vix_family: bool, minutes: int):
        values = {(r, e): v for d, m, r, e, v in self.market.settlements if d == day.date and m == minutes}
        for p in list(self.cache.positions_open(strategy_id=self.id)):
            inst = self._alvh_instrument(p.instrument_id)
            if (inst.root != "SPXW") != vix_family or inst.expiry > day.date:
                continue
            value = values.get((inst.root, inst.expiry))
            if value is None:
                self.log.warning(f"no settlement value for {inst} on {day.date}: position left open")
                continue
            held = int(p.signed_qty)
            side = OrderSide.SELL if held > 0 else OrderSide.BUY
            o = self.order_factory.market(p.instrument_id, side, Quantity.from_int(abs(held)), tags=[SETTLEMENT_TAG])
            intrinsic = max(value - inst.strike, 0.0) if inst.right == abi.CALL else max(inst.strike - value, 0.0)
            self._settling[o.client_order_id] = (inst, held, intrinsic)
            self.submit_order(o)

    def _open_settle(self, day):
        self._day_start = (self._cash, self._equity())
        if not self.halted:
            self._settle_expiring(day, True, day.open_minutes)

    def _open_signals(self, day):
        if day.signals:
            self._deliver(self.plugin.on_signals, day.date, day.open_minutes, day.signals)

    def _index_time(self, day):
        self._mark(day.date, day.index_minutes)
        self._deliver(self.plugin.on_index_values, day.date, day.index_minutes, day.index)
        held = []
        t = self.host_now_utc()
        for p in self.cache.positions_open(strategy_id=self.id):
            inst = self._alvh_instrument(p.instrument_id)
            q = self.market.quote(day.date, day.index_minutes, inst)
            if q is not None:
                held.append(Quote(inst, q.bid, q.ask, t, q.iv, q.delta, q.vega))
        if held:
            self._deliver(self.plugin.on_quotes, day.date, day.index_minutes, held)

    def _close_settle(self, day):
        if not self.halted:
            self._settle_expiring(day, False, day.close_minutes)

    def _close(self, day):
        for symbol, (o, h, low, c) in day.bars.items():
            self._deliver(self.plugin.on_daily_bar, symbol, day.date, o, h, low, c)
        self._mark(day.date, day.close_minutes)
        self.daily.append((day.date, self._equity()))
        self._day_index += 1
        self._schedule_day()

    def _on_timer(self, tid: int, name: str, date: int, minutes: int):
        if self._timers.pop(tid, None) is None:
            return
        self._deliver(self.plugin.on_timer, tid, name, date, minutes)

    def _send_chain(self, root: str, expiries: list, date: int, minutes: int):
        t = self.host_now_utc()
        held = [self._alvh_instrument(p.instrument_id) for p in self.cache.positions_open(strategy_id=self.id)]
        chain = self.market.chain(root, date, minutes, expiries, t, held)
        if chain is None:
            self.log.warning(f"no exported {root} chain at {date} {minutes // 60:02d}:{minutes % 60:02d}: empty chain")
            chain = (math.nan, {}, [])
        underlying, forwards, quotes = chain
        if self.config.chain_source == "cache":
            # The same instruments, their bid/ask as Nautilus's QuoteTicks of this minute.
            quotes = self._cache_chain(quotes, date, minutes)
        self.plugin.on_chain(root, date, minutes, t, underlying, forwards, quotes)

    def _cache_chain(self, chain: list, date: int, minutes: int) -> list:
        """`chain`'s instruments priced from the QuoteTicks Nautilus received in the current minute
        (an instrument without one this minute is left out); greeks stay the export's."""
        minute_start = ns_of(date, minutes)
        out = []
        for q in chain:
            iid = InstrumentId(Symbol(symbol_of(q.instrument)), self.venue)
            tick = self.cache.quote_tick(iid)
            if tick is None or not minute_start <= tick.ts_event < minute_start + 60_000_000_000:
                continue
            out.append(Quote(q.instrument, float(tick.bid_price), float(tick.ask_price), tick.ts_event // 1_000_000_000,
                             q.iv, q.delta, q.vega))
        return out
