// Replays the seed corpora and every saved crash input through the fuzz targets' entry functions,
// without libFuzzer, so fixed crashes stay fixed in every build (gcc included).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_targets.hpp"

namespace {

namespace fs = std::filesystem;
using Entry = int (*)(const std::uint8_t*, std::size_t);

std::vector<fs::path> inputs_of(const std::string& name) {
  std::vector<fs::path> files;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(ALVH_FUZZ_DIR) / kind / name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replay(const std::string& name, Entry entry) {
  const auto files = inputs_of(name);
  CAPTURE(name, files.size());
  REQUIRE_FALSE(files.empty());  // every target has a seed corpus
  for (const auto& f : files) {
    const std::string bytes = read_bytes(f);
    INFO("input " << f.string() << " (" << bytes.size() << " bytes)");
    int rc = -1;
    CHECK_NOTHROW(rc = entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    CHECK(rc == 0);
  }
}

}  // namespace

TEST_CASE("the zmq decoder fuzz target accepts its corpus and every saved crash input") {
  replay("zmq_decode", alvh_fuzz_zmq_decode);
}

TEST_CASE("the config loader fuzz target accepts its corpus and every saved crash input") {
  replay("config_loader", alvh_fuzz_config_loader);
}

TEST_CASE("the market data fuzz target accepts its corpus and every saved crash input") {
  replay("market_data", alvh_fuzz_market_data);
}

TEST_CASE("the condition compiler fuzz target accepts its corpus and every saved crash input") {
  replay("condition", alvh_fuzz_condition);
}
