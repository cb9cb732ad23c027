/* alvh plugin ABI, version 1.
 *
 * The only header a host needs. Rules of the boundary:
 *  - One exported symbol, `alvh_plugin_entry` (ALVH_PLUGIN_ENTRY_SYMBOL). The host calls it with
 *    its own ABI version and gets a descriptor: manifest first, callback table second. The host
 *    checks `manifest.abi_version` before using anything else.
 *  - Every struct starts with `uint32_t struct_size` (sizeof as the writer compiled it). Readers
 *    accept larger structs (newer minor additions at the end) and reject smaller ones.
 *  - Only C types cross: fixed-width integers, doubles, NUL-terminated UTF-8 strings, arrays with
 *    explicit counts. Memory is never freed across the boundary: strings and arrays passed into a
 *    call are valid only during that call; copy what you keep.
 *  - No exception crosses: every plugin function returns an alvh_status and fills alvh_error.
 *  - Dates are int32 YYYYMMDD; exchange times are New York (date + minutes after midnight);
 *    instants are int64 seconds since the Unix epoch, UTC.
 *  - The plugin never calls back into itself through the host: host functions must not call a
 *    plugin callback. Order events and fills caused by a host call are queued by the host and
 *    delivered after the current callback returns.
 *  - Lifecycle: create -> [load_state] -> start -> events... -> stop -> [save_state] -> destroy.
 *    Events before start or after stop return ALVH_ERR_STATE.
 * See docs/plugin-abi.md.
 */
#ifndef ALVH_PLUGIN_H
#define ALVH_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ALVH_PLUGIN_ABI_VERSION 1u
#define ALVH_PLUGIN_ENTRY_SYMBOL "alvh_plugin_entry"

#if defined(_WIN32)
#define ALVH_PLUGIN_EXPORT __declspec(dllexport)
#else
#define ALVH_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

typedef enum alvh_status {
  ALVH_OK = 0,
  ALVH_ERR_ABI = 1,          /* version or struct size mismatch */
  ALVH_ERR_ARGUMENT = 2,     /* null pointer, bad enum, unknown strategy name */
  ALVH_ERR_CONFIG = 3,       /* the YAML config did not validate; message lists the errors */
  ALVH_ERR_STATE = 4,        /* call not allowed in the current lifecycle state */
  ALVH_ERR_INTERNAL = 5,     /* an exception inside the plugin, caught at the boundary */
  ALVH_ERR_HOST = 6          /* a host function reported a failure during the callback */
} alvh_status;

#define ALVH_ERROR_MESSAGE_CAP 1024
typedef struct alvh_error {
  uint32_t struct_size;
  int32_t status;                          /* alvh_status */
  char message[ALVH_ERROR_MESSAGE_CAP];    /* NUL-terminated, truncated if longer */
} alvh_error;

/* ---- reference data ---------------------------------------------------------------------- */

typedef enum alvh_instrument_kind { ALVH_OPTION = 0, ALVH_FUTURE = 1 } alvh_instrument_kind;
typedef enum alvh_right { ALVH_CALL = 0, ALVH_PUT = 1 } alvh_right;
typedef enum alvh_side { ALVH_BUY = 0, ALVH_SELL = 1 } alvh_side;
typedef enum alvh_price_effect { ALVH_CREDIT = 0, ALVH_DEBIT = 1 } alvh_price_effect;

typedef struct alvh_instrument {
  uint32_t struct_size;
  int32_t kind;          /* alvh_instrument_kind */
  const char* root;      /* "SPXW", "VIX", "VX" */
  int32_t expiry;        /* YYYYMMDD */
  double strike;         /* 0 for futures */
  int32_t right;         /* alvh_right */
  double multiplier;     /* $ per point */
} alvh_instrument;

typedef struct alvh_exchange_time {
  int32_t date;          /* YYYYMMDD, New York */
  int32_t minutes;       /* after local midnight */
} alvh_exchange_time;

/* ---- orders ---------------------------------------------------------------------------- */

typedef struct alvh_combo_leg {
  uint32_t struct_size;
  alvh_instrument instrument;
  int32_t side;          /* alvh_side */
  int32_t ratio;
} alvh_combo_leg;

typedef struct alvh_combo_order {
  uint32_t struct_size;
  const alvh_combo_leg* legs;
  uint32_t leg_count;    /* 2..4 */
  int32_t quantity;
  double limit;          /* net price magnitude, points per unit, > 0 */
  int32_t effect;        /* alvh_price_effect */
  const char* tag;
} alvh_combo_order;

typedef struct alvh_single_order {
  uint32_t struct_size;
  alvh_instrument instrument;
  int32_t side;
  int32_t quantity;
  double limit;
  const char* tag;
} alvh_single_order;

typedef enum alvh_order_state {
  ALVH_PENDING_SUBMIT = 0, ALVH_ACCEPTED = 1, ALVH_PARTIALLY_FILLED = 2, ALVH_FILLED = 3,
  ALVH_PENDING_CANCEL = 4, ALVH_CANCELLED = 5, ALVH_REJECTED = 6, ALVH_EXPIRED = 7
} alvh_order_state;

typedef struct alvh_order_event {
  uint32_t struct_size;
  const char* client_order_id;
  int32_t state;         /* alvh_order_state */
  int32_t filled_quantity;
  const char* reason;
  int64_t time_utc;
} alvh_order_event;

typedef struct alvh_leg_fill {
  uint32_t struct_size;
  alvh_instrument instrument;
  int32_t side;
  int32_t quantity;
  double price;
} alvh_leg_fill;

typedef struct alvh_fill {
  uint32_t struct_size;
  const char* client_order_id;
  int32_t quantity;
  double net_price;
  int32_t effect;
  const alvh_leg_fill* legs;
  uint32_t leg_count;
  double commission;
  int64_t time_utc;
} alvh_fill;

typedef struct alvh_position {
  uint32_t struct_size;
  alvh_instrument instrument;
  int32_t quantity;      /* signed: + long, - short */
  double average_price;  /* premium per contract, points */
  const char* tag;       /* tag of the order that opened it; valid until the next positions call */
} alvh_position;

/* $ figures of the whole account. */
typedef struct alvh_account {
  uint32_t struct_size;
  double equity;          /* net liquidation value */
  double realized_today;  /* since the session opened */
  double unrealized;      /* mark-to-market of open positions */
} alvh_account;

/* Dollar Greeks of the book: delta per index point, vega per vol point, theta per calendar day. */
typedef struct alvh_portfolio_greeks {
  uint32_t struct_size;
  double spx_delta, spx_gamma, spx_vega;
  double vix_delta, vix_vega;
  double theta;
} alvh_portfolio_greeks;

/* ---- market data ----------------------------------------------------------------------- */

/* One completed daily bar ("SPX", "VIX", "VX1"...), delivered after the close of `date`.
 * Missing values are NaN with the matching present bit clear (open=0, high=1, low=2, close=3). */
typedef struct alvh_daily_bar {
  uint32_t struct_size;
  const char* symbol;
  int32_t date;          /* YYYYMMDD */
  double open, high, low, close;
  uint32_t present_mask;
} alvh_daily_bar;

/* Missing values are NaN with the matching present bit clear; never 0. */
typedef struct alvh_index_values {
  uint32_t struct_size;
  alvh_exchange_time time;
  double spx, vix, vix1d, vix9d, vix3m, vvix, vx_front;
  uint32_t present_mask; /* bit i set when field i (spx=0 ... vx_front=6) is present */
} alvh_index_values;

typedef struct alvh_quote {
  uint32_t struct_size;
  alvh_instrument instrument;
  double bid, ask;
  int64_t time_utc;
  /* NaN when absent: iv annualised (0.20 = 20%), delta per unit of underlying (puts < 0),
   * vega per 1 vol point. Without them the plug-in prices through its own QuantLib pricer. */
  double iv, delta, vega;
} alvh_quote;

/* Quotes for instruments the strategy holds or asked about (intraday marks for stops). */
typedef struct alvh_quote_snapshot {
  uint32_t struct_size;
  alvh_exchange_time time;
  const alvh_quote* quotes;
  uint32_t quote_count;
} alvh_quote_snapshot;

/* Fixed layout (no size prefix; never extended): the underlying per expiry, i.e. the same-expiry
 * VX future for VIX options, the SPX forward (or spot) for SPXW. */
typedef struct alvh_forward {
  int32_t expiry;
  double price;
} alvh_forward;

/* One complete chain: delivered only when the whole batch is there. */
typedef struct alvh_chain_snapshot {
  uint32_t struct_size;
  const char* root;
  alvh_exchange_time time;
  int64_t observed_utc;
  double underlying;
  const alvh_forward* forwards;
  uint32_t forward_count;
  const alvh_quote* quotes;
  uint32_t quote_count;
} alvh_chain_snapshot;

/* Fixed layout (no size prefix; never extended). */
typedef struct alvh_signal_value {
  const char* column;    /* e.g. "macd_vix.hist" */
  double value;          /* NaN when missing */
} alvh_signal_value;

/* Daily signal values computed by the host from data known at `time` (the columns the config's
 * `signals` section defines). The plugin evaluates the config's `rules` on them itself, with the
 * previous snapshot as "previous day" for crossings, so deliver one snapshot per trading day. */
typedef struct alvh_signal_snapshot {
  uint32_t struct_size;
  alvh_exchange_time time;
  const alvh_signal_value* values;
  uint32_t value_count;
} alvh_signal_snapshot;

typedef struct alvh_settlement {
  uint32_t struct_size;
  alvh_instrument instrument;
  int32_t date;
  double settlement_price;
  int32_t quantity;
  double cash;
} alvh_settlement;

typedef struct alvh_timer_event {
  uint32_t struct_size;
  uint64_t timer_id;     /* as returned by schedule_timer */
  const char* name;
  alvh_exchange_time scheduled;
} alvh_timer_event;

/* ---- host function table (host -> plugin) -----------------------------------------------
 * Every slot must be set; create() rejects a table with a null slot. Host functions must not
 * throw (a C++ host catches inside each function). */

typedef enum alvh_log_level { ALVH_LOG_DEBUG = 0, ALVH_LOG_INFO = 1, ALVH_LOG_DECISION = 2,
                              ALVH_LOG_WARNING = 3, ALVH_LOG_ERROR = 4 } alvh_log_level;

typedef struct alvh_host_api {
  uint32_t struct_size;
  uint32_t abi_version;  /* ALVH_PLUGIN_ABI_VERSION the host was built with */
  void* host;            /* opaque, passed back as the first argument of every function */

  int64_t (*now_utc)(void* host);
  alvh_exchange_time (*now_local)(void* host);
  int32_t (*is_trading_day)(void* host, int32_t yyyymmdd);   /* 1 / 0 */
  int32_t (*close_minutes)(void* host, int32_t yyyymmdd);    /* 960, or 780 on early closes */

  /* Orders: write the host-assigned id (NUL-terminated) into id_out[id_cap]. A refused order
   * still gets an id and a Rejected order event. Return ALVH_OK unless the call itself failed. */
  int32_t (*submit_combo)(void* host, const alvh_combo_order* order, char* id_out, size_t id_cap);
  int32_t (*submit_order)(void* host, const alvh_single_order* order, char* id_out, size_t id_cap);
  int32_t (*cancel)(void* host, const char* client_order_id);

  /* Positions: the number of positions; fills out[0 .. min(n, cap)). Called with cap 0 to size. */
  uint32_t (*positions)(void* host, alvh_position* out, uint32_t cap);
  int32_t (*account)(void* host, alvh_account* out);
  int32_t (*portfolio_greeks)(void* host, alvh_portfolio_greeks* out);
  double (*risk_free_rate)(void* host);  /* annual, continuous; for Black-76 / BSM */

  /* Timers fire at or after `when` (New York), in time order, one on_timer call each. */
  uint64_t (*schedule_timer)(void* host, alvh_exchange_time when, const char* name);
  void (*cancel_timer)(void* host, uint64_t timer_id);
  /* Answered later with on_chain; expiry_count 0 = every listed expiry the host has. */
  void (*request_chain)(void* host, const char* root, const int32_t* expiries, uint32_t expiry_count);

  void (*log)(void* host, int32_t level, const char* source, const char* message);
  int32_t (*state_put)(void* host, const char* key, const char* blob, size_t len);
  /* Returns the blob length, or -1 when absent; copies min(len, cap) bytes into buf. */
  int64_t (*state_get)(void* host, const char* key, char* buf, size_t cap);
} alvh_host_api;

/* ---- plugin callback table (plugin -> host) ---------------------------------------------
 * Every function returns an alvh_status and, when err is not NULL, fills it (ALVH_OK and an
 * empty message on success). A host rejects a plugin whose table has a null slot. */

typedef struct alvh_instance alvh_instance; /* opaque */

typedef struct alvh_create_params {
  uint32_t struct_size;
  const char* strategy_name;   /* one of manifest.strategy_names */
  const char* config_yaml;     /* the whole YAML document (schema manifest.config_schema_version) */
  const char* config_origin;   /* names the document in errors ("config/alvh.yaml"); may be NULL */
} alvh_create_params;

typedef struct alvh_plugin_api {
  uint32_t struct_size;
  /* Validates the config, builds the strategy and hands it the host table (Strategy::init). On
   * ALVH_ERR_CONFIG err->message lists every problem as "origin:line:col: path: message". The
   * host table must outlive the instance. */
  int32_t (*create)(const alvh_host_api* host, const alvh_create_params* params, alvh_instance** out,
                    alvh_error* err);
  void (*destroy)(alvh_instance* instance);  /* NULL is ignored */
  int32_t (*start)(alvh_instance*, alvh_error* err);
  int32_t (*stop)(alvh_instance*, alvh_error* err);
  int32_t (*on_daily_bar)(alvh_instance*, const alvh_daily_bar*, alvh_error* err);
  int32_t (*on_index_values)(alvh_instance*, const alvh_index_values*, alvh_error* err);
  int32_t (*on_signals)(alvh_instance*, const alvh_signal_snapshot*, alvh_error* err);
  int32_t (*on_chain)(alvh_instance*, const alvh_chain_snapshot*, alvh_error* err);
  int32_t (*on_quotes)(alvh_instance*, const alvh_quote_snapshot*, alvh_error* err);
  /* Every state change of an order the plugin submitted, then on_fill for each execution. */
  int32_t (*on_order_event)(alvh_instance*, const alvh_order_event*, alvh_error* err);
  int32_t (*on_fill)(alvh_instance*, const alvh_fill*, alvh_error* err);
  int32_t (*on_settlement)(alvh_instance*, const alvh_settlement*, alvh_error* err);
  int32_t (*on_timer)(alvh_instance*, const alvh_timer_event*, alvh_error* err);
  /* save_state writes a blob through host->state_put; load_state (before start) reads it via
   * state_get. A blob that cannot be read gives ALVH_ERR_STATE: the host must not start. */
  int32_t (*save_state)(alvh_instance*, alvh_error* err);
  int32_t (*load_state)(alvh_instance*, alvh_error* err);
} alvh_plugin_api;

typedef struct alvh_manifest {
  uint32_t struct_size;
  uint32_t abi_version;            /* ALVH_PLUGIN_ABI_VERSION of the plugin */
  const char* build_id;            /* version, git revision, compiler, QuantLib version */
  const char* const* strategy_names;
  uint32_t strategy_count;
  uint32_t config_schema_version;  /* YAML schema_version the plugin accepts */
} alvh_manifest;

typedef struct alvh_plugin_descriptor {
  uint32_t struct_size;
  alvh_manifest manifest;
  const alvh_plugin_api* api;
} alvh_plugin_descriptor;

/* The single entry point. Returns the same static descriptor on every call (whatever the host's
 * version: the host compares versions); NULL only if the plugin cannot describe itself at all. */
typedef const alvh_plugin_descriptor* (*alvh_plugin_entry_fn)(uint32_t host_abi_version);
ALVH_PLUGIN_EXPORT const alvh_plugin_descriptor* alvh_plugin_entry(uint32_t host_abi_version);

#ifdef __cplusplus
}
#endif

#endif /* ALVH_PLUGIN_H */
