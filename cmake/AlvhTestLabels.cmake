# Test labels: every test carries one component label and one kind label (README, "Test labels"):
#   unit      in-process, synthetic inputs or small fixtures
#   realdata  in-process, but reads the bundled market history in data/
#   e2e       starts the real executables (alvh, alvh-host, alvh-paper-broker, alvh-feed, a backend)
#   load      rate or soak under load
# catch_discover_tests(... PROPERTIES LABELS "a;b") keeps only "a": Catch's discovery script
# re-splits the property list, so "b" becomes a property name. The labels are therefore set after
# discovery, from an include file of our own that ctest reads after Catch's.
include(Catch)

# alvh_catch_tests(<target> COMPONENT <label> [KIND <kind>] [PREFIX <text>] [SPEC <catch spec>]
#                  [UNIT|REALDATA|E2E|LOAD <catch tag>...] [PROPERTIES <name> <value>...])
# Registers the Catch tests of <target> as "<PREFIX><test name>" (PREFIX defaults to
# "<COMPONENT>: "). KIND (default unit) is the kind of every test not picked by a kind list. A kind
# list names single Catch tags; "[#file_name]" picks every test of tests/.../file_name.cpp (Catch's
# -# option tags tests with their file). SPEC narrows all of it (e.g. "~[recovery]").
function(alvh_catch_tests target)
  cmake_parse_arguments(A "" "COMPONENT;KIND;PREFIX;SPEC" "UNIT;REALDATA;E2E;LOAD;PROPERTIES" ${ARGN})
  if(NOT A_COMPONENT)
    message(FATAL_ERROR "alvh_catch_tests(${target}): COMPONENT is required")
  endif()
  if(NOT A_KIND)
    set(A_KIND unit)
  endif()
  if(NOT A_KIND MATCHES "^(unit|realdata|e2e|load)$")
    message(FATAL_ERROR "alvh_catch_tests(${target}): KIND '${A_KIND}' is not unit, realdata, e2e or load")
  endif()
  if(NOT DEFINED A_PREFIX)
    set(A_PREFIX "${A_COMPONENT}: ")
  endif()
  set(rest "")  # the tests no kind list picked: base spec and not any listed tag
  foreach(kind unit realdata e2e load)
    string(TOUPPER ${kind} list)
    if(NOT A_${list})
      continue()
    endif()
    if(kind STREQUAL A_KIND)
      message(FATAL_ERROR "alvh_catch_tests(${target}): ${list} repeats the default KIND")
    endif()
    set(alternatives "")
    foreach(tag ${A_${list}})
      list(APPEND alternatives "${A_SPEC}${tag}")  # base AND tag; alternatives are or-ed by ','
      string(APPEND rest "~${tag}")
    endforeach()
    list(JOIN alternatives "," spec)
    _alvh_catch_discover(${target} ${kind} "${spec}")
  endforeach()
  _alvh_catch_discover(${target} ${A_KIND} "${A_SPEC}${rest}")
endfunction()

# One discovery (one Catch test spec) whose tests all get the labels "<component>;<kind>".
macro(_alvh_catch_discover target kind spec)
  string(MAKE_C_IDENTIFIER "${target}_${A_COMPONENT}_${kind}" _list)
  set(_spec_args "")
  if(NOT "${spec}" STREQUAL "")
    set(_spec_args TEST_SPEC "-#" "${spec}")
  endif()
  catch_discover_tests(${target} ${_spec_args} TEST_PREFIX "${A_PREFIX}" TEST_LIST ${_list}
                       WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} PROPERTIES ${A_PROPERTIES})
  set(_labels_file "${CMAKE_CURRENT_BINARY_DIR}/${_list}_labels.cmake")
  file(WRITE "${_labels_file}"
    "if(NOT \"\${${_list}}\" STREQUAL \"\")\n"
    "  set_tests_properties(\${${_list}} PROPERTIES LABELS [==[${A_COMPONENT};${kind}]==])\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${_labels_file}")
endmacro()

# alvh_test_labels(<test name> <component> <kind>): the same two labels for a test added with add_test().
function(alvh_test_labels test component kind)
  if(NOT kind MATCHES "^(unit|realdata|e2e|load)$")
    message(FATAL_ERROR "alvh_test_labels(${test}): kind '${kind}' is not unit, realdata, e2e or load")
  endif()
  set_tests_properties("${test}" PROPERTIES LABELS "${component};${kind}")
endfunction()
