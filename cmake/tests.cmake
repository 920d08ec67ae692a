# Native tests, all run through CTest.
find_path(DOCTEST_INCLUDE_DIR doctest/doctest.h REQUIRED)

add_library(alin_doctest_main STATIC tests/doctest_main.cpp)
target_include_directories(alin_doctest_main PUBLIC ${DOCTEST_INCLUDE_DIR} tests)

# Unit tests of the pure domain and of the service layer (in-memory storage, manual clock).
file(GLOB ALIN_UNIT_TEST_SOURCES CONFIGURE_DEPENDS tests/unit/*.cpp)
add_executable(unit_tests ${ALIN_UNIT_TEST_SOURCES})
target_link_libraries(unit_tests PRIVATE alin_doctest_main alin_server_lib)
add_test(NAME unit_tests COMMAND unit_tests)

# Server tests: start the real alin_server on a loopback port and talk HTTP to it.
file(GLOB ALIN_SERVER_TEST_SOURCES CONFIGURE_DEPENDS tests/server/*.cpp)
if(ALIN_SERVER_TEST_SOURCES)
  add_executable(server_tests ${ALIN_SERVER_TEST_SOURCES})
  target_link_libraries(server_tests PRIVATE alin_doctest_main alin_server_lib)
  target_compile_definitions(server_tests PRIVATE ALIN_SERVER_EXE="$<TARGET_FILE:alin_server>")
  add_dependencies(server_tests alin_server)
  add_test(NAME server_tests COMMAND server_tests)
  set_tests_properties(server_tests PROPERTIES TIMEOUT 600)
endif()

# UI tests: the real screens rendered headless by ImGui natively, driven through
# the semantic tree exactly as the browser layer is.
file(GLOB ALIN_UI_TEST_SOURCES CONFIGURE_DEPENDS tests/ui/*.cpp)
if(ALIN_UI_TEST_SOURCES)
  # The demo mode's in-page service, as object code (App refers to it).
  add_executable(ui_tests ${ALIN_UI_TEST_SOURCES} ${CMAKE_SOURCE_DIR}/src/client/api_client_local.cpp)
  target_link_libraries(ui_tests PRIVATE alin_doctest_main alin_platform_native)
  target_compile_definitions(ui_tests PRIVATE ALIN_TEST_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME ui_tests COMMAND ui_tests)
endif()

# Benchmarks (not tests): print figures.
file(GLOB ALIN_BENCH_SOURCES CONFIGURE_DEPENDS tests/bench/native/*.cpp)
foreach(src ${ALIN_BENCH_SOURCES})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/src/client/api_client_local.cpp)
  target_link_libraries(${name} PRIVATE alin_server_lib alin_platform_native)
endforeach()
