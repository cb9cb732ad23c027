// The CLI contract scripts rely on: flags, exit statuses, one-line errors, JSON keys.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "alvh/runner/cli.hpp"

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
  CHECK(r.err.find("no implied volatility") != std::string::npos);
  CHECK(r.out.find("nan") == std::string::npos);
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
  for (std::string sub : {"price", "calendar"}) {
    INFO(sub);
    auto r = run({sub, "--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("--") != std::string::npos);
  }
  auto top = run({"--help"});
  CHECK(top.status == 0);
  CHECK(top.out.find("price") != std::string::npos);
}

TEST_CASE("alvh calendar lists the 2019 VIX expiries with March moved for Good Friday") {
  auto r = run({"calendar", "--expiries", "vix", "--from", "2019-01-01", "--to", "2019-12-31"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(lines(r.out) == 12);
  CHECK(r.out.find("2019-03-19\n") != std::string::npos);
  CHECK(r.out.find("2019-01-16\n") != std::string::npos);
}

TEST_CASE("alvh calendar lists one SPXW expiry per trading day in a 2024 week") {
  auto r = run({"calendar", "--expiries", "spxw", "--from", "2024-12-23", "--to", "2024-12-27"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "2024-12-23\n2024-12-24\n2024-12-26\n2024-12-27\n");
}
