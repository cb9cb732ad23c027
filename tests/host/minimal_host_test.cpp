// examples/minimal_host.c, the host written in plain C, run as a separate process.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <string>

using Catch::Matchers::Contains;

namespace {

struct Process {
  int status = -1;
  std::string out;
};

Process run(const std::string& command) {
  Process p;
  FILE* f = popen((command + " 2>&1").c_str(), "r");
  if (!f) return p;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, f)) p.out += buf;
  const int raw = pclose(f);
  p.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return p;
}

}  // namespace

TEST_CASE("the C example host loads the plugin, checks the manifest and trades one day") {
  const Process p = run(std::string("'") + ALVH_MINIMAL_HOST_PATH + "' '" + ALVH_PLUGIN_PATH + "' '" + ALVH_SOURCE_DIR +
                        "/config/alvh.yaml' 20240313");
  CAPTURE(p.out);
  CHECK(p.status == 0);
  CHECK_THAT(p.out, Contains("manifest ok: ABI 1, build 'alvh 0.1.0"));
  CHECK_THAT(p.out, Contains("submit_combo combo-1: 4 legs"));
  CHECK_THAT(p.out, Contains("request_chain VIX"));
  CHECK_THAT(p.out, Contains("day 20240313 done"));
}

TEST_CASE("the C example host reports a bad config with file, line and column and exits 1") {
  const std::string bad = std::string(ALVH_SOURCE_DIR) + "/tests/host/fixtures/bad_config.yaml";
  const Process p = run(std::string("'") + ALVH_MINIMAL_HOST_PATH + "' '" + ALVH_PLUGIN_PATH + "' '" + bad + "'");
  CAPTURE(p.out);
  CHECK(p.status == 1);
  CHECK_THAT(p.out, Contains("create failed (3): "));
  CHECK_THAT(p.out, Contains("bad_config.yaml:2:1"));
}

TEST_CASE("the C example host refuses a plugin of another ABI version") {
  const Process p = run(std::string("'") + ALVH_MINIMAL_HOST_PATH + "' '" + ALVH_FIXTURE_WRONG_ABI + "' x.yaml");
  CAPTURE(p.out);
  CHECK(p.status == 1);
  CHECK_THAT(p.out, Contains("incompatible plug-in (ABI 99, host 1)"));
}
