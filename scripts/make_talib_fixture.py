#!/usr/bin/env python3
"""Reference fixture for the C++ MACD/RSI: tests/fixtures/signals/talib_vix_macd_rsi.csv.

How it was produced: TA-Lib itself cannot be installed in the build environment (no PyPI access),
so this script is an independent, literal Python port of TA-Lib's C functions in default
compatibility mode with no unstable period, read from TA-Lib/ta-lib src/ta_func/:
  * ta_MACD.c  TA_MACD(12, 26, 9): slow seed = sum of 26 inputs from 0.0 in input order / 26,
    fast seed = sum of the last 12 of those same bars / 12 (both windows end on bar 25),
    EMA step ((x - prev) * k) + prev with k = 2 / (n + 1), signal seeded with the sum of the first
    9 MACD values / 9; first output at index 33 (lookback 25 + 8).
  * ta_RSI.c   TA_RSI(14): gains/losses summed over the first 14 changes, divided by 14; then
    prev *= 13; prev += change; prev /= 14 (that order); RSI = 100 * (gain / (gain + loss)),
    0.0 when gain + loss is within TA_IS_ZERO (|v| < 1e-8, ta_utility.h); first output at index 14.
  * ta_EMA.c   the same seed and recursion as used inside MACD.
Input: the CLOSE column of data/vix_ohlc_daily.csv (CBOE VIX, 1990-01-02 onward), every row in
file order, run from index 0 over the full series (TA-Lib output depends on the start index).
Output columns: date, close, macd, signal, hist, rsi; empty where TA-Lib emits nothing.
Values are written with repr() (17 significant digits) so the C++ test can compare to 1e-9.

Usage: python3 scripts/make_talib_fixture.py [input.csv] [output.csv]
Plain python3, no third-party packages.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ta_is_zero(v):
    return -0.00000001 < v < 0.00000001


def ta_macd(in_real, fast=12, slow=26, signal=9):
    """Literal port of TA_MACD (default compatibility), startIdx = 0, endIdx = len - 1."""
    n = len(in_real)
    out_macd = [None] * n
    out_signal = [None] * n
    out_hist = [None] * n
    if slow < fast:
        fast, slow = slow, fast
    slow_k = 2.0 / float(slow + 1)
    fast_k = 2.0 / float(fast + 1)
    signal_k = 2.0 / float(signal + 1)
    lookback_signal = signal - 1
    lookback_total = lookback_signal + (slow - 1)
    start_idx = lookback_total
    end_idx = n - 1
    if start_idx > end_idx:
        return out_macd, out_signal, out_hist
    today = start_idx - lookback_total
    temp_real = 0.0
    for _ in range(slow - fast):
        temp_real += in_real[today]
        today += 1
    prev_fast = 0.0
    for _ in range(fast):
        prev_fast += in_real[today]
        temp_real += in_real[today]
        today += 1
    prev_slow = temp_real / slow
    prev_fast = prev_fast / fast
    while today <= start_idx - lookback_signal:
        temp_real = in_real[today]
        today += 1
        prev_fast = (temp_real - prev_fast) * fast_k + prev_fast
        prev_slow = (temp_real - prev_slow) * slow_k + prev_slow
    macd_value = prev_fast - prev_slow
    prev_signal = 0.0
    prev_signal += macd_value
    for _ in range(signal - 1):
        temp_real = in_real[today]
        today += 1
        prev_fast = (temp_real - prev_fast) * fast_k + prev_fast
        prev_slow = (temp_real - prev_slow) * slow_k + prev_slow
        macd_value = prev_fast - prev_slow
        prev_signal += macd_value
    prev_signal = prev_signal / signal
    while today <= start_idx:
        temp_real = in_real[today]
        today += 1
        prev_fast = (temp_real - prev_fast) * fast_k + prev_fast
        prev_slow = (temp_real - prev_slow) * slow_k + prev_slow
        macd_value = prev_fast - prev_slow
        prev_signal = (macd_value - prev_signal) * signal_k + prev_signal
    out_idx = start_idx
    out_macd[out_idx] = macd_value
    out_signal[out_idx] = prev_signal
    out_hist[out_idx] = macd_value - prev_signal
    while today <= end_idx:
        temp_real = in_real[today]
        today += 1
        prev_fast = (temp_real - prev_fast) * fast_k + prev_fast
        prev_slow = (temp_real - prev_slow) * slow_k + prev_slow
        macd_value = prev_fast - prev_slow
        prev_signal = (macd_value - prev_signal) * signal_k + prev_signal
        out_idx += 1
        out_macd[out_idx] = macd_value
        out_signal[out_idx] = prev_signal
        out_hist[out_idx] = macd_value - prev_signal
    return out_macd, out_signal, out_hist


def ta_rsi(in_real, period=14):
    """Literal port of TA_RSI (classic, no unstable period), startIdx = 0, endIdx = len - 1."""
    n = len(in_real)
    out = [None] * n
    lookback_total = period
    start_idx = lookback_total
    end_idx = n - 1
    if start_idx > end_idx:
        return out
    today = start_idx - lookback_total
    prev_value = in_real[today]
    prev_gain = 0.0
    prev_loss = 0.0
    today += 1
    for _ in range(period):
        temp_value1 = in_real[today]
        today += 1
        temp_value2 = temp_value1 - prev_value
        prev_value = temp_value1
        if temp_value2 < 0.0:
            prev_loss -= temp_value2
        else:
            prev_gain += temp_value2
    prev_loss /= float(period)
    prev_gain /= float(period)
    out_idx = start_idx
    # today > start_idx holds here (no unstable period), so the seed is written out.
    temp_value1 = prev_gain + prev_loss
    out[out_idx] = 0.0 if ta_is_zero(temp_value1) else 100.0 * (prev_gain / temp_value1)
    while today <= end_idx:
        temp_value1 = in_real[today]
        today += 1
        temp_value2 = temp_value1 - prev_value
        prev_value = temp_value1
        prev_loss *= float(period - 1)
        prev_gain *= float(period - 1)
        if temp_value2 < 0.0:
            prev_loss -= temp_value2
        else:
            prev_gain += temp_value2
        prev_loss /= float(period)
        prev_gain /= float(period)
        temp_value1 = prev_gain + prev_loss
        out_idx += 1
        out[out_idx] = 0.0 if ta_is_zero(temp_value1) else 100.0 * (prev_gain / temp_value1)
    return out


def default_input():
    bundled = os.path.join(ROOT, "data", "vix_ohlc_daily.csv")
    if os.path.exists(bundled):
        return bundled
    return "/work/shared/data/vix_ohlc_daily.csv"  # the copy data/ came from (data/SOURCES.md); argv[1] overrides


def fmt(v):
    return "" if v is None else repr(v)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else default_input()
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        ROOT, "tests", "fixtures", "signals", "talib_vix_macd_rsi.csv")
    dates, closes = [], []
    with open(src, newline="") as f:
        for row in csv.DictReader(f):
            dates.append(row["DATE"])
            closes.append(float(row["CLOSE"]))
    macd, sig, hist = ta_macd(closes)
    rsi = ta_rsi(closes)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w", newline="") as f:
        f.write("date,close,macd,signal,hist,rsi\n")
        for i, d in enumerate(dates):
            f.write(",".join([d, repr(closes[i]), fmt(macd[i]), fmt(sig[i]), fmt(hist[i]),
                              fmt(rsi[i])]) + "\n")
    print(f"{dst}: {len(dates)} rows from {src}")


if __name__ == "__main__":
    main()
