"""Per-event cost of the Python ctypes bridge, against BM_PluginDecision (bench/latency_bench.cpp),
which drives the same plug-in from C++ in-process (PluginStrategy).

Same scenario as BM_PluginDecision: each day, untimed, signals at 09:30, index levels at 15:40 and
the condor entry timer (which asks for the SPXW chain); timed, the chain answer (the same synthetic
126-quote chain) -> the plug-in decides -> submit_combo reaches the host; untimed, the order is
reported rejected so the next day starts flat. Also timed: one on_index_values call (the smallest
event) for the fixed cost of a call through ctypes.

    .venv/bin/python integrations/nautilus/bench_bridge.py build/release/plugin/libalvh_plugin.so [days [config.yaml]]
"""
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alvh_nautilus import abi  # noqa: E402
from alvh_nautilus.plugin import AccountView, AlvhPlugin, Instrument, Quote  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def norm_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def days_from(ymd):
    import datetime as dt

    return dt.date(ymd // 10000, ymd // 100 % 100, ymd % 100)


def ymd_of(d):
    return d.year * 10000 + d.month * 100 + d.day


def next_weekday(ymd):
    import datetime as dt

    d = days_from(ymd) + dt.timedelta(days=1)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return ymd_of(d)


def utc_of(date, minutes):  # New York as UTC-5, as the C++ bench
    import datetime as dt

    d = days_from(date)
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp()) + (minutes + 300) * 60


def spxw_chain(date, minutes, expiry):
    """bench/latency_bench.cpp spxw_chain: flat 11% vol around 5150, strikes +/-300 step 5."""
    f, vol = 5150.0, 0.11
    t = (days_from(expiry) - days_from(date)).days / 365.0 + 1.0 / 365.0 / 4.0
    quotes = []
    k = f - 300
    while k <= f + 300:
        for right in (abi.PUT, abi.CALL):
            call = right == abi.CALL
            sd = vol * math.sqrt(t)
            d1 = (math.log(f / k) + 0.5 * sd * sd) / sd
            d2 = d1 - sd
            price = f * norm_cdf(d1) - k * norm_cdf(d2) if call else k * norm_cdf(-d2) - f * norm_cdf(-d1)
            if price < 0.05:
                continue
            half = max(0.05, 0.02 * price)
            delta = norm_cdf(d1) if call else norm_cdf(d1) - 1.0
            vega = f * math.exp(-0.5 * d1 * d1) / 2.5066282746310002 * math.sqrt(t) / 100.0
            quotes.append(Quote(Instrument("SPXW", expiry, k, right), max(0.05, price - half), price + half,
                                utc_of(date, minutes), vol, delta, vega))
        k += 5
    return quotes


class BenchHost:
    def __init__(self, day):
        self.now = (day, 9 * 60 + 30)
        self.timers = {}
        self.next_timer = 0
        self.chain_request = None
        self.sent = []
        self.submit_entered = 0

    def now_utc(self): return utc_of(*self.now)
    def now_local(self): return self.now
    def is_trading_day(self, d): return days_from(d).weekday() < 5
    def close_minutes(self, d): return 960
    def submit(self, order):
        self.submit_entered = time.perf_counter_ns()
        self.sent.append(f"b{len(self.sent) + 1}")
        return self.sent[-1]
    def cancel(self, cid): pass
    def positions(self): return []
    def account(self): return AccountView(100000.0)
    def risk_free_rate(self): return 0.04
    def schedule_timer(self, d, m, name):
        self.next_timer += 1
        self.timers[self.next_timer] = (d, m, name)
        return self.next_timer
    def cancel_timer(self, tid): self.timers.pop(tid, None)
    def request_chain(self, root, expiries): self.chain_request = (root, expiries)
    def log(self, level, source, message): pass
    def state_put(self, key, blob): pass
    def state_get(self, key): return None


SIGNALS = {"macd_vix.macd": -0.2, "macd_vix.signal": -0.1, "macd_vix.hist": -0.1, "rsi_vix": 45.0, "rsi_spx": 58.0,
           "adl.line": 1200.0, "adl.ema": 1100.0, "term_ratio": 0.88, "term_slope": 0.07, "vix": 14.5}
INDEX = {"spx": 5150.0, "vix": 14.5, "vix1d": 11.0, "vix9d": 13.5, "vix3m": 16.2, "vvix": 82.0, "vx_front": 15.6}


def main():
    plugin_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "release", "plugin", "libalvh_plugin.so")
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    config = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "config", "alvh.yaml")
    yaml = open(config).read()
    decide, index_call = [], []
    plugin = host = None
    day = 20240102
    for n in range(days):
        if n % 2000 == 0:  # as the C++ bench: a fresh instance every 2000 days (bounded calendar)
            if plugin:
                plugin.destroy()
            plugin = AlvhPlugin(plugin_path)
            host = BenchHost(day)
            plugin.create(host, yaml, "config/alvh.yaml")
            plugin.start()
        host.now = (day, 9 * 60 + 30)
        plugin.on_signals(day, host.now[1], SIGNALS)
        host.now = (day, 15 * 60 + 40)
        t0 = time.perf_counter_ns()
        plugin.on_index_values(day, host.now[1], INDEX)
        index_call.append(time.perf_counter_ns() - t0)
        host.chain_request = None
        tid, (d, m, name) = next((k, v) for k, v in host.timers.items() if v[0] == day and v[2] == "iron_condor.entry")
        for k in [k for k, v in host.timers.items() if v[0] <= day]:
            del host.timers[k]
        host.now = (day, m)
        plugin.on_timer(tid, name, d, m)
        root, expiries = host.chain_request
        expiry = expiries[0] if expiries else next_weekday(day)
        quotes = spxw_chain(day, m, expiry)
        host.sent.clear()
        t0 = time.perf_counter_ns()
        plugin.on_chain("SPXW", day, m, utc_of(day, m), 5150.0, {expiry: 5150.0}, quotes)
        decide.append(host.submit_entered - t0)
        assert len(host.sent) == 1, f"the plug-in sent {len(host.sent)} orders on {day}"
        plugin.on_order_event(host.sent[0], abi.REJECTED, 0, "bench", utc_of(day, m))
        day = next_weekday(day)

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(int(p * len(xs)), len(xs) - 1)] / 1000.0

    print(f"plug-in {plugin.build_id}, {days} days, chain of {len(quotes)} quotes")
    print(f"chain -> decision -> submit_combo (Python bridge): p50 {pct(decide, 0.5):.1f} us, p99 {pct(decide, 0.99):.1f} us")
    print(f"on_index_values call (Python bridge): p50 {pct(index_call, 0.5):.1f} us, p99 {pct(index_call, 0.99):.1f} us")
    plugin.destroy()


if __name__ == "__main__":
    main()
