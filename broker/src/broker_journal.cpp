#include "alvh/broker/broker_journal.hpp"

#include <array>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "alvh/zmq/json_codec.hpp"

namespace alvh::broker {

namespace {

using json = nlohmann::json;

constexpr std::array kStates{OrderState::PendingSubmit, OrderState::Accepted,      OrderState::PartiallyFilled,
                             OrderState::Filled,        OrderState::PendingCancel, OrderState::Cancelled,
                             OrderState::Rejected,      OrderState::Expired};

OrderState parse_state(const std::string& s) {
  for (OrderState x : kStates)
    if (to_string(x) == s) return x;
  throw std::runtime_error("unknown order state '" + s + "'");
}

// Nested core types reuse the wire mapping of docs/protocol.md, so the journal reads like the wire.
template <class T>
json as_json(const T& v) {
  return json::parse(wire::to_json_text(v));
}
template <class T>
T from_json(const json& j, const char* what) {
  auto r = wire::from_json_text<T>(j.dump());
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().detail);
  return std::move(r).value();
}

json time_json(ExchangeTime t) { return {{"date", to_iso(t.date)}, {"minutes", t.minutes}}; }
ExchangeTime time_of(const json& j) {
  const auto d = parse_iso_date(j.at("date").get<std::string>());
  if (!d) throw std::runtime_error("invalid date " + j.at("date").dump());
  return {*d, j.at("minutes").get<int>()};
}

json encode(const ClockEntry& e) { return {{"kind", "clock"}, {"time", time_json(e.time)}}; }

json encode(const FillEntry& e);

json encode(const OrderEntry& e) {
  json j{{"kind", "order"},   {"client_order_id", e.id},          {"accepted", e.accepted},
         {"reason", e.reason}, {"state", std::string(to_string(e.state))}, {"filled_quantity", e.filled_quantity}};
  if (e.combo) j["combo"] = as_json(*e.combo);
  if (e.single) j["single"] = as_json(*e.single);
  if (e.fill) j["fill"] = encode(*e.fill);
  return j;
}

json encode(const FillEntry& e) {
  json legs = json::array();
  for (const auto& l : e.fill.legs)
    legs.push_back({{"instrument", as_json(l.instrument)}, {"quantity", l.quantity}, {"price", l.price}, {"fees", l.fees}});
  return {{"kind", "fill"},
          {"time", time_json(e.time)},
          {"client_order_id", e.id},
          {"quantity", e.fill.quantity},
          {"net_mid", e.fill.net_mid},
          {"net_price", e.fill.net_price},
          {"fees", e.fill.fees},
          {"cash", e.fill.cash},
          {"clamped", e.fill.clamped},
          {"legs", std::move(legs)}};
}

json encode(const SettlementEntry& e) {
  return {{"kind", "settlement"},
          {"time", time_json(e.time)},
          {"instrument", as_json(e.fill.instrument)},
          {"quantity", e.fill.quantity},
          {"settlement_price", e.fill.settlement_price},
          {"value", e.fill.value},
          {"cash", e.fill.cash}};
}

FillEntry decode_fill(const json& j) {
  FillEntry e;
  e.time = time_of(j.at("time"));
  e.id = j.at("client_order_id").get<std::string>();
  e.fill.quantity = j.at("quantity").get<int>();
  e.fill.net_mid = j.at("net_mid").get<double>();
  e.fill.net_price = j.at("net_price").get<double>();
  e.fill.fees = j.at("fees").get<double>();
  e.fill.cash = j.at("cash").get<double>();
  e.fill.clamped = j.at("clamped").get<bool>();
  for (const auto& l : j.at("legs"))
    e.fill.legs.push_back({from_json<Instrument>(l.at("instrument"), "instrument"), l.at("quantity").get<int>(),
                           l.at("price").get<double>(), l.at("fees").get<double>()});
  return e;
}

}  // namespace

std::string encode_journal_entry(const JournalEntry& e) {
  return std::visit([](const auto& x) { return encode(x).dump(); }, e);
}

JournalEntry decode_journal_entry(const std::string& line) {
  try {
    const json j = json::parse(line);
    const std::string kind = j.at("kind").get<std::string>();
    if (kind == "clock") return ClockEntry{time_of(j.at("time"))};
    if (kind == "order") {
      OrderEntry e;
      e.id = j.at("client_order_id").get<std::string>();
      e.accepted = j.at("accepted").get<bool>();
      e.reason = j.at("reason").get<std::string>();
      e.state = parse_state(j.at("state").get<std::string>());
      e.filled_quantity = j.at("filled_quantity").get<int>();
      if (j.contains("combo")) e.combo = from_json<ComboOrder>(j.at("combo"), "combo");
      if (j.contains("single")) e.single = from_json<SingleOrder>(j.at("single"), "single");
      if (j.contains("fill")) e.fill = decode_fill(j.at("fill"));
      return e;
    }
    if (kind == "fill") return decode_fill(j);
    if (kind == "settlement") {
      SettlementEntry e;
      e.time = time_of(j.at("time"));
      e.fill.instrument = from_json<Instrument>(j.at("instrument"), "instrument");
      e.fill.quantity = j.at("quantity").get<int>();
      e.fill.settlement_price = j.at("settlement_price").get<double>();
      e.fill.value = j.at("value").get<double>();
      e.fill.cash = j.at("cash").get<double>();
      return e;
    }
    throw std::runtime_error("unknown entry kind '" + kind + "'");
  } catch (const json::exception& x) {
    throw std::runtime_error(x.what());
  }
}

std::vector<JournalEntry> read_journal(const std::filesystem::path& file) {
  std::vector<JournalEntry> out;
  std::ifstream in(file);
  if (!in) return out;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(std::move(line));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    try {
      out.push_back(decode_journal_entry(lines[i]));
    } catch (const std::exception& x) {
      if (i + 1 == lines.size()) break;  // torn write of the last entry: it never took effect
      throw std::runtime_error(file.string() + ":" + std::to_string(i + 1) + ": " + x.what());
    }
  }
  return out;
}

namespace {
// Cuts a torn last line (no newline: the process died mid-write) so new entries start on a line.
void drop_torn_tail(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return;
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty() || bytes.back() == '\n') return;
  const auto keep = bytes.rfind('\n');
  std::filesystem::resize_file(file, keep == std::string::npos ? 0 : keep + 1);
}
}  // namespace

JournalWriter::JournalWriter(const std::filesystem::path& file) {
  drop_torn_tail(file);
  out_.open(file, std::ios::app);
  if (!out_) throw std::runtime_error("cannot append to the state file " + file.string());
}

void JournalWriter::append(const JournalEntry& e) {
  out_ << encode_journal_entry(e) << '\n';
  out_.flush();
}

}  // namespace alvh::broker
