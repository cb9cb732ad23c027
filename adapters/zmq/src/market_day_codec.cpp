#include "alvh/zmq/market_day_codec.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace alvh::wire {

using nlohmann::json;

namespace {

json value(const Value& v) { return v ? json(*v) : json(nullptr); }
json bar(const OhlcBar& b) {
  return {{"open", value(b.open)}, {"high", value(b.high)}, {"low", value(b.low)}, {"close", value(b.close)}};
}

// Parsing throws this; market_day_from_json turns it into a ProtocolError.
struct Bad : std::runtime_error {
  RejectReason reason;
  Bad(RejectReason r, const std::string& what) : std::runtime_error(what), reason(r) {}
};

const json& field(const json& o, const char* k) {
  if (!o.is_object()) throw Bad(RejectReason::WrongType, std::string("expected object around '") + k + "'");
  auto it = o.find(k);
  if (it == o.end()) throw Bad(RejectReason::MissingField, std::string("field '") + k + "' is missing");
  return *it;
}
Value read_value(const json& j, const char* k) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_number()) throw Bad(RejectReason::WrongType, std::string("field '") + k + "': expected number or null");
  return j.get<double>();
}
Date read_date(const json& j, const char* k) {
  if (!j.is_string()) throw Bad(RejectReason::WrongType, std::string("field '") + k + "': expected date string");
  auto d = parse_iso_date(j.get<std::string>());
  if (!d) throw Bad(RejectReason::WrongType, std::string("field '") + k + "': invalid date");
  return *d;
}
OhlcBar read_bar(const json& j, Date d) {
  OhlcBar b;
  b.date = d;
  b.open = read_value(field(j, "open"), "open");
  b.high = read_value(field(j, "high"), "high");
  b.low = read_value(field(j, "low"), "low");
  b.close = read_value(field(j, "close"), "close");
  return b;
}
int read_int(const json& j, const char* k) {
  if (!j.is_number_integer()) throw Bad(RejectReason::WrongType, std::string("field '") + k + "': expected integer");
  return j.get<int>();
}

}  // namespace

std::string market_day_to_json(const FeedDay& day) {
  const PanelRow& r = day.row;
  json vol = json::object();
  for (std::size_t i = 0; i < kVolIndexCount; ++i)
    vol[std::string(vol_index_name(static_cast<VolIndex>(i)))] = value(r.vol.close[i]);
  json row = {{"date", to_iso(r.date)}, {"spx", bar(r.spx)}, {"vix", bar(r.vix)}, {"vol", vol}};
  if (r.vx) {
    json settle = json::array(), expiry = json::array(), dte = json::array();
    for (std::size_t i = 0; i < kVxMonths; ++i) {
      settle.push_back(value(r.vx->settle[i]));
      expiry.push_back(r.vx->expiry[i] ? json(to_iso(*r.vx->expiry[i])) : json(nullptr));
      dte.push_back(r.vx->days_to_expiry[i] ? json(*r.vx->days_to_expiry[i]) : json(nullptr));
    }
    row["vx"] = {{"settle", settle}, {"expiry", expiry}, {"days_to_expiry", dte}};
  } else {
    row["vx"] = nullptr;
  }
  if (r.breadth) {
    const BreadthRow& b = *r.breadth;
    row["breadth"] = {{"advancers", value(b.advancers)}, {"decliners", value(b.decliners)}, {"ad", value(b.ad)},
                      {"ad_cum", value(b.ad_cum)},       {"mcclellan", value(b.mcclellan)}};
  } else {
    row["breadth"] = nullptr;
  }
  json out = {{"row", row}};
  if (day.signals) {
    json values = json::object();
    for (const auto& [name, v] : day.signals->values) values[name] = value(v);
    out["signals"] = {{"time", {{"date", to_iso(day.signals->time.date)}, {"minutes", day.signals->time.minutes}}},
                      {"values", values}, {"columns", day.signal_columns}};
  } else {
    out["signals"] = nullptr;
  }
  return out.dump();
}

Result<FeedDay> market_day_from_json(std::string_view text) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return ProtocolError{RejectReason::NotJson, "payload is not a JSON object", {}};
  try {
    FeedDay day;
    const json& row = field(j, "row");
    PanelRow& r = day.row;
    r.date = read_date(field(row, "date"), "date");
    r.spx = read_bar(field(row, "spx"), r.date);
    r.vix = read_bar(field(row, "vix"), r.date);
    r.vol.date = r.date;
    const json& vol = field(row, "vol");
    for (std::size_t i = 0; i < kVolIndexCount; ++i) {
      const std::string name(vol_index_name(static_cast<VolIndex>(i)));
      if (vol.is_object() && vol.contains(name)) r.vol.close[i] = read_value(vol.at(name), name.c_str());
    }
    if (const json& vx = field(row, "vx"); !vx.is_null()) {
      VxCurveRow c;
      c.date = r.date;
      const json &settle = field(vx, "settle"), &expiry = field(vx, "expiry"), &dte = field(vx, "days_to_expiry");
      if (!settle.is_array() || !expiry.is_array() || !dte.is_array() || settle.size() != kVxMonths ||
          expiry.size() != kVxMonths || dte.size() != kVxMonths)
        throw Bad(RejectReason::WrongType, "field 'vx': expected arrays of 8");
      for (std::size_t i = 0; i < kVxMonths; ++i) {
        c.settle[i] = read_value(settle[i], "settle");
        if (!expiry[i].is_null()) c.expiry[i] = read_date(expiry[i], "expiry");
        if (!dte[i].is_null()) c.days_to_expiry[i] = read_int(dte[i], "days_to_expiry");
      }
      r.vx = c;
    }
    if (const json& b = field(row, "breadth"); !b.is_null()) {
      BreadthRow br;
      br.date = r.date;
      br.advancers = read_value(field(b, "advancers"), "advancers");
      br.decliners = read_value(field(b, "decliners"), "decliners");
      br.ad = read_value(field(b, "ad"), "ad");
      br.ad_cum = read_value(field(b, "ad_cum"), "ad_cum");
      br.mcclellan = read_value(field(b, "mcclellan"), "mcclellan");
      r.breadth = br;
    }
    if (const json& s = field(j, "signals"); !s.is_null()) {
      SignalSnapshot snap;
      const json& t = field(s, "time");
      snap.time = {read_date(field(t, "date"), "date"), read_int(field(t, "minutes"), "minutes")};
      const json& values = field(s, "values");
      if (!values.is_object()) throw Bad(RejectReason::WrongType, "field 'values': expected object");
      for (auto it = values.begin(); it != values.end(); ++it) snap.values.emplace(it.key(), read_value(it.value(), "values"));
      day.signals = std::move(snap);
      if (auto c = s.find("columns"); c != s.end()) {
        if (!c->is_array()) throw Bad(RejectReason::WrongType, "field 'columns': expected array of strings");
        for (const json& name : *c) {
          if (!name.is_string()) throw Bad(RejectReason::WrongType, "field 'columns': expected array of strings");
          day.signal_columns.push_back(name.get<std::string>());
        }
      }
    }
    return day;
  } catch (const Bad& e) {
    return ProtocolError{e.reason, e.what(), {}};
  } catch (const std::exception& e) {  // nlohmann range/type errors: still the peer's fault
    return ProtocolError{RejectReason::WrongType, e.what(), {}};
  }
}

}  // namespace alvh::wire
