"""Shared fixtures: the built plug-in and CLI (paths from ctest's environment), and one
three-month export and `alvh backtest` run, made once per work directory and reused."""
import json
import os
import subprocess

import pytest

RANGE = ("2024-06-03", "2024-08-30")  # three months with the 2024-08-05 VIX spike


def _env(name):
    v = os.environ.get(name)
    if not v:
        pytest.fail(f"{name} is not set: run these tests through ctest (tests/integrations/nautilus)")
    return v


@pytest.fixture(scope="session")
def plugin_path():
    return _env("ALVH_PLUGIN")


@pytest.fixture(scope="session")
def source_dir():
    return _env("ALVH_SOURCE_DIR")


@pytest.fixture(scope="session")
def config_path(source_dir):
    return os.path.join(source_dir, "config", "alvh.yaml")


@pytest.fixture(scope="session")
def work_dir():
    d = _env("ALVH_NAUTILUS_WORK")
    os.makedirs(d, exist_ok=True)
    return d


def _run_once(work_dir, name, args):
    """Runs the alvh CLI into work/<name> unless a previous run with the same arguments finished."""
    out = os.path.join(work_dir, name)
    stamp = os.path.join(out, ".args.json")
    cli = _env("ALVH_CLI")
    # Rerun when the CLI, the config or an argument changed.
    key = json.dumps([cli, os.path.getmtime(cli)] + args + [os.path.getmtime(a) for a in args if os.path.isfile(a)])
    if os.path.exists(stamp) and open(stamp).read() == key:
        return out
    p = subprocess.run([cli] + args + ["--out", out, "--quiet"], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.fail(f"{' '.join([cli] + args)} failed ({p.returncode}):\n{p.stderr}")
    with open(stamp, "w") as f:
        f.write(key)
    return out


@pytest.fixture(scope="session")
def export_dir(work_dir, config_path):
    return _run_once(work_dir, "export", ["export-quotes", "--config", config_path, "--from", RANGE[0], "--to", RANGE[1]])


@pytest.fixture(scope="session")
def backtest_dir(work_dir, config_path):
    return _run_once(work_dir, "backtest", ["backtest", "--config", config_path, "--from", RANGE[0], "--to", RANGE[1]])


SHORT_RANGE = ("2024-07-01", "2024-07-10")  # the bad-input tests need a few days only


@pytest.fixture(scope="session")
def short_export_dir(work_dir, config_path):
    return _run_once(
        work_dir, "export-short", ["export-quotes", "--config", config_path, "--from", SHORT_RANGE[0], "--to", SHORT_RANGE[1]]
    )
