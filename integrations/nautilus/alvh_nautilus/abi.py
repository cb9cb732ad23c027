"""ctypes mirror of plugin/include/alvh/plugin.h (ABI version 1).

Only layout lives here: every struct and function-pointer type of the header, field for field, in
the header's order. Behaviour (loading, checks, the host table) is in plugin.py.
"""
from __future__ import annotations

import ctypes as C

ABI_VERSION = 1
ENTRY_SYMBOL = "alvh_plugin_entry"
ERROR_MESSAGE_CAP = 1024

# alvh_status
OK, ERR_ABI, ERR_ARGUMENT, ERR_CONFIG, ERR_STATE, ERR_INTERNAL, ERR_HOST = range(7)
STATUS_NAMES = {
    OK: "ALVH_OK",
    ERR_ABI: "ALVH_ERR_ABI",
    ERR_ARGUMENT: "ALVH_ERR_ARGUMENT",
    ERR_CONFIG: "ALVH_ERR_CONFIG",
    ERR_STATE: "ALVH_ERR_STATE",
    ERR_INTERNAL: "ALVH_ERR_INTERNAL",
    ERR_HOST: "ALVH_ERR_HOST",
}

OPTION, FUTURE = 0, 1
CALL, PUT = 0, 1
BUY, SELL = 0, 1
CREDIT, DEBIT = 0, 1
(PENDING_SUBMIT, ACCEPTED, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELLED, REJECTED, EXPIRED) = range(8)
LOG_DEBUG, LOG_INFO, LOG_DECISION, LOG_WARNING, LOG_ERROR = range(5)


class Error(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("status", C.c_int32), ("message", C.c_char * ERROR_MESSAGE_CAP)]


class Instrument(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("kind", C.c_int32),
        ("root", C.c_char_p),
        ("expiry", C.c_int32),
        ("strike", C.c_double),
        ("right", C.c_int32),
        ("multiplier", C.c_double),
    ]


class ExchangeTime(C.Structure):
    _fields_ = [("date", C.c_int32), ("minutes", C.c_int32)]


class ComboLeg(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("instrument", Instrument), ("side", C.c_int32), ("ratio", C.c_int32)]


class ComboOrder(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("legs", C.POINTER(ComboLeg)),
        ("leg_count", C.c_uint32),
        ("quantity", C.c_int32),
        ("limit", C.c_double),
        ("effect", C.c_int32),
        ("tag", C.c_char_p),
    ]


class SingleOrder(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("instrument", Instrument),
        ("side", C.c_int32),
        ("quantity", C.c_int32),
        ("limit", C.c_double),
        ("tag", C.c_char_p),
    ]


class OrderEvent(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("client_order_id", C.c_char_p),
        ("state", C.c_int32),
        ("filled_quantity", C.c_int32),
        ("reason", C.c_char_p),
        ("time_utc", C.c_int64),
    ]


class LegFill(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("instrument", Instrument),
        ("side", C.c_int32),
        ("quantity", C.c_int32),
        ("price", C.c_double),
    ]


class Fill(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("client_order_id", C.c_char_p),
        ("quantity", C.c_int32),
        ("net_price", C.c_double),
        ("effect", C.c_int32),
        ("legs", C.POINTER(LegFill)),
        ("leg_count", C.c_uint32),
        ("commission", C.c_double),
        ("time_utc", C.c_int64),
    ]


class Position(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("instrument", Instrument),
        ("quantity", C.c_int32),
        ("average_price", C.c_double),
        ("tag", C.c_char_p),
    ]


class Account(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("equity", C.c_double),
        ("realized_today", C.c_double),
        ("unrealized", C.c_double),
    ]


class PortfolioGreeks(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("spx_delta", C.c_double),
        ("spx_gamma", C.c_double),
        ("spx_vega", C.c_double),
        ("vix_delta", C.c_double),
        ("vix_vega", C.c_double),
        ("theta", C.c_double),
    ]


class DailyBar(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("symbol", C.c_char_p),
        ("date", C.c_int32),
        ("open", C.c_double),
        ("high", C.c_double),
        ("low", C.c_double),
        ("close", C.c_double),
        ("present_mask", C.c_uint32),
    ]


class IndexValues(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("time", ExchangeTime),
        ("spx", C.c_double),
        ("vix", C.c_double),
        ("vix1d", C.c_double),
        ("vix9d", C.c_double),
        ("vix3m", C.c_double),
        ("vvix", C.c_double),
        ("vx_front", C.c_double),
        ("present_mask", C.c_uint32),
    ]


class Quote(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("instrument", Instrument),
        ("bid", C.c_double),
        ("ask", C.c_double),
        ("time_utc", C.c_int64),
        ("iv", C.c_double),
        ("delta", C.c_double),
        ("vega", C.c_double),
    ]


class QuoteSnapshot(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("time", ExchangeTime),
        ("quotes", C.POINTER(Quote)),
        ("quote_count", C.c_uint32),
    ]


class Forward(C.Structure):
    _fields_ = [("expiry", C.c_int32), ("price", C.c_double)]


class ChainSnapshot(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("root", C.c_char_p),
        ("time", ExchangeTime),
        ("observed_utc", C.c_int64),
        ("underlying", C.c_double),
        ("forwards", C.POINTER(Forward)),
        ("forward_count", C.c_uint32),
        ("quotes", C.POINTER(Quote)),
        ("quote_count", C.c_uint32),
    ]


class SignalValue(C.Structure):
    _fields_ = [("column", C.c_char_p), ("value", C.c_double)]


class SignalSnapshot(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("time", ExchangeTime),
        ("values", C.POINTER(SignalValue)),
        ("value_count", C.c_uint32),
    ]


class Settlement(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("instrument", Instrument),
        ("date", C.c_int32),
        ("settlement_price", C.c_double),
        ("quantity", C.c_int32),
        ("cash", C.c_double),
    ]


class TimerEvent(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("timer_id", C.c_uint64),
        ("name", C.c_char_p),
        ("scheduled", ExchangeTime),
    ]


# ---- host function table ----------------------------------------------------------------------
# Pointer arguments are declared c_void_p and cast inside the callbacks: ctypes then never tries to
# convert them (a c_char_p argument would be copied into a Python bytes object, losing the buffer).
F_now_utc = C.CFUNCTYPE(C.c_int64, C.c_void_p)
# alvh_exchange_time crosses by value in now_local and schedule_timer. ctypes callbacks cannot return
# structs, so both use the calling convention's view of this 8-byte struct of two int32: one 64-bit
# integer register, date in the low half, minutes in the high half (x86-64 System V and AArch64).
F_now_local = C.CFUNCTYPE(C.c_uint64, C.c_void_p)
F_is_trading_day = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.c_int32)
F_close_minutes = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.c_int32)
F_submit_combo = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.POINTER(ComboOrder), C.c_void_p, C.c_size_t)
F_submit_order = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.POINTER(SingleOrder), C.c_void_p, C.c_size_t)
F_cancel = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.c_char_p)
F_positions = C.CFUNCTYPE(C.c_uint32, C.c_void_p, C.POINTER(Position), C.c_uint32)
F_account = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.POINTER(Account))
F_greeks = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.POINTER(PortfolioGreeks))
F_rate = C.CFUNCTYPE(C.c_double, C.c_void_p)
F_schedule_timer = C.CFUNCTYPE(C.c_uint64, C.c_void_p, C.c_uint64, C.c_char_p)
F_cancel_timer = C.CFUNCTYPE(None, C.c_void_p, C.c_uint64)
F_request_chain = C.CFUNCTYPE(None, C.c_void_p, C.c_char_p, C.POINTER(C.c_int32), C.c_uint32)
F_log = C.CFUNCTYPE(None, C.c_void_p, C.c_int32, C.c_char_p, C.c_char_p)
F_state_put = C.CFUNCTYPE(C.c_int32, C.c_void_p, C.c_char_p, C.c_void_p, C.c_size_t)
F_state_get = C.CFUNCTYPE(C.c_int64, C.c_void_p, C.c_char_p, C.c_void_p, C.c_size_t)

HOST_SLOTS = [
    ("now_utc", F_now_utc),
    ("now_local", F_now_local),
    ("is_trading_day", F_is_trading_day),
    ("close_minutes", F_close_minutes),
    ("submit_combo", F_submit_combo),
    ("submit_order", F_submit_order),
    ("cancel", F_cancel),
    ("positions", F_positions),
    ("account", F_account),
    ("portfolio_greeks", F_greeks),
    ("risk_free_rate", F_rate),
    ("schedule_timer", F_schedule_timer),
    ("cancel_timer", F_cancel_timer),
    ("request_chain", F_request_chain),
    ("log", F_log),
    ("state_put", F_state_put),
    ("state_get", F_state_get),
]


class HostApi(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("abi_version", C.c_uint32), ("host", C.c_void_p)] + HOST_SLOTS


# ---- plugin callback table ---------------------------------------------------------------------


class CreateParams(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("strategy_name", C.c_char_p),
        ("config_yaml", C.c_char_p),
        ("config_origin", C.c_char_p),
    ]


Instance = C.c_void_p
P_err = C.POINTER(Error)


def _event(struct):
    return C.CFUNCTYPE(C.c_int32, Instance, C.POINTER(struct), P_err)


PLUGIN_SLOTS = [
    ("create", C.CFUNCTYPE(C.c_int32, C.POINTER(HostApi), C.POINTER(CreateParams), C.POINTER(Instance), P_err)),
    ("destroy", C.CFUNCTYPE(None, Instance)),
    ("start", C.CFUNCTYPE(C.c_int32, Instance, P_err)),
    ("stop", C.CFUNCTYPE(C.c_int32, Instance, P_err)),
    ("on_daily_bar", _event(DailyBar)),
    ("on_index_values", _event(IndexValues)),
    ("on_signals", _event(SignalSnapshot)),
    ("on_chain", _event(ChainSnapshot)),
    ("on_quotes", _event(QuoteSnapshot)),
    ("on_order_event", _event(OrderEvent)),
    ("on_fill", _event(Fill)),
    ("on_settlement", _event(Settlement)),
    ("on_timer", _event(TimerEvent)),
    ("save_state", C.CFUNCTYPE(C.c_int32, Instance, P_err)),
    ("load_state", C.CFUNCTYPE(C.c_int32, Instance, P_err)),
]


class PluginApi(C.Structure):
    _fields_ = [("struct_size", C.c_uint32)] + PLUGIN_SLOTS


class Manifest(C.Structure):
    _fields_ = [
        ("struct_size", C.c_uint32),
        ("abi_version", C.c_uint32),
        ("build_id", C.c_char_p),
        ("strategy_names", C.POINTER(C.c_char_p)),
        ("strategy_count", C.c_uint32),
        ("config_schema_version", C.c_uint32),
    ]


class Descriptor(C.Structure):
    _fields_ = [("struct_size", C.c_uint32), ("manifest", Manifest), ("api", C.POINTER(PluginApi))]


def pack_time(date: int, minutes: int) -> int:
    return (date & 0xFFFFFFFF) | ((minutes & 0xFFFFFFFF) << 32)


def unpack_time(packed: int) -> tuple:
    def s32(v):
        return v - (1 << 32) if v & 0x80000000 else v

    return s32(packed & 0xFFFFFFFF), s32((packed >> 32) & 0xFFFFFFFF)


def sized(struct_type, **fields):
    """A struct with struct_size set, as every ABI struct must carry."""
    s = struct_type(**fields)
    s.struct_size = C.sizeof(struct_type)
    return s
