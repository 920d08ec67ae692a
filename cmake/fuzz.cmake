# libFuzzer targets (tests/fuzz), built with clang, ASan and UBSan in their own
# build folder: scripts/fuzz.sh (long runs) and its --smoke mode (scripts/test.sh).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "ALIN_FUZZ needs clang: CC=clang CXX=clang++ (scripts/fuzz.sh does it)")
endif()
set(ALIN_FUZZ_TARGETS fuzz_domain fuzz_offer_query fuzz_registry_json fuzz_router fuzz_http_request)
foreach(name ${ALIN_FUZZ_TARGETS})
  add_executable(${name} tests/fuzz/${name}.cpp)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE alin_service PkgConfig::HTTPLIB Threads::Threads)
  alin_warnings(${name} SOFT)
endforeach()
target_compile_definitions(fuzz_router PRIVATE ALIN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
# The server's HTTP parser alone (not the whole server library).
target_sources(fuzz_http_request PRIVATE server-stub/http_front.cpp server-stub/http_wire.cpp
  server-stub/trusted_proxies.cpp)
target_include_directories(fuzz_http_request PRIVATE server-stub)
add_custom_target(fuzz_targets DEPENDS ${ALIN_FUZZ_TARGETS})
