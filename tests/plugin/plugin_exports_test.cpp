// The plug-in's dynamic symbol table: the entry point and nothing else of ours (the version
// script also hides the statically linked strategy, config and QuantLib adapter code).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

TEST_CASE("libalvh_plugin.so exports exactly one alvh symbol, the entry point, and no C++ symbols") {
  const std::string command = std::string("nm -D --defined-only '") + ALVH_PLUGIN_PATH + "'";
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  std::vector<std::string> symbols;
  char line[4096];
  while (std::fgets(line, sizeof line, p)) {
    std::string s(line);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    const auto space = s.rfind(' ');
    symbols.push_back(space == std::string::npos ? s : s.substr(space + 1));
  }
  REQUIRE(pclose(p) == 0);
  std::vector<std::string> ours, cxx;
  for (const auto& s : symbols) {
    if (s.rfind("alvh", 0) == 0) ours.push_back(s);
    if (s.rfind("_Z", 0) == 0) cxx.push_back(s);
  }
  CAPTURE(symbols);
  CHECK(ours == std::vector<std::string>{"alvh_plugin_entry"});
  CHECK(cxx.empty());
}
