// data, execution, adapters and report sections.
#include <string>

#include "sections.hpp"

namespace alvh::config::detail {

std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::filesystem::path& p) {
  if (p.is_absolute() || base_dir.empty()) return p;
  return (base_dir / p).lexically_normal();
}

void read_data(Diagnostics& d, const YAML::Node& n, DataConfig& out, const std::filesystem::path& base_dir) {
  MapReader m(d, n, "data");
  if (!m.valid()) return;
  std::string dir = out.dir.string();
  m.string("dir", dir);
  if (dir.empty()) d.error(m.key_mark("dir"), "data.dir", "must not be empty");
  out.dir = resolve(base_dir, dir);
  Date date{};
  if (auto v = m.get("from"); v && !v->IsNull() && read_date(d, *v, "data.from", date)) out.from = date;
  if (auto v = m.get("to"); v && !v->IsNull() && read_date(d, *v, "data.to", date)) out.to = date;
  if (out.from && out.to && *out.to < *out.from) {
    d.error(m.get("to")->Mark(), "data.to", "must not be before data.from (" + to_iso(*out.from) + ")");
  }
  m.finish();
}

void read_execution(Diagnostics& d, const YAML::Node& n, ExecutionConfig& out) {
  MapReader m(d, n, "execution");
  if (!m.valid()) return;
  m.enumeration("mode", out.mode,
                {{"backtest", ExecutionMode::Backtest}, {"paper", ExecutionMode::Paper}, {"live", ExecutionMode::Live}});
  if (auto f = m.get("fees")) {
    MapReader fees(d, *f, "execution.fees");
    if (fees.valid()) {
      fees.number("spxw_per_contract", out.spxw_fee_per_contract, Range::closed(0, 100));
      fees.number("vix_per_contract", out.vix_fee_per_contract, Range::closed(0, 100));
      fees.finish();
    }
  }
  if (auto s = m.get("slippage")) {
    MapReader slip(d, *s, "execution.slippage");
    if (slip.valid()) {
      slip.number("spxw_per_leg", out.spxw_slippage_per_leg, Range::closed(0, 10));
      slip.number("spxw_per_leg_high_premium", out.spxw_slippage_per_leg_high, Range::closed(0, 10));
      slip.number("spxw_high_premium_threshold", out.spxw_high_premium_threshold, Range::above(0));
      slip.number("vix_per_leg", out.vix_slippage_per_leg, Range::closed(0, 10));
      slip.finish();
    }
  }
  m.finish();
}

namespace {

bool is_loopback_host(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

// tcp://host:port with a loopback host unless `section`.allow_non_loopback is set; ipc:// and
// inproc:// never leave the host.
void check_endpoint(Diagnostics& d, const YAML::Node& node, const std::string& path, const std::string& ep,
                    bool allow_non_loopback, const std::string& section) {
  if (ep.rfind("ipc://", 0) == 0 || ep.rfind("inproc://", 0) == 0) return;
  if (ep.rfind("tcp://", 0) != 0) {
    d.error(d.mark(node), path, "expected tcp://HOST:PORT, ipc://PATH or inproc://NAME, got '" + ep + "'");
    return;
  }
  const std::string rest = ep.substr(6);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon + 1 == rest.size()) {
    d.error(d.mark(node), path, "missing port in '" + ep + "'");
    return;
  }
  const std::string host = rest.substr(0, colon), port = rest.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) < 1 ||
      std::stoi(port) > 65535) {
    d.error(d.mark(node), path, "port must be 1-65535 in '" + ep + "'");
    return;
  }
  if (!allow_non_loopback && !is_loopback_host(host)) {
    d.error(d.mark(node), path,
            "'" + host + "' is not a loopback address; use 127.0.0.1 or set " + section + ".allow_non_loopback: true");
  }
}

// `section`.curve: the three CURVE key files of a client link (both adapters), all or none; ~ = absent.
void read_curve(Diagnostics& d, MapReader& section, std::optional<std::filesystem::path>& server_public,
                std::optional<std::filesystem::path>& client_public, std::optional<std::filesystem::path>& client_secret,
                const std::filesystem::path& base_dir) {
  auto cv = section.get("curve");
  if (!cv) return;
  const std::string path = section.path_of("curve");
  MapReader curve(d, *cv, path);
  if (!curve.valid()) return;
  for (auto [key, field] : {std::pair{"server_public_key_file", &server_public},
                            std::pair{"client_public_key_file", &client_public},
                            std::pair{"client_secret_key_file", &client_secret}}) {
    std::string file;
    if (auto v = curve.get(key); v && !v->IsNull() && read_string(d, *v, curve.path_of(key), file)) {
      *field = resolve(base_dir, file);
    }
  }
  const int set = server_public.has_value() + client_public.has_value() + client_secret.has_value();
  if (set != 0 && set != 3) d.error(curve.mark(), path, "give all three key files or none");
  curve.finish();
}

void read_market_data(Diagnostics& d, const YAML::Node& n, MarketDataConfig& c, const std::filesystem::path& base_dir) {
  MapReader md(d, n, "adapters.market_data");
  if (!md.valid()) return;
  md.boolean("enabled", c.enabled);
  md.boolean("allow_non_loopback", c.allow_non_loopback);
  const std::pair<const char*, std::string*> endpoints[2] = {{"pub_endpoint", &c.pub_endpoint},
                                                             {"snapshot_endpoint", &c.snapshot_endpoint}};
  bool given[2] = {false, false}, read_ok[2] = {false, false};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto [key, field] = endpoints[i];
    auto v = md.get(key);
    given[i] = v.has_value();
    read_ok[i] = v && read_string(d, *v, md.path_of(key), *field);
    if (read_ok[i]) check_endpoint(d, *v, md.path_of(key), *field, c.allow_non_loopback, md.path());
  }
  // The snapshot ROUTER recovers the gaps of one PUB: a default for the other half would pair two feeds.
  if (given[0] != given[1]) {
    const std::string missing = given[0] ? "snapshot_endpoint" : "pub_endpoint";
    const std::string present = given[0] ? "pub_endpoint" : "snapshot_endpoint";
    d.error(md.mark(), md.path_of(missing),
            "missing key '" + missing + "': " + present + " is given, and both endpoints belong to the same feed");
  } else if (read_ok[0] && read_ok[1] && c.pub_endpoint == c.snapshot_endpoint) {
    d.error(md.key_mark("snapshot_endpoint"), md.path_of("snapshot_endpoint"), "must differ from pub_endpoint");
  }
  md.integer("timeout_ms", c.timeout_ms, Range::closed(100, 600000));
  read_curve(d, md, c.curve_server_public_key, c.curve_client_public_key, c.curve_client_secret_key, base_dir);
  md.finish();
}

}  // namespace

void read_adapters(Diagnostics& d, const YAML::Node& n, AdaptersConfig& out, const std::filesystem::path& base_dir) {
  MapReader m(d, n, "adapters");
  if (!m.valid()) return;
  if (auto z = m.get("zmq")) {
    MapReader zmq(d, *z, "adapters.zmq");
    if (zmq.valid()) {
      auto& c = out.zmq;
      zmq.boolean("enabled", c.enabled);
      zmq.boolean("allow_non_loopback", c.allow_non_loopback);
      for (auto [key, field] : {std::pair{"command_endpoint", &c.command_endpoint}, std::pair{"event_endpoint", &c.event_endpoint}}) {
        if (auto v = zmq.get(key); v && read_string(d, *v, zmq.path_of(key), *field)) {
          check_endpoint(d, *v, zmq.path_of(key), *field, c.allow_non_loopback, zmq.path());
        }
      }
      if (c.command_endpoint == c.event_endpoint) {
        d.error(zmq.key_mark("event_endpoint"), "adapters.zmq.event_endpoint", "must differ from command_endpoint");
      }
      zmq.integer("heartbeat_interval_ms", c.heartbeat_interval_ms, Range::closed(10, 600000));
      zmq.integer("heartbeat_timeout_ms", c.heartbeat_timeout_ms, Range::closed(10, 3600000));
      if (c.heartbeat_timeout_ms <= c.heartbeat_interval_ms) {
        d.error(zmq.key_mark("heartbeat_timeout_ms"), "adapters.zmq.heartbeat_timeout_ms",
                "must exceed heartbeat_interval_ms (" + std::to_string(c.heartbeat_interval_ms) + ")");
      }
      zmq.integer("send_high_water_mark", c.send_high_water_mark, Range::closed(1, 10000000));
      zmq.integer("receive_high_water_mark", c.receive_high_water_mark, Range::closed(1, 10000000));
      read_curve(d, zmq, c.curve_server_public_key, c.curve_client_public_key, c.curve_client_secret_key, base_dir);
      zmq.finish();
    }
  }
  if (auto md = m.get("market_data")) read_market_data(d, *md, out.market_data, base_dir);
  m.finish();
}

void read_report(Diagnostics& d, const YAML::Node& n, ReportConfig& out, const std::filesystem::path& base_dir) {
  MapReader m(d, n, "report");
  if (!m.valid()) {
    out.output_dir = resolve(base_dir, out.output_dir);
    return;
  }
  std::string dir = out.output_dir.string();
  m.string("output_dir", dir);
  out.output_dir = resolve(base_dir, dir);
  if (auto ev = m.get("crash_events")) {
    if (!ev->IsSequence()) {
      d.error(d.mark(*ev), "report.crash_events", "expected a list of dates");
    } else {
      out.crash_events.clear();
      for (std::size_t i = 0; i < ev->size(); ++i) {
        Date date{};
        if (read_date(d, (*ev)[i], index_path("report.crash_events", i), date)) out.crash_events.push_back(date);
      }
    }
  }
  m.number("crash_threshold", out.crash_threshold, Range{-1, 0, true, true});
  m.number("gap_threshold", out.gap_threshold, Range{-1, 0, true, true});
  m.number("vix_jump_threshold", out.vix_jump_threshold, Range::above(0));
  m.boolean("stress_without_gates", out.stress_without_gates);
  if (auto w = m.get("windows")) {
    if (!w->IsSequence()) {
      d.error(d.mark(*w), "report.windows", "expected a list of {name, from, to}");
    } else {
      out.windows.clear();
      for (std::size_t i = 0; i < w->size(); ++i) {
        MapReader win(d, (*w)[i], index_path("report.windows", i));
        if (!win.valid()) continue;
        ReportWindow rw{};
        bool ok = true;
        if (auto v = win.require("name")) ok = read_string(d, *v, win.path_of("name"), rw.name) && ok;
        else ok = false;
        if (auto v = win.require("from")) ok = read_date(d, *v, win.path_of("from"), rw.from) && ok;
        else ok = false;
        if (auto v = win.require("to")) {
          if (read_date(d, *v, win.path_of("to"), rw.to)) {
            if (ok && rw.to < rw.from) {
              d.error(d.mark(*v), win.path_of("to"), "must not be before from (" + to_iso(rw.from) + ")");
              ok = false;
            }
          } else {
            ok = false;
          }
        } else {
          ok = false;
        }
        win.finish();
        if (ok) out.windows.push_back(rw);
      }
    }
  }
  if (auto c = m.get("cvar_levels")) {
    if (!c->IsSequence()) {
      d.error(d.mark(*c), "report.cvar_levels", "expected a list of confidence levels, e.g. [0.95, 0.99]");
    } else {
      out.cvar_levels.clear();
      for (std::size_t i = 0; i < c->size(); ++i) {
        double v = 0;
        if (read_number(d, (*c)[i], index_path("report.cvar_levels", i), v, Range{0, 1, true, true})) {
          out.cvar_levels.push_back(v);
        }
      }
    }
  }
  m.finish();
}

}  // namespace alvh::config::detail
