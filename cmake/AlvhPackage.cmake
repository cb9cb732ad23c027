# Exported CMake package: find_package(alvh) gives alvh::core, alvh::data, alvh::quantlib, ...
include(CMakePackageConfigHelpers)
set(ALVH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/alvh)
install(EXPORT alvhTargets NAMESPACE alvh:: DESTINATION ${ALVH_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/alvhConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/alvhConfig.cmake INSTALL_DESTINATION ${ALVH_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/alvhConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/alvhConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/alvhConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/FindQuantLib.cmake DESTINATION ${ALVH_CMAKE_DIR})
