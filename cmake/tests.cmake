# Native tests, all run through CTest.
find_path(DOCTEST_INCLUDE_DIR doctest/doctest.h REQUIRED)

add_library(alin_doctest_main STATIC tests/doctest_main.cpp)
target_include_directories(alin_doctest_main PUBLIC ${DOCTEST_INCLUDE_DIR} tests)

# The demo mode's in-page service (App refers to it), compiled once for the UI
# tests and the benchmarks.
add_library(alin_client_local OBJECT ${CMAKE_SOURCE_DIR}/src/client/api_client_local.cpp)
target_link_libraries(alin_client_local PUBLIC alin_client)
alin_pch_reuse(alin_client_local alin_domain)

# Test code needs no heavy optimisation (the code under test is in the libraries,
# built with the configuration's flags): -O1 compiles the doctest-heavy units in
# far less time than -O3. (ui_tests shares alin_domain's PCH, so keeps its flags.)
set(ALIN_TEST_COMPILE_OPTIONS -O1)

# Unit tests of the pure domain and of the service layer (in-memory storage, manual clock).
file(GLOB ALIN_UNIT_TEST_SOURCES CONFIGURE_DEPENDS tests/unit/*.cpp)
add_executable(unit_tests ${ALIN_UNIT_TEST_SOURCES})
target_link_libraries(unit_tests PRIVATE alin_doctest_main alin_server_lib)
alin_warnings(unit_tests SOFT)
target_compile_options(unit_tests PRIVATE ${ALIN_TEST_COMPILE_OPTIONS})
alin_pch(unit_tests <doctest/doctest.h>)
# Calls parseIncomeCeilings(std::string) that are unambiguous only while
# eligibility.h sees nlohmann::json incomplete (json_fwd.hpp): see cmake/pch.cmake.
set_source_files_properties(${CMAKE_SOURCE_DIR}/tests/unit/test_eligibility.cpp PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
add_test(NAME unit_tests COMMAND unit_tests)

# Server tests: start the real alin_server on a loopback port and talk HTTP to it.
file(GLOB ALIN_SERVER_TEST_SOURCES CONFIGURE_DEPENDS tests/server/*.cpp)
if(ALIN_SERVER_TEST_SOURCES)
  add_executable(server_tests ${ALIN_SERVER_TEST_SOURCES})
  target_link_libraries(server_tests PRIVATE alin_doctest_main alin_server_lib)
  alin_warnings(server_tests SOFT)
  target_compile_definitions(server_tests PRIVATE ALIN_SERVER_EXE="$<TARGET_FILE:alin_server>")
  add_dependencies(server_tests alin_server)
  target_compile_options(server_tests PRIVATE ${ALIN_TEST_COMPILE_OPTIONS})
  alin_pch(server_tests <doctest/doctest.h> <httplib.h>)
  add_test(NAME server_tests COMMAND server_tests)
  set_tests_properties(server_tests PROPERTIES TIMEOUT 1800)
endif()

# UI tests: the real screens rendered headless by ImGui natively, driven through
# the semantic tree exactly as the browser layer is.
file(GLOB ALIN_UI_TEST_SOURCES CONFIGURE_DEPENDS tests/ui/*.cpp)
if(ALIN_UI_TEST_SOURCES)
  add_executable(ui_tests ${ALIN_UI_TEST_SOURCES})
  target_link_libraries(ui_tests PRIVATE alin_doctest_main alin_platform_native alin_client_local)
  alin_warnings(ui_tests SOFT)
  alin_pch_reuse(ui_tests alin_domain)
  target_compile_definitions(ui_tests PRIVATE ALIN_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME ui_tests COMMAND ui_tests)
endif()

# Benchmarks (not tests): print figures.
file(GLOB ALIN_BENCH_SOURCES CONFIGURE_DEPENDS tests/bench/native/*.cpp)
foreach(src ${ALIN_BENCH_SOURCES})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE alin_server_lib alin_platform_native alin_client_local)
  alin_warnings(${name} SOFT)
endforeach()
