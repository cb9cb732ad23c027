# Warning and sanitizer flags applied per target through alvh_target_defaults().
function(alvh_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string` at -O3
    # (GCC bug 105329); the code is correct, the warning is not actionable.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(ALVH_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(ALVH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer cannot be combined with AddressSanitizer: it is its own build (the `tsan` preset)
# for the ZeroMQ and threaded tests.
option(ALVH_SANITIZE_THREAD "Build with ThreadSanitizer" OFF)
if(ALVH_SANITIZE_THREAD)
  if(ALVH_SANITIZE)
    message(FATAL_ERROR "ALVH_SANITIZE (ASan+UBSan) and ALVH_SANITIZE_THREAD (TSan) are exclusive")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
