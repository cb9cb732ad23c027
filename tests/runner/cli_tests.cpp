// The CLI contract scripts rely on: flags, exit statuses, one-line errors, JSON keys.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "alvh/runner/cli.hpp"
#include "alvh/strategies/hedge_sizing_mode.hpp"

using Catch::Matchers::Contains;

namespace {
struct Run {
  int status;
  std::string out, err;
};
Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  int s = alvh::runner::run_cli(args, out, err);
  return {s, out.str(), err.str()};
}
int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }
}  // namespace

TEST_CASE("alvh price prints Haug's Black-76 value as JSON with the documented keys") {
  auto r = run({"price", "--model", "black76", "--type", "call", "--forward", "19", "--strike", "19",
                "--years", "0.75", "--rate", "0.10", "--vol", "0.28", "--json"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  for (const char* k : {"price", "delta", "gamma", "vega", "theta", "vol"}) CHECK(j.contains(k));
  CHECK(j["price"].get<double>() == Approx(1.7011).margin(5e-5));
  CHECK(j["vol"].get<double>() == Approx(0.28));
}

TEST_CASE("alvh price solves the implied vol back from a price") {
  auto r = run({"price", "--model", "bsm", "--type", "put", "--spot", "100", "--div", "0.05", "--strike", "95",
                "--years", "0.5", "--rate", "0.10", "--implied", "2.4648", "--json"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["vol"].get<double>() == Approx(0.20).margin(1e-4));
}

TEST_CASE("alvh price reports an impossible implied vol as a failed run, not NaN") {
  auto r = run({"price", "--model", "bsm", "--type", "call", "--spot", "100", "--strike", "95", "--years", "0.5",
                "--rate", "0", "--implied", "1.0"});  // below intrinsic 5
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("no implied volatility"));
  CHECK_THAT(r.out, !Contains("nan"));
}

TEST_CASE("wrong or missing arguments exit with status 2 and a one-line message") {
  const std::vector<std::vector<std::string>> cases{
      {},
      {"nosuchcommand"},
      {"price", "--model", "heston", "--type", "call", "--spot", "1", "--strike", "1", "--years", "1", "--rate", "0", "--vol", "0.2"},
      {"price", "--model", "bsm", "--type", "call", "--strike", "1", "--years", "1", "--rate", "0", "--vol", "0.2"},
      {"price", "--model", "black76", "--type", "call", "--spot", "1", "--strike", "1", "--years", "1", "--rate", "0", "--vol", "0.2"},
      {"price", "--model", "bsm", "--type", "call", "--spot", "1", "--strike", "1", "--years", "1", "--rate", "0"},
      {"price", "--model", "bsm", "--type", "call", "--spot", "x", "--strike", "1", "--years", "1", "--rate", "0", "--vol", "0.2"},
      {"price", "--model", "bsm", "--type", "call", "--spot", "1", "--strike", "1", "--years", "-1", "--rate", "0", "--vol", "0.2"},
      {"calendar", "--expiries", "spxw", "--from", "2024-13-01", "--to", "2024-12-31"},
      {"calendar", "--expiries", "weekly", "--from", "2024-01-01", "--to", "2024-12-31"},
      {"calendar", "--expiries", "vix", "--from", "2024-02-01", "--to", "2024-01-01"},
      {"calendar", "--expiries", "vix"},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& a : c) joined += a + " ";
    INFO("alvh " << joined);
    auto r = run(c);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.out.empty());
  }
}

TEST_CASE("every subcommand answers --help with status 0") {
  for (std::string sub : {"price", "calendar", "check-config", "signals", "backtest"}) {
    INFO(sub);
    auto r = run({sub, "--help"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Contains("--"));
  }
  auto top = run({"--help"});
  CHECK(top.status == 0);
  CHECK_THAT(top.out, Contains("price"));
}

TEST_CASE("alvh calendar lists the 2019 VIX expiries with March moved for Good Friday") {
  auto r = run({"calendar", "--expiries", "vix", "--from", "2019-01-01", "--to", "2019-12-31"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(lines(r.out) == 12);
  CHECK_THAT(r.out, Contains("2019-03-19\n"));
  CHECK_THAT(r.out, Contains("2019-01-16\n"));
}

TEST_CASE("alvh calendar lists one SPXW expiry per trading day in a 2024 week") {
  auto r = run({"calendar", "--expiries", "spxw", "--from", "2024-12-23", "--to", "2024-12-27"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "2024-12-23\n2024-12-24\n2024-12-26\n2024-12-27\n");
}

namespace {
const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("alvh check-config accepts the default config and exits 0") {
  auto r = run({"check-config", kConfig});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Contains("valid"));
}

TEST_CASE("alvh check-config lists every error with file, line and column and exits 1") {
  const std::string bad = std::string(ALVH_TEST_FIXTURES_DIR) + "/config/broken/unknown_keys.yaml";
  auto r = run({"check-config", bad});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("unknown_keys.yaml:"));
  CHECK_THAT(r.err, Contains("error(s)"));
}

TEST_CASE("alvh signals prints one CSV row per trading day with NA breadth before 2023-06") {
  auto r = run({"signals", "--config", kConfig, "--from", "2020-03-09", "--to", "2020-03-13", "--csv"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(lines(r.out) == 6);  // header + 5 trading days
  CHECK(r.out.rfind("date,macd_vix.macd", 0) == 0);
  CHECK_THAT(r.out, Contains("2020-03-12,"));
  CHECK_THAT(r.out, Contains("turbulence_front_layer"));
  // The A-D line has no data in 2020: its cells are empty, never 0.
  const auto header_end = r.out.find('\n');
  const std::string header = r.out.substr(0, header_end);
  CHECK_THAT(header, Contains("adl.line"));
}

TEST_CASE("alvh backtest writes the four outputs and the same summary.json twice") {
  namespace fs = std::filesystem;
  const fs::path base = fs::temp_directory_path() / "alvh_cli_backtest_test";
  fs::remove_all(base);
  std::vector<std::string> args{"backtest", "--config", kConfig, "--from", "2020-02-18", "--to", "2020-03-31", "--quiet"};
  auto a = args, b = args;
  a.insert(a.end(), {"--out", (base / "a").string()});
  b.insert(b.end(), {"--out", (base / "b").string()});
  auto r1 = run(a);
  INFO(r1.err);
  REQUIRE(r1.status == 0);
  auto r2 = run(b);
  REQUIRE(r2.status == 0);
  for (const char* f : {"summary.json", "trades.csv", "daily.csv", "report.html"}) {
    INFO(f);
    CHECK(fs::file_size(base / "a" / f) > 0);
  }
  CHECK(slurp((base / "a" / "summary.json").string()) == slurp((base / "b" / "summary.json").string()));
  auto j = nlohmann::json::parse(slurp((base / "a" / "summary.json").string()));
  REQUIRE(j["variants"].is_array());
  // Gated and ungated: condors, one per sizing mode, and the configured mode under the other exit policy.
  CHECK(j["variants"].size() == 2 * (1 + alvh::strategies::kHedgeSizingModes.size() + 1));
  for (const auto& c : j["crash_days"])
    for (const char* k : {"date", "variant", "condor_pnl", "hedge_pnl", "recovery_ratio"}) CHECK(c.contains(k));
  fs::remove_all(base);
}

TEST_CASE("alvh backtest with an invalid config fails with the file and line") {
  const std::string bad = std::string(ALVH_TEST_FIXTURES_DIR) + "/config/broken/unknown_keys.yaml";
  auto r = run({"backtest", "--config", bad, "--out", "/tmp/alvh_never_written"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("unknown_keys.yaml:"));
  CHECK_FALSE(std::filesystem::exists("/tmp/alvh_never_written/summary.json"));
}
