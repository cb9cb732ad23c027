#pragma once
// Entry functions of the fuzz targets. Each <name>_fuzz.cpp defines alvh_fuzz_<name>; built with
// ALVH_LIBFUZZER it also defines LLVMFuzzerTestOneInput around it. The replay test calls them
// directly (any compiler, no libFuzzer) on tests/fuzz/corpus/<name> and tests/fuzz/regressions/<name>.
#include <cstddef>
#include <cstdint>

int alvh_fuzz_zmq_decode(const std::uint8_t* data, std::size_t size);
int alvh_fuzz_config_loader(const std::uint8_t* data, std::size_t size);
int alvh_fuzz_market_data(const std::uint8_t* data, std::size_t size);
int alvh_fuzz_condition(const std::uint8_t* data, std::size_t size);

#ifdef ALVH_LIBFUZZER
#define ALVH_FUZZ_ENTRY(fn)                                                          \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return fn(data, size);                                                           \
  }
#else
#define ALVH_FUZZ_ENTRY(fn)
#endif
