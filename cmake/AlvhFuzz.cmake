# libFuzzer support (clang only). Each fuzz target is tests/fuzz/<name>_fuzz.cpp defining
# alvh_fuzz_<name>(); ALVH_LIBFUZZER adds the LLVMFuzzerTestOneInput wrapper. scripts/fuzz drives it.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "ALVH_FUZZ needs clang (libFuzzer); configure with CXX=clang++ or use scripts/fuzz")
endif()

# Coverage feedback from the code under test, not only from the fuzz driver: without it libFuzzer
# cannot tell which inputs reach new branches of the parsers. Consumers link with the same flag so
# ordinary executables (tests, tools) still find the coverage callbacks.
function(alvh_fuzz_instrument)
  foreach(target IN LISTS ARGN)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    target_link_options(${target} INTERFACE -fsanitize=fuzzer-no-link)
  endforeach()
endfunction()

# alvh_add_fuzzer(<name> LIBS <libs...>) -> executable alvh_fuzz_<name>.
function(alvh_add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  set(target alvh_fuzz_${name})
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/${name}_fuzz.cpp)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_definitions(${target} PRIVATE ALVH_LIBFUZZER)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${target} PRIVATE ${ARG_LIBS})
  alvh_target_defaults(${target})
endfunction()
