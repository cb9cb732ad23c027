"""Bad input around AlvhStrategy: each case raises (or records) a Python exception that names the
cause, and the Nautilus engine it happened in keeps running (a healthy run completes after it)."""
import os

import pytest

from alvh_nautilus import (
    MarketFileError,
    PluginAbiError,
    PluginConfigError,
    PluginLoadError,
    UntradableInstrumentError,
    abi,
)
from alvh_nautilus.backtest import build_backtest
from alvh_nautilus.strategy import AlvhStrategy, AlvhStrategyConfig


def config(plugin_path, config_path, market_dir, **kw):
    return AlvhStrategyConfig(plugin_path=str(plugin_path), config_path=str(config_path), market_dir=market_dir, **kw)


@pytest.fixture()
def engine_without_strategy(short_export_dir):
    return build_backtest(short_export_dir, with_strategy=False)


def run_healthy(bt, plugin_path, config_path, market_dir):
    """After a failed construction the same engine still takes a good strategy and runs it."""
    s = AlvhStrategy(config(plugin_path, config_path, market_dir))
    bt.engine.add_strategy(s)
    bt.run()
    assert s.failures == []
    assert len(s.daily) == len(bt.market.days)
    assert s.trades
    return s


def test_a_wrong_plugin_path_raises_plugin_load_error_and_the_engine_runs_on(
        engine_without_strategy, short_export_dir, plugin_path, config_path, tmp_path):
    missing = tmp_path / "libalvh_plugin.so"
    with pytest.raises(PluginLoadError, match=f"{missing}': no such file"):
        AlvhStrategy(config(missing, config_path, short_export_dir))
    run_healthy(engine_without_strategy, plugin_path, config_path, short_export_dir)


def test_an_abi_mismatch_raises_plugin_abi_error_and_the_engine_runs_on(
        engine_without_strategy, short_export_dir, plugin_path, config_path):
    with pytest.raises(PluginAbiError, match="plugin ABI version 99, this host speaks ABI version 1"):
        AlvhStrategy(config(os.environ["ALVH_FIXTURE_WRONG_ABI"], config_path, short_export_dir))
    run_healthy(engine_without_strategy, plugin_path, config_path, short_export_dir)


def test_an_invalid_config_raises_plugin_config_error_naming_file_line_and_field(
        engine_without_strategy, short_export_dir, plugin_path, config_path, tmp_path):
    bad = tmp_path / "alvh.yaml"
    text = open(config_path).read().replace("max_orders_per_minute: 20", "max_orders_per_minute: -3")
    assert "max_orders_per_minute: -3" in text
    bad.write_text(text)
    with pytest.raises(PluginConfigError) as e:
        AlvhStrategy(config(plugin_path, bad, short_export_dir))
    print(e.value)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "max_orders_per_minute: -3" in l)
    assert f"{bad}:{line}:" in str(e.value) and "max_orders_per_minute" in str(e.value)
    with pytest.raises(PluginConfigError, match="cannot read"):
        AlvhStrategy(config(plugin_path, tmp_path / "absent.yaml", short_export_dir))
    run_healthy(engine_without_strategy, plugin_path, config_path, short_export_dir)


def test_a_missing_export_raises_market_file_error_naming_the_file(plugin_path, config_path, tmp_path):
    with pytest.raises(MarketFileError, match="export.json: no such file"):
        AlvhStrategy(config(plugin_path, config_path, str(tmp_path)))


def test_an_instrument_the_venue_does_not_list_rejects_the_whole_combo_and_the_run_goes_on(
        short_export_dir, plugin_path, config_path):
    # The venue lists no SPXW puts, yet the chains show them: every condor has an untradable leg.
    bt = build_backtest(short_export_dir, plugin_path, config_path,
                        keep_instrument=lambda i: not (i.root == "SPXW" and i.right == abi.PUT))
    bt.run()
    s = bt.strategy
    print("refused:", s.rejections[:2])
    untradable = [e for e in s.failures if isinstance(e, UntradableInstrumentError)]
    assert untradable and "is not an instrument of venue ALVH" in str(untradable[0])
    assert "SPXW" in str(untradable[0]) and "P (" in str(untradable[0])
    # All legs or none: no SPXW call of a refused condor was sent either.
    assert not any(sym.startswith("SPXW") for t in s.trades for sym, *_ in t["legs"])
    # The plug-in was told (REJECTED) and tried again at the next entry; Nautilus ran every day.
    entries = [d for d in s.decisions if " open condor " in d]
    print(f"{len(entries)} condor entries, {len(s.rejections)} refused")
    assert len(entries) >= 2 and len(s.rejections) == len(entries)
    assert not s.halted
    assert len(s.daily) == len(bt.market.days)


def test_a_failing_plugin_call_halts_the_plugin_and_nautilus_runs_to_the_end(short_export_dir, plugin_path, config_path):
    from alvh_nautilus import PluginCallError

    bt = build_backtest(short_export_dir, plugin_path, config_path)
    s = bt.strategy
    real = s.plugin.on_index_values
    calls = []

    def failing(date, minutes, values):
        calls.append(date)
        if len(calls) == 3:  # the third day's index levels: as if the plug-in returned ALVH_ERR_INTERNAL
            raise PluginCallError("on_index_values", abi.ERR_INTERNAL, "injected failure")
        return real(date, minutes, values)

    s.plugin.on_index_values = failing
    bt.run()
    print("failures:", s.failures)
    assert s.halted and len(s.failures) == 1 and "injected failure" in str(s.failures[0])
    assert len(calls) == 3  # nothing reached the plug-in after the failure
    halted_day = bt.market.days[2].date
    assert all(t["date"] < halted_day for t in s.trades)
    assert len(s.daily) == len(bt.market.days)  # Nautilus went on to the last day


def test_an_order_whose_multiplier_differs_from_the_venue_instrument_is_refused(short_export_dir, plugin_path, config_path):
    from alvh_nautilus.plugin import Instrument

    bt = build_backtest(short_export_dir, plugin_path, config_path)
    s = bt.strategy
    known = next(iter(bt.market.quotes[next(iter(bt.market.quotes))].values())).instrument
    with pytest.raises(UntradableInstrumentError, match="has multiplier 1, .* has 100"):
        s.instrument_id(known._replace(multiplier=1.0))
    with pytest.raises(UntradableInstrumentError, match="only options"):
        s.instrument_id(Instrument("VX", known.expiry, 0.0, abi.CALL, kind=abi.FUTURE, multiplier=1000.0))
    assert s.instrument_id(known).symbol.value.startswith(known.root)
