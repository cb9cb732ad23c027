// The loader accepts the real plug-in and rejects broken ones with a clear message, no crash.
#include <catch2/catch.hpp>

#include <string>

#include "alvh/host/plugin_error.hpp"
#include "alvh/host/plugin_library.hpp"
#include "alvh/host/plugin_strategy.hpp"

using namespace alvh;
using namespace alvh::host;
using Catch::Matchers::Contains;

namespace {

// The PluginLoadError message for `file`, or "" when it loads.
std::string rejection(const std::string& file) {
  try {
    PluginLibrary lib(file);
  } catch (const PluginLoadError& e) {
    return e.what();
  }
  return "";
}


}  // namespace

TEST_CASE("the real plugin loads and its manifest lists alvh_portfolio") {
  const PluginLibrary lib(ALVH_PLUGIN_PATH);
  CHECK(lib.manifest().abi_version == ALVH_PLUGIN_ABI_VERSION);
  CHECK(lib.strategy_names() == std::vector<std::string>{"alvh_portfolio"});
  CHECK(lib.provides("alvh_portfolio"));
  CHECK_FALSE(lib.provides("fixture"));
  CHECK(missing_callbacks(lib.api()).empty());
}

TEST_CASE("a plugin built for another ABI version is rejected before its table is used") {
  const std::string why = rejection(ALVH_FIXTURE_WRONG_ABI);
  CAPTURE(why);
  CHECK_THAT(why, Contains("rejected: plugin ABI version 99, this host speaks ABI version 1"));
}

TEST_CASE("a library without the entry symbol is rejected") {
  const std::string why = rejection(ALVH_FIXTURE_NO_ENTRY);
  CAPTURE(why);
  CHECK_THAT(why, Contains("no exported symbol 'alvh_plugin_entry'"));
}

TEST_CASE("a plugin whose callback table has a null slot is rejected, naming the slot") {
  const std::string why = rejection(ALVH_FIXTURE_NULL_CALLBACK);
  CAPTURE(why);
  CHECK_THAT(why, Contains("callback table has null slots: on_fill"));
}

TEST_CASE("a text file named .so is rejected as not loadable") {
  const std::string why = rejection(ALVH_FIXTURE_NOT_A_LIBRARY);
  CAPTURE(why);
  CHECK_THAT(why, Contains("not_a_library.so rejected: not a loadable shared library"));
}

TEST_CASE("a missing file and a directory are rejected") {
  CHECK_THAT(rejection("/nonexistent/libalvh_plugin.so"), Contains("/nonexistent/libalvh_plugin.so rejected: no such file"));
  CHECK_THAT(rejection(ALVH_SOURCE_DIR), Contains("not a regular file"));
}

namespace {


void expect_create_failure(const char* file, std::int32_t status, const std::string& text) {
  const PluginLibrary lib(file);
  PluginStrategy s(lib, {"fixture", "schema_version: 1\n", "inline", false, false});
  // init() only hands the context to the plug-in; these fixtures never call it.
  struct Unused : StrategyContext {
    const Clock& clock() const override { throw std::logic_error("unused"); }
    const ExchangeCalendar& calendar() const override { throw std::logic_error("unused"); }
    const OptionPricer& pricer() const override { throw std::logic_error("unused"); }
    ClientOrderId submit_combo(const ComboOrder&) override { return {}; }
    ClientOrderId submit_order(const SingleOrder&) override { return {}; }
    void cancel(const ClientOrderId&) override {}
    std::vector<Order> open_orders() const override { return {}; }
    std::vector<Position> positions() const override { return {}; }
    PortfolioGreeks portfolio_greeks() const override { return {}; }
    AccountSummary account() const override { return {}; }
    void request_chain(const ChainRequest&) override {}
    TimerId schedule(ExchangeTime, std::string) override { return 0; }
    void cancel_timer(TimerId) override {}
    void log(LogLevel, std::string_view, std::string_view) override {}
    void persist(std::string_view, std::string_view) override {}
    std::optional<std::string> restore(std::string_view) const override { return {}; }
  } ctx;
  try {
    s.init(ctx);
    FAIL("create succeeded");
  } catch (const PluginCallError& e) {
    CAPTURE(e.what());
    CHECK(e.status() == status);
    CHECK(e.callback() == "create");
    CHECK_THAT(std::string(e.what()), Contains(text));
  }
}

}  // namespace

TEST_CASE("a create that reports a failure surfaces as PluginCallError with the plugin's message") {
  expect_create_failure(ALVH_FIXTURE_FAILING_CREATE, ALVH_ERR_INTERNAL, "fixture: create failed on purpose");
}

TEST_CASE("a create that throws through the C boundary is caught by the host, not a crash") {
  expect_create_failure(ALVH_FIXTURE_THROWING_CREATE, ALVH_ERR_INTERNAL, "an exception escaped the plugin");
}

TEST_CASE("asking a plugin for a strategy it does not provide is refused up front") {
  const PluginLibrary lib(ALVH_PLUGIN_PATH);
  CHECK_THROWS_WITH(PluginStrategy(lib, {"martingale", "", "", false, false}),
                    Catch::Contains("provides no strategy 'martingale'"));
}
