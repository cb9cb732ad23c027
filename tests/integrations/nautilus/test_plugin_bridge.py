"""The ctypes bridge alone (alvh_nautilus.plugin): loading, the manifest, one day of events, and
every way loading or creating can fail, each a Python exception that names the cause."""
import os

import pytest

from alvh_nautilus import abi
from alvh_nautilus.plugin import (
    AccountView,
    AlvhPlugin,
    PluginAbiError,
    PluginCallError,
    PluginConfigError,
    PluginLoadError,
)


class DayHost:
    """A host for one synthetic day: 2024-03-13, weekdays trade, 16:00 close."""

    def __init__(self):
        self.now = (20240313, 9 * 60)
        self.timers, self.chains, self.orders, self.state, self.logs = [], [], [], {}, []
        self.fail_account = False

    def now_utc(self): return 1710334800
    def now_local(self): return self.now
    def is_trading_day(self, d): return True
    def close_minutes(self, d): return 960
    def submit(self, order):
        self.orders.append(order)
        return f"o{len(self.orders)}"
    def cancel(self, cid): pass
    def positions(self): return []
    def account(self):
        if self.fail_account:
            raise RuntimeError("broker account unavailable")
        return AccountView(100000.0)
    def risk_free_rate(self): return 0.04
    def schedule_timer(self, d, m, name):
        self.timers.append((d, m, name))
        return len(self.timers)
    def cancel_timer(self, tid): pass
    def request_chain(self, root, expiries): self.chains.append((root, expiries))
    def log(self, level, source, message): self.logs.append((level, source, message))
    def state_put(self, key, blob): self.state[key] = blob
    def state_get(self, key): return self.state.get(key)


def config_text(source_dir):
    return open(os.path.join(source_dir, "config", "alvh.yaml")).read()


def test_the_plugin_loads_and_its_manifest_names_alvh_portfolio(plugin_path):
    p = AlvhPlugin(plugin_path)
    print("build", p.build_id)
    assert p.abi_version == abi.ABI_VERSION
    assert p.strategy_names == ["alvh_portfolio"]
    assert p.config_schema_version == 1
    assert p.build_id.startswith("alvh ")


def test_one_day_schedules_the_entry_and_review_and_asks_for_the_next_day_spxw_chain(plugin_path, source_dir):
    p = AlvhPlugin(plugin_path)
    h = DayHost()
    p.create(h, config_text(source_dir), "config/alvh.yaml")
    p.start()
    print("timers", h.timers)
    assert (20240313, 15 * 60 + 45, "iron_condor.entry") in h.timers
    assert (20240313, 15 * 60 + 50, "vix_ladder.review") in h.timers
    h.now = (20240313, 15 * 60 + 40)
    p.on_index_values(20240313, h.now[1], {"spx": 5150.0, "vix": 14.5, "vvix": 82.0, "vx_front": 15.6})
    h.now = (20240313, 15 * 60 + 45)
    p.on_timer(1, "iron_condor.entry", 20240313, h.now[1])
    print("chains", h.chains)
    assert h.chains == [("SPXW", [20240314])]
    p.stop()
    p.save_state()
    assert "alvh_portfolio" in h.state
    p.destroy()
    assert p.host_errors == []


def test_a_wrong_plugin_path_raises_plugin_load_error_naming_the_file(tmp_path):
    missing = tmp_path / "nowhere" / "libalvh_plugin.so"
    with pytest.raises(PluginLoadError, match=r"nowhere/libalvh_plugin.so': no such file"):
        AlvhPlugin(missing)


def test_a_file_that_is_not_a_library_raises_plugin_load_error(tmp_path):
    text = tmp_path / "libalvh_plugin.so"
    text.write_text("not an ELF object\n")
    with pytest.raises(PluginLoadError, match="not a loadable shared library"):
        AlvhPlugin(text)


def test_a_plugin_of_another_abi_version_raises_plugin_abi_error():
    with pytest.raises(PluginAbiError, match="plugin ABI version 99, this host speaks ABI version 1"):
        AlvhPlugin(os.environ["ALVH_FIXTURE_WRONG_ABI"])


def test_an_invalid_config_raises_plugin_config_error_with_file_line_and_column(plugin_path, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nstrategy_typo: {}\n")
    p = AlvhPlugin(plugin_path)
    with pytest.raises(PluginConfigError) as e:
        p.create(DayHost(), bad.read_text(), str(bad))
    print(e.value)
    assert f"{bad}:2:1" in str(e.value)
    assert not p.created


def test_an_unknown_strategy_name_is_refused_before_create(plugin_path, source_dir):
    p = AlvhPlugin(plugin_path)
    with pytest.raises(Exception, match="unknown strategy 'nope'"):
        p.create(DayHost(), config_text(source_dir), "config/alvh.yaml", strategy="nope")


def test_an_event_before_start_raises_plugin_call_error_with_err_state(plugin_path, source_dir):
    p = AlvhPlugin(plugin_path)
    p.create(DayHost(), config_text(source_dir), "config/alvh.yaml")
    with pytest.raises(PluginCallError) as e:
        p.on_timer(1, "iron_condor.entry", 20240313, 945)
    assert e.value.status == abi.ERR_STATE
    assert "on_timer" in str(e.value)


def test_a_host_function_that_raises_never_unwinds_through_the_plugin(plugin_path, source_dir):
    p = AlvhPlugin(plugin_path)
    h = DayHost()
    p.create(h, config_text(source_dir), "config/alvh.yaml")
    p.start()
    h.fail_account = True
    h.now = (20240313, 15 * 60 + 40)
    # The portfolio reads the account on index values (daily-loss check): the host's exception is
    # kept and logged, the plug-in sees a failed host call, nothing crashes.
    try:
        p.on_index_values(20240313, h.now[1], {"spx": 5150.0, "vix": 14.5})
    except PluginCallError as e:
        print("plug-in reported:", e)
    print("host errors", p.host_errors)
    assert any(slot == "account" and "broker account unavailable" in str(err) for slot, err in p.host_errors)
    assert any("host function account failed" in m for _, _, m in h.logs)
