// The bad-input corpus (tests/fixtures/badinput/): every config, data file and message kind a user
// can get wrong, each with the exact error it must produce. The cases live in one table per kind
// (cases.tsv, tab-separated, '#' comments) next to the files, so adding a case is adding a file and
// a line. Files of the older corpora (config/broken, data/) are referenced, not copied.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "alvh/config/config_loader.hpp"
#include "alvh/data/data_error.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/data/nyse_breadth_csv.hpp"
#include "alvh/data/ohlc_csv.hpp"
#include "alvh/data/open_dates_txt.hpp"
#include "alvh/data/vol_indices_csv.hpp"
#include "alvh/data/vx_contracts_csv.hpp"
#include "alvh/data/vx_curve_csv.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "../support/config_errors.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = ALVH_TEST_FIXTURES_DIR;
const fs::path kCorpus = kFixtures / "badinput";

struct Row {
  int line_no = 0;  // in cases.tsv, for messages about the table itself
  std::vector<std::string> cells;
};

// '-' in a cell means "empty".
std::vector<Row> read_table(const fs::path& file) {
  std::ifstream in(file);
  REQUIRE(in.good());
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    Row r{n, {}};
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) r.cells.push_back(cell == "-" ? "" : cell);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every entry under `dir` with its size and modification time: "no state was written" means this
// is the same before and after.
std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> tree(const fs::path& dir) {
  std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0, e.last_write_time()};
  return out;
}

// Runs each load with an empty scratch directory as the working directory, so that anything a
// loader writes relative to it (or next to the input) is caught.
class Sandbox {
 public:
  Sandbox() : old_(fs::current_path()) {
    dir_ = fs::temp_directory_path() /
           ("alvh-badinput-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir_);
    fs::current_path(dir_);
  }
  ~Sandbox() {
    fs::current_path(old_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  bool empty() const { return fs::is_empty(dir_); }

 private:
  fs::path old_, dir_;
};

// Files in a corpus directory that the table must name (subdirectories count as one case each).
std::set<std::string> corpus_entries(const std::string& kind) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(kCorpus / kind))
    if (e.path().filename() != "cases.tsv") out.insert(e.path().filename().string());
  return out;
}

// "badinput/data/x.csv" or "badinput/data/history_missing_file/vix_ohlc_daily.csv" -> "x.csv" /
// "history_missing_file" when it lies in this corpus directory.
std::string corpus_name(const std::string& kind, const std::string& rel) {
  const std::string prefix = "badinput/" + kind + "/";
  if (rel.rfind(prefix, 0) != 0) return {};
  const std::string rest = rel.substr(prefix.size());
  return rest.substr(0, rest.find('/'));
}

// ---------------------------------------------------------------------------------- configs

using ConfigExpected = alvh::config::test::ExpectedError;

TEST_CASE("every bad config in the corpus is rejected with its file, line, column, YAML path and message, writing nothing") {
  // cases.tsv: file (relative to tests/fixtures) <TAB> line <TAB> column <TAB> YAML path <TAB> message part.
  // A file with several problems has one row per problem, in the order the loader reports them.
  std::map<std::string, std::vector<ConfigExpected>> cases;
  std::vector<std::string> order;
  for (const Row& r : read_table(kCorpus / "config" / "cases.tsv")) {
    INFO("cases.tsv line " << r.line_no);
    REQUIRE(r.cells.size() == 5);
    if (!cases.count(r.cells[0])) order.push_back(r.cells[0]);
    cases[r.cells[0]].push_back({std::stoi(r.cells[1]), std::stoi(r.cells[2]), r.cells[3], r.cells[4]});
  }
  REQUIRE(order.size() >= 20);

  for (const std::string& rel : order) {
    const fs::path file = kFixtures / rel;
    const auto& expected = cases[rel];
    const auto before = tree(file.parent_path());
    alvh::config::ConfigLoadResult r;
    bool sandbox_empty = false;
    {
      Sandbox sandbox;
      r = alvh::config::load_config(file);
      sandbox_empty = sandbox.empty();
    }
    INFO(rel << ":\n" << r.format_errors());
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.config.has_value());
    CHECK(sandbox_empty);
    CHECK(tree(file.parent_path()) == before);
    alvh::config::test::check_errors_match(r, file, expected);
  }
}

// ---------------------------------------------------------------------------------- data files

alvh::DataError load_data(const std::string& loader, const fs::path& file) {
  try {
    if (loader == "spx") alvh::load_spx_daily(file);
    else if (loader == "vix") alvh::load_vix_ohlc(file);
    else if (loader == "vol_indices") alvh::load_vol_indices(file);
    else if (loader == "vx_curve") alvh::load_vx_curve(file);
    else if (loader == "vx_contracts") alvh::load_vx_contracts(file);
    else if (loader == "breadth") alvh::load_nyse_breadth(file);
    else if (loader == "open_dates") alvh::load_open_dates(file);
    // The whole data directory; the error names the file inside it.
    else if (loader == "history") alvh::load_market_history(file.parent_path());
    else FAIL("unknown loader '" << loader << "' in cases.tsv");
  } catch (const alvh::DataError& e) {
    return e;
  }
  FAIL("expected a DataError from the " << loader << " loader for " << file.string());
  return alvh::DataError("", 0, 0, "");
}

TEST_CASE("every bad data file in the corpus is rejected with its file, line, column and reason, writing nothing") {
  // cases.tsv: loader <TAB> file (relative to tests/fixtures) <TAB> line <TAB> column <TAB> reason part.
  // For the history loader the file is the one inside the data directory that the error names.
  const auto rows = read_table(kCorpus / "data" / "cases.tsv");
  REQUIRE(rows.size() >= 25);
  for (const Row& r : rows) {
    INFO("cases.tsv line " << r.line_no);
    REQUIRE(r.cells.size() == 5);
    const fs::path file = kFixtures / r.cells[1];
    const auto before = tree(file.parent_path());
    bool sandbox_empty = false;
    alvh::DataError e("", 0, 0, "");
    {
      Sandbox sandbox;
      e = load_data(r.cells[0], file);
      sandbox_empty = sandbox.empty();
    }
    INFO(r.cells[0] << " loader, " << r.cells[1] << ": " << e.what());
    CHECK(e.file() == file.string());
    CHECK(e.line() == std::stoul(r.cells[2]));
    CHECK(e.column() == std::stoul(r.cells[3]));
    CHECK_THAT(e.reason(), Catch::Contains(r.cells[4]));
    CHECK(sandbox_empty);
    CHECK(tree(file.parent_path()) == before);
  }
}

// ---------------------------------------------------------------------------------- messages

// The payload type each message kind carries on the wire (docs/protocol.md, section 4). An ack is
// checked as the order ack, the only ack a user-written backend sends per order.
std::optional<alvh::wire::ProtocolError> decode_payload(alvh::wire::MessageType type, const std::string& payload) {
  using namespace alvh::wire;
  auto check = [&](auto result) -> std::optional<ProtocolError> {
    if (result) return std::nullopt;
    return result.error();
  };
  switch (type) {
    case MessageType::Hello: return check(from_json_text<Hello>(payload));
    case MessageType::SubmitCombo: return check(from_json_text<SubmitCombo>(payload));
    case MessageType::SubmitOrder: return check(from_json_text<SubmitSingle>(payload));
    case MessageType::Cancel: return check(from_json_text<CancelRequest>(payload));
    case MessageType::Ack: return check(from_json_text<OrderAck>(payload));
    case MessageType::Nack: return check(from_json_text<Nack>(payload));
    case MessageType::OrderEvent: return check(from_json_text<alvh::OrderEvent>(payload));
    case MessageType::Fill: return check(from_json_text<alvh::Fill>(payload));
    case MessageType::Settlement: return check(from_json_text<alvh::Settlement>(payload));
    case MessageType::Quote: return check(from_json_text<alvh::Quote>(payload));
    case MessageType::Chain: return check(from_json_text<alvh::OptionChainSnapshot>(payload));
    case MessageType::SnapshotRequest:
    case MessageType::Heartbeat: return std::nullopt;  // payload not read
  }
  return std::nullopt;
}

TEST_CASE("every bad message in the corpus is refused with its reason code, field and message id, by a pure decode") {
  // cases.tsv: file (relative to tests/fixtures) <TAB> stage (envelope|payload) <TAB> reason code
  // <TAB> field named in the detail <TAB> detail part <TAB> message id kept <TAB> max bytes.
  const auto rows = read_table(kCorpus / "messages" / "cases.tsv");
  REQUIRE(rows.size() >= 25);
  std::set<std::string> kinds;
  for (const Row& r : rows) {
    INFO("cases.tsv line " << r.line_no << ": " << r.cells.at(0));
    REQUIRE(r.cells.size() == 7);
    std::string bytes = slurp(kFixtures / r.cells[0]);
    REQUIRE_FALSE(bytes.empty());
    if (bytes.back() == '\n') bytes.pop_back();  // files end with a newline; the wire frame does not
    const std::size_t max_bytes = r.cells[6].empty() ? alvh::wire::kDefaultMaxMessageBytes : std::stoul(r.cells[6]);

    std::optional<alvh::wire::ProtocolError> error;
    const auto env = alvh::wire::decode_envelope(bytes, max_bytes);
    if (!env) {
      CHECK(r.cells[1] == "envelope");
      error = env.error();
    } else {
      CHECK(r.cells[1] == "payload");
      kinds.insert(std::string(alvh::wire::to_string(env.value().type)));
      error = decode_payload(env.value().type, env.value().payload);
      if (error) error->message_id = env.value().id;  // the server nacks with the envelope's id
    }
    REQUIRE(error.has_value());
    INFO("detail: " << error->detail);
    CHECK(alvh::wire::to_string(error->reason) == r.cells[2]);
    if (!r.cells[3].empty()) CHECK_THAT(error->detail, Catch::Contains("'" + r.cells[3] + "'"));
    CHECK_THAT(error->detail, Catch::Contains(r.cells[4]));
    CHECK(error->message_id == r.cells[5]);

    // Pure: the same bytes give the same answer again.
    const auto again = alvh::wire::decode_envelope(bytes, max_bytes);
    CHECK(again.ok() == env.ok());
    if (!again) CHECK(again.error().detail == env.error().detail);
  }
  // Every message kind whose payload is read has at least one bad payload in the corpus.
  for (const char* kind : {"hello", "submit_combo", "submit_order", "cancel", "ack", "nack", "order_event", "fill",
                           "settlement", "quote", "chain"}) {
    CAPTURE(kind);
    CHECK(kinds.count(kind) == 1);
  }
}

// ---------------------------------------------------------------------------------- the corpus itself

TEST_CASE("every file of the bad-input corpus has at least one case in its table") {
  for (const std::string kind : {"config", "data", "messages"}) {
    std::set<std::string> named;
    for (const Row& r : read_table(kCorpus / kind / "cases.tsv"))
      named.insert(corpus_name(kind, r.cells.at(kind == "data" ? 1 : 0)));
    for (const std::string& f : corpus_entries(kind)) {
      INFO(kind << "/" << f << " is not in " << kind << "/cases.tsv");
      CHECK(named.count(f) == 1);
    }
  }
}

}  // namespace
