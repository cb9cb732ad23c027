"""`alvh export-quotes`: the files docs/nautilus.md describes, and its argument errors."""
import csv
import json
import os
import subprocess

from alvh_nautilus.market import load_market


def run(args):
    return subprocess.run([os.environ["ALVH_CLI"], "export-quotes"] + args, capture_output=True, text=True)


def test_the_export_has_every_documented_file_and_a_chain_at_each_entry_and_review(short_export_dir):
    meta = json.load(open(os.path.join(short_export_dir, "export.json")))
    print(meta)
    assert meta["format"] == 1 and meta["backtest_variant"].startswith("condors+alvh:")
    for name in ("quotes.csv", "chains.csv", "days.csv", "signals.csv", "settlements.csv", "calendar.csv"):
        assert os.path.getsize(os.path.join(short_export_dir, name)) > 0, name
    header = next(csv.reader(open(os.path.join(short_export_dir, "quotes.csv"))))
    assert header == ["date", "minutes", "root", "expiry", "strike", "right", "bid", "ask", "iv", "delta", "vega",
                      "fill_buy", "fill_sell", "in_chain"]
    m = load_market(short_export_dir)
    assert len(m.days) == meta["days"]
    for day in m.days:
        # Default config: entry 15:45 and review 15:50, or close - 15 / close - 5 on early closes.
        entry, review = min(945, day.close_minutes - 15), min(950, day.close_minutes - 5)
        assert m.chains.get((day.date, entry, "SPXW")), f"no SPXW chain at minute {entry} on {day.date}"
        assert m.chains.get((day.date, review, "VIX")), f"no VIX chain at minute {review} on {day.date}"
        assert day.signals, f"no signals for {day.date}"
    for q in (q for by in m.quotes.values() for q in by.values()):
        assert q.fill_sell <= q.fill_buy


def test_to_before_from_is_a_usage_error(config_path, tmp_path):
    p = run(["--config", config_path, "--from", "2024-07-10", "--to", "2024-07-01", "--out", str(tmp_path)])
    print(p.stderr)
    assert p.returncode == 2 and "--to is before --from" in p.stderr


def test_a_malformed_date_names_the_flag(config_path, tmp_path):
    p = run(["--config", config_path, "--from", "2024-7-1", "--out", str(tmp_path)])
    print(p.stderr)
    assert p.returncode == 2 and "--from" in p.stderr


def test_a_range_without_data_fails_with_a_message(config_path, tmp_path):
    p = run(["--config", config_path, "--from", "1900-01-01", "--to", "1900-02-01", "--out", str(tmp_path)])
    print(p.stderr)
    assert p.returncode == 1 and "no replayable day" in p.stderr
