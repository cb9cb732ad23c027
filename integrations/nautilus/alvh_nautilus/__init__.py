"""alvh_nautilus: the alvh strategy plug-in (libalvh_plugin.so, C ABI) inside NautilusTrader.

    from alvh_nautilus import AlvhStrategy, AlvhStrategyConfig

See docs/nautilus.md. The plug-in holds the strategy; this package only hosts it.
"""
from .plugin import (  # noqa: F401
    AlvhPlugin,
    PluginAbiError,
    PluginCallError,
    PluginConfigError,
    PluginError,
    PluginLoadError,
)
from .instruments import UntradableInstrumentError  # noqa: F401
from .market import MarketFileError, load_market  # noqa: F401

__version__ = "0.1.0"


def __getattr__(name):
    # Nautilus is imported only when the strategy or the backtest is used: the ABI bridge alone
    # (alvh_nautilus.plugin) needs the standard library and numpy (chains cross as one array).
    if name in ("AlvhStrategy", "AlvhStrategyConfig"):
        from . import strategy

        return getattr(strategy, name)
    if name in ("build_backtest", "AlvhBacktest", "PerContractFeeModel"):
        from . import backtest

        return getattr(backtest, name)
    raise AttributeError(name)
