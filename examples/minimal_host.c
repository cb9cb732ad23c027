/* minimal_host.c: a host written in plain C that loads the alvh plug-in, checks its manifest,
 * creates an instance with a YAML config and feeds it one trading day of synthetic events.
 *
 *   alvh_minimal_host PATH/libalvh_plugin.so config/alvh.yaml [YYYYMMDD]
 *
 * Everything here is deliberately simple: weekdays are trading days, the market closes at 16:00,
 * New York is taken as UTC-5, quotes come from Black-Scholes with a flat volatility, and every
 * order fills at its limit. A real host answers the same table from its own clock, calendar,
 * market data and broker. See docs/plugin-abi.md.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alvh/plugin.h"

/* ---- host state ---------------------------------------------------------------------------- */

#define MAX_TIMERS 16
#define MAX_EVENTS 64

typedef struct timer {
  uint64_t id;
  alvh_exchange_time when;
  char name[64];
  int live;
} timer;

typedef struct queued {  /* order events and fills wait until the current callback returns */
  alvh_order_event event;
  char id[32];
  int is_fill;
  alvh_fill fill;
} queued;

typedef struct host_state {
  int32_t date;
  int32_t minutes;
  uint64_t next_timer;
  timer timers[MAX_TIMERS];
  int orders;
  queued events[MAX_EVENTS];
  int event_count;
  char chain_root[16];     /* a pending request_chain */
  int32_t chain_expiry;
} host_state;

static const double kSpot = 5150.0, kVix = 14.5, kVx = 15.6;

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int32_t ymd) {
  int64_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int32_t civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  return (int32_t)(y * 10000 + m * 100 + d);
}

static int is_weekday(int32_t ymd) {
  const int64_t wd = (days_from_civil(ymd) + 4) % 7; /* 0 = Sunday */
  return wd != 0 && wd != 6;
}

static int32_t next_weekday(int32_t ymd) {
  do ymd = civil_from_days(days_from_civil(ymd) + 1);
  while (!is_weekday(ymd));
  return ymd;
}

static int64_t utc_of(int32_t date, int32_t minutes) { return days_from_civil(date) * 86400 + (minutes + 300) * 60; }

/* ---- the host function table ----------------------------------------------------------------- */

static int64_t h_now_utc(void* h) { host_state* s = h; return utc_of(s->date, s->minutes); }
static alvh_exchange_time h_now_local(void* h) {
  host_state* s = h;
  alvh_exchange_time t = {s->date, s->minutes};
  return t;
}
static int32_t h_is_trading_day(void* h, int32_t d) { (void)h; return is_weekday(d); }
static int32_t h_close_minutes(void* h, int32_t d) { (void)h; (void)d; return 960; }

static void queue_fill(host_state* s, const char* id, int32_t quantity, double price, int32_t effect,
                       const alvh_leg_fill* legs, uint32_t leg_count) {
  if (s->event_count + 2 > MAX_EVENTS) return;
  queued* a = &s->events[s->event_count++];
  memset(a, 0, sizeof *a);
  snprintf(a->id, sizeof a->id, "%s", id);
  a->event.struct_size = sizeof a->event;
  a->event.state = ALVH_FILLED;
  a->event.filled_quantity = quantity;
  a->event.reason = "";
  a->event.time_utc = utc_of(s->date, s->minutes);
  queued* f = &s->events[s->event_count++];
  *f = *a;
  f->is_fill = 1;
  f->fill.struct_size = sizeof f->fill;
  f->fill.quantity = quantity;
  f->fill.net_price = price;
  f->fill.effect = effect;
  f->fill.legs = legs; /* points into static storage below: valid until delivered */
  f->fill.leg_count = leg_count;
  f->fill.time_utc = a->event.time_utc;
}

static alvh_leg_fill g_leg_fills[4];
static char g_roots[4][8];

static int32_t h_submit_combo(void* h, const alvh_combo_order* o, char* id_out, size_t cap) {
  host_state* s = h;
  snprintf(id_out, cap, "combo-%d", ++s->orders);
  printf("submit_combo %s: %u legs x%d, %s limit %.2f, tag %s\n", id_out, o->leg_count, o->quantity,
         o->effect == ALVH_CREDIT ? "credit" : "debit", o->limit, o->tag ? o->tag : "");
  for (uint32_t i = 0; i < o->leg_count && i < 4; ++i) {
    const alvh_combo_leg* l = &o->legs[i];
    printf("  %s %s %d %.0f%c\n", l->side == ALVH_BUY ? "buy " : "sell", l->instrument.root, l->instrument.expiry,
           l->instrument.strike, l->instrument.right == ALVH_CALL ? 'C' : 'P');
    snprintf(g_roots[i], sizeof g_roots[i], "%s", l->instrument.root);
    g_leg_fills[i].struct_size = sizeof g_leg_fills[i];
    g_leg_fills[i].instrument = l->instrument;
    g_leg_fills[i].instrument.root = g_roots[i];
    g_leg_fills[i].side = l->side;
    g_leg_fills[i].quantity = l->ratio * o->quantity;
    g_leg_fills[i].price = 0; /* per-leg prices are not modelled in this example */
  }
  queue_fill(s, id_out, o->quantity, o->limit, o->effect, g_leg_fills, o->leg_count < 4 ? o->leg_count : 4);
  return ALVH_OK;
}

static int32_t h_submit_order(void* h, const alvh_single_order* o, char* id_out, size_t cap) {
  host_state* s = h;
  snprintf(id_out, cap, "order-%d", ++s->orders);
  printf("submit_order %s: %s %d %s %d %.2f%c limit %.2f, tag %s\n", id_out, o->side == ALVH_BUY ? "buy" : "sell",
         o->quantity, o->instrument.root, o->instrument.expiry, o->instrument.strike,
         o->instrument.right == ALVH_CALL ? 'C' : 'P', o->limit, o->tag ? o->tag : "");
  snprintf(g_roots[0], sizeof g_roots[0], "%s", o->instrument.root);
  g_leg_fills[0].struct_size = sizeof g_leg_fills[0];
  g_leg_fills[0].instrument = o->instrument;
  g_leg_fills[0].instrument.root = g_roots[0];
  g_leg_fills[0].side = o->side;
  g_leg_fills[0].quantity = o->quantity;
  g_leg_fills[0].price = o->limit;
  queue_fill(s, id_out, o->quantity, o->limit, o->side == ALVH_BUY ? ALVH_DEBIT : ALVH_CREDIT, g_leg_fills, 1);
  return ALVH_OK;
}

static int32_t h_cancel(void* h, const char* id) { (void)h; printf("cancel %s\n", id); return ALVH_OK; }
static uint32_t h_positions(void* h, alvh_position* out, uint32_t cap) { (void)h; (void)out; (void)cap; return 0; }
static int32_t h_account(void* h, alvh_account* out) {
  (void)h;
  out->struct_size = sizeof *out;
  out->equity = 100000.0;
  out->realized_today = 0;
  out->unrealized = 0;
  return ALVH_OK;
}
static int32_t h_greeks(void* h, alvh_portfolio_greeks* out) {
  (void)h;
  memset(out, 0, sizeof *out);
  out->struct_size = sizeof *out;
  return ALVH_OK;
}
static double h_rate(void* h) { (void)h; return 0.04; }

static uint64_t h_schedule(void* h, alvh_exchange_time when, const char* name) {
  host_state* s = h;
  for (int i = 0; i < MAX_TIMERS; ++i) {
    if (s->timers[i].live) continue;
    s->timers[i].id = ++s->next_timer;
    s->timers[i].when = when;
    snprintf(s->timers[i].name, sizeof s->timers[i].name, "%s", name ? name : "");
    s->timers[i].live = 1;
    printf("timer %llu '%s' at %d %02d:%02d\n", (unsigned long long)s->timers[i].id, s->timers[i].name, when.date,
           when.minutes / 60, when.minutes % 60);
    return s->timers[i].id;
  }
  return 0;
}
static void h_cancel_timer(void* h, uint64_t id) {
  host_state* s = h;
  for (int i = 0; i < MAX_TIMERS; ++i)
    if (s->timers[i].live && s->timers[i].id == id) s->timers[i].live = 0;
}
static void h_request_chain(void* h, const char* root, const int32_t* expiries, uint32_t count) {
  host_state* s = h;
  snprintf(s->chain_root, sizeof s->chain_root, "%s", root);
  s->chain_expiry = count ? expiries[0] : next_weekday(s->date);
  printf("request_chain %s %d\n", s->chain_root, s->chain_expiry);
}
static void h_log(void* h, int32_t level, const char* source, const char* message) {
  static const char* names[] = {"debug", "info", "decision", "warning", "error"};
  (void)h;
  if (level >= ALVH_LOG_INFO) printf("[%s] %s: %s\n", names[level >= 0 && level <= 4 ? level : 4], source, message);
}
static int32_t h_state_put(void* h, const char* key, const char* blob, size_t len) {
  (void)h;
  (void)blob;
  printf("state_put '%s': %zu bytes\n", key, len);
  return ALVH_OK;
}
static int64_t h_state_get(void* h, const char* key, char* buf, size_t cap) {
  (void)h; (void)key; (void)buf; (void)cap;
  return -1;
}

/* ---- synthetic market ------------------------------------------------------------------------ */

static double norm_cdf(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

/* Black-Scholes (forward form, no carry) price, delta and vega per vol point. */
static void bs(double f, double k, double t, double vol, int call, double* price, double* delta, double* vega) {
  const double sd = vol * sqrt(t);
  const double d1 = (log(f / k) + 0.5 * sd * sd) / sd, d2 = d1 - sd;
  *price = call ? f * norm_cdf(d1) - k * norm_cdf(d2) : k * norm_cdf(-d2) - f * norm_cdf(-d1);
  *delta = call ? norm_cdf(d1) : norm_cdf(d1) - 1.0;
  *vega = f * exp(-0.5 * d1 * d1) / 2.5066282746310002 /* sqrt(2 pi) */ * sqrt(t) / 100.0;
}

static int deliver_chain(const alvh_plugin_api* api, alvh_instance* inst, host_state* s) {
  enum { MAX_QUOTES = 512 };
  static alvh_quote quotes[MAX_QUOTES];
  static char root[16];
  snprintf(root, sizeof root, "%s", s->chain_root);
  s->chain_root[0] = '\0'; /* answered; a new request may arrive during on_chain */
  const int spxw = strcmp(root, "SPXW") == 0;
  const double f = spxw ? kSpot : kVx, vol = spxw ? 0.11 : 0.85, step = spxw ? 5.0 : 1.0;
  const double t = (double)(days_from_civil(s->chain_expiry) - days_from_civil(s->date)) / 365.0 + 1.0 / 365.0 / 4.0;
  uint32_t n = 0;
  for (double k = spxw ? f - 300 : 10; k <= (spxw ? f + 300 : 40) && n + 2 <= MAX_QUOTES; k += step) {
    for (int call = 0; call <= 1; ++call) {
      if (!spxw && !call) continue; /* the hedge only buys VIX calls */
      double price, delta, vega;
      bs(f, k, t, vol, call, &price, &delta, &vega);
      if (price < 0.05) continue;
      const double half = fmax(0.05, 0.02 * price);
      alvh_quote* q = &quotes[n++];
      memset(q, 0, sizeof *q);
      q->struct_size = sizeof *q;
      q->instrument.struct_size = sizeof q->instrument;
      q->instrument.kind = ALVH_OPTION;
      q->instrument.root = root;
      q->instrument.expiry = s->chain_expiry;
      q->instrument.strike = k;
      q->instrument.right = call ? ALVH_CALL : ALVH_PUT;
      q->instrument.multiplier = 100;
      q->bid = fmax(0.05, price - half);
      q->ask = price + half;
      q->time_utc = utc_of(s->date, s->minutes);
      q->iv = vol;
      q->delta = delta;
      q->vega = vega;
    }
  }
  alvh_forward fwd = {s->chain_expiry, f};
  alvh_chain_snapshot c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c;
  c.root = root;
  c.time.date = s->date;
  c.time.minutes = s->minutes;
  c.observed_utc = utc_of(s->date, s->minutes);
  c.underlying = spxw ? kSpot : kVix;
  c.forwards = &fwd;
  c.forward_count = 1;
  c.quotes = quotes;
  c.quote_count = n;
  alvh_error err;
  printf("chain %s %d: %u quotes\n", c.root, c.forwards[0].expiry, n);
  if (api->on_chain(inst, &c, &err) != ALVH_OK) {
    fprintf(stderr, "on_chain failed: %s\n", err.message);
    return 1;
  }
  return 0;
}

/* After every callback: answer a chain request and deliver queued order events, which may in
 * turn cause new requests. */
static int pump(const alvh_plugin_api* api, alvh_instance* inst, host_state* s) {
  for (int guard = 0; guard < 16; ++guard) {
    if (s->chain_root[0]) {
      if (deliver_chain(api, inst, s)) return 1;
      continue;
    }
    if (s->event_count == 0) return 0;
    queued batch[MAX_EVENTS];
    const int n = s->event_count;
    memcpy(batch, s->events, sizeof batch[0] * (size_t)n);
    s->event_count = 0;
    for (int i = 0; i < n; ++i) {
      alvh_error err;
      int32_t st;
      if (batch[i].is_fill) {
        batch[i].fill.client_order_id = batch[i].id;
        st = api->on_fill(inst, &batch[i].fill, &err);
      } else {
        batch[i].event.client_order_id = batch[i].id;
        st = api->on_order_event(inst, &batch[i].event, &err);
      }
      if (st != ALVH_OK) {
        fprintf(stderr, "order callback failed: %s\n", err.message);
        return 1;
      }
    }
  }
  return 0;
}

static char* read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  const long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = malloc((size_t)n + 1);
  if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
    free(text);
    text = NULL;
  }
  if (text) text[n] = '\0';
  fclose(f);
  return text;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PLUGIN.so CONFIG.yaml [YYYYMMDD]\n", argv[0]);
    return 2;
  }
  /* 1. Load the library and resolve the single entry symbol. */
  void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
    return 1;
  }
  alvh_plugin_entry_fn entry;
  *(void**)(&entry) = dlsym(lib, ALVH_PLUGIN_ENTRY_SYMBOL); /* POSIX-sanctioned cast */
  if (!entry) {
    fprintf(stderr, "%s does not export %s\n", argv[1], ALVH_PLUGIN_ENTRY_SYMBOL);
    return 1;
  }
  /* 2. Check the manifest before touching anything else. */
  const alvh_plugin_descriptor* d = entry(ALVH_PLUGIN_ABI_VERSION);
  if (!d || d->manifest.abi_version != ALVH_PLUGIN_ABI_VERSION || d->struct_size < sizeof *d ||
      d->manifest.struct_size < sizeof d->manifest || !d->api || d->api->struct_size < sizeof *d->api) {
    fprintf(stderr, "%s: incompatible plug-in (ABI %u, host %u)\n", argv[1], d ? d->manifest.abi_version : 0u,
            ALVH_PLUGIN_ABI_VERSION);
    return 1;
  }
  const alvh_plugin_api* api = d->api;
  if (!api->create || !api->destroy || !api->start || !api->stop || !api->on_daily_bar || !api->on_index_values ||
      !api->on_signals || !api->on_chain || !api->on_quotes || !api->on_order_event || !api->on_fill ||
      !api->on_settlement || !api->on_timer || !api->save_state || !api->load_state) {
    fprintf(stderr, "%s: callback table has a null slot\n", argv[1]);
    return 1;
  }
  printf("manifest ok: ABI %u, build '%s', strategy '%s', config schema %u\n", d->manifest.abi_version,
         d->manifest.build_id, d->manifest.strategy_names[0], d->manifest.config_schema_version);

  /* 3. Create an instance with the config. */
  char* yaml = read_file(argv[2]);
  if (!yaml) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    return 1;
  }
  host_state state;
  memset(&state, 0, sizeof state);
  state.date = argc > 3 ? (int32_t)atol(argv[3]) : 20240313;
  state.minutes = 9 * 60 + 30;
  alvh_host_api host = {sizeof(alvh_host_api), ALVH_PLUGIN_ABI_VERSION, &state, h_now_utc, h_now_local,
                        h_is_trading_day, h_close_minutes, h_submit_combo, h_submit_order, h_cancel, h_positions,
                        h_account, h_greeks, h_rate, h_schedule, h_cancel_timer, h_request_chain, h_log,
                        h_state_put, h_state_get};
  alvh_create_params params = {sizeof(alvh_create_params), d->manifest.strategy_names[0], yaml, argv[2]};
  alvh_instance* inst = NULL;
  alvh_error err;
  if (api->create(&host, &params, &inst, &err) != ALVH_OK) {
    fprintf(stderr, "create failed (%d): %s\n", err.status, err.message);
    free(yaml);
    return 1;
  }
  free(yaml);

  /* 4. One day: start at the open, signals, index levels at 15:40, timers in time order, stop. */
  int failed = api->start(inst, &err) != ALVH_OK;
  if (!failed) {
    /* The columns the default config's rules read (a real host computes them from closes). */
    alvh_signal_value values[] = {{"macd_vix.macd", -0.2}, {"macd_vix.signal", -0.1}, {"macd_vix.hist", -0.1},
                                  {"rsi_vix", 45.0},       {"rsi_spx", 58.0},        {"adl.line", 1200.0},
                                  {"adl.ema", 1100.0},     {"term_ratio", 0.88},     {"term_slope", 0.07},
                                  {"vix", kVix}};
    alvh_signal_snapshot sig = {sizeof sig, {state.date, state.minutes}, values,
                                (uint32_t)(sizeof values / sizeof values[0])};
    failed = api->on_signals(inst, &sig, &err) != ALVH_OK || pump(api, inst, &state);
  }
  if (!failed) {
    state.minutes = 15 * 60 + 40;
    alvh_index_values iv = {sizeof iv, {state.date, state.minutes}, kSpot, kVix, 11.0, 13.5, 16.2, 82.0, kVx, 0x7f};
    failed = api->on_index_values(inst, &iv, &err) != ALVH_OK || pump(api, inst, &state);
  }
  while (!failed) {
    timer* due = NULL;
    for (int i = 0; i < MAX_TIMERS; ++i) {
      timer* t = &state.timers[i];
      if (t->live && t->when.date == state.date && t->when.minutes <= 960 && (!due || t->when.minutes < due->when.minutes))
        due = t;
    }
    if (!due) break;
    due->live = 0;
    state.minutes = due->when.minutes;
    alvh_timer_event te = {sizeof te, due->id, due->name, due->when};
    printf("fire timer '%s' at %02d:%02d\n", due->name, due->when.minutes / 60, due->when.minutes % 60);
    failed = api->on_timer(inst, &te, &err) != ALVH_OK || pump(api, inst, &state);
  }
  if (!failed) {
    state.minutes = 960;
    failed = api->stop(inst, &err) != ALVH_OK || api->save_state(inst, &err) != ALVH_OK;
  }
  if (failed) fprintf(stderr, "plug-in call failed (%d): %s\n", err.status, err.message);
  printf("day %d done: %d orders submitted\n", state.date, state.orders);
  api->destroy(inst);
  dlclose(lib);
  return failed ? 1 : 0;
}
