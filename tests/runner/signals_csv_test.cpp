// `alvh signals --csv` prints signal values in their shortest round-trip form: each cell reads
// back as exactly the value the signal engine computed.
#include <catch2/catch.hpp>

#include <charconv>
#include <sstream>

#include "alvh/config/config_loader.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/runner/cli.hpp"

namespace {

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

std::string signals_csv() {
  std::ostringstream out, err;
  const int status = alvh::runner::run_cli({"signals", "--config", kConfig, "--from", "2024-07-29", "--to", "2024-08-09", "--csv"},
                                           out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  return out.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  // The last column (fired rules) is quoted and may hold commas: stop before it.
  const std::size_t quoted = line.find(",\"");
  const std::string numbers = line.substr(0, quoted);
  for (std::size_t comma; (comma = numbers.find(',', start)) != std::string::npos; start = comma + 1)
    out.push_back(numbers.substr(start, comma - start));
  out.push_back(numbers.substr(start));
  return out;
}

}  // namespace

TEST_CASE("alvh signals --csv cells read back as the exact signal values, and reruns are byte-identical") {
  using namespace alvh;
  const std::string csv = signals_csv();
  CHECK(csv == signals_csv());

  auto cfg = config::load_config(kConfig);
  REQUIRE(cfg.ok());
  const DailyPanel panel = build_daily_panel(load_market_history(cfg.config->data.dir));
  const SignalTable table = SignalEngine(cfg.config->signals).compute(panel);

  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  auto header = split(line);
  REQUIRE(header.back() == "fired");
  header.pop_back();  // the rules column, quoted in the rows
  REQUIRE(header.size() == table.columns.size() + 1);
  std::size_t days = 0, numbers = 0;
  while (std::getline(in, line)) {
    const auto cells = split(line);
    REQUIRE(cells.size() == header.size());
    const auto date = parse_iso_date(cells[0]);
    REQUIRE(date);
    const auto row = static_cast<std::size_t>(std::find(table.dates.begin(), table.dates.end(), *date) - table.dates.begin());
    REQUIRE(row < table.dates.size());
    ++days;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      CAPTURE(cells[0], table.columns[c], cells[c + 1]);
      const auto& v = table.values[c][row];
      if (!v) {
        CHECK(cells[c + 1].empty());
        continue;
      }
      double parsed = 0;
      const std::string& cell = cells[c + 1];
      const auto res = std::from_chars(cell.data(), cell.data() + cell.size(), parsed);
      REQUIRE(res.ec == std::errc());
      CHECK(res.ptr == cell.data() + cell.size());
      CHECK(parsed == *v);
      ++numbers;
    }
  }
  CHECK(days == 10);
  CHECK(numbers > 100);
}
