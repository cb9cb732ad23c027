"""Runs the alvh plug-in in Nautilus's BacktestEngine over an `alvh export-quotes` directory.

    .venv/bin/python integrations/nautilus/run_backtest.py EXPORT_DIR PLUGIN.so CONFIG.yaml [--fills model|quoted]

Prints the time to build the engine (instruments, ticks) and to run it, the orders, settlements and
the equity at the last close. Exit status 1 when the plug-in failed or was halted.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alvh_nautilus.backtest import build_backtest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export_dir")
    ap.add_argument("plugin")
    ap.add_argument("config")
    ap.add_argument("--fills", choices=("model", "quoted"), default="model")
    ap.add_argument("--log-level", default="ERROR")
    a = ap.parse_args()
    t0 = time.perf_counter()
    bt = build_backtest(a.export_dir, a.plugin, a.config, fills=a.fills, log_level=a.log_level)
    t1 = time.perf_counter()
    bt.run()
    t2 = time.perf_counter()
    s = bt.strategy
    print(f"alvh in NautilusTrader: {bt.market.days[0].date} .. {bt.market.days[-1].date}, {len(bt.market.days)} days, "
          f"{bt.tick_count} quote ticks, fills={a.fills}")
    print(f"build {t1 - t0:.2f} s, run {t2 - t1:.2f} s")
    print(f"{len(s.trades)} orders, {sum(len(t['legs']) for t in s.trades)} legs, {len(s.settlements)} settlements, "
          f"equity at the last close {s.daily[-1][1]:.2f} $")
    for e in s.failures:
        print(f"failure: {e}", file=sys.stderr)
    return 1 if s.halted or s.failures else 0


if __name__ == "__main__":
    sys.exit(main())
