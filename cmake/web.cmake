# The browser client (Emscripten). Output: ${ALIN_DIST}/{index.html, alin-shell.js, alin.js, alin.wasm, ...}
set(ALIN_DIST ${CMAKE_BINARY_DIR}/dist)
file(MAKE_DIRECTORY ${ALIN_DIST})

# Size first: -Oz, no filesystem, exceptions on (the service layer relies on them for rollback).
set(ALIN_WEB_COMPILE -Oz -fexceptions)
set(ALIN_WEB_LINK -Oz -fexceptions
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFETCH=1 -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=33554432 -sFILESYSTEM=0 -sENVIRONMENT=web
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free -sEXPORTED_RUNTIME_METHODS=[]
  -sDYNAMIC_EXECUTION=1
  # Nothing is fetched to IndexedDB (EMSCRIPTEN_FETCH_LOAD_TO_MEMORY only): without
  # this, the fetch module opens an "emscripten_filesystem" database in every session,
  # which a kiosk could not delete (deleteDatabase is blocked by the open connection).
  -sFETCH_SUPPORT_INDEXEDDB=0)

foreach(t alin_domain alin_service alin_client imgui)
  target_compile_options(${t} PRIVATE ${ALIN_WEB_COMPILE})
endforeach()
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)

# Two builds of the same client: alin.wasm talks to the server; alin-demo.wasm
# also holds the whole service for the offline demo mode (?demo=1). The shell
# loads one or the other, so the regular first load carries no service code.
foreach(variant alin alin-demo)
  add_executable(${variant} src/platform/main_web.cpp src/platform/platform_web.cpp
    src/platform/imgui_backend_web.cpp)
  target_compile_options(${variant} PRIVATE ${ALIN_WEB_COMPILE})
  target_link_options(${variant} PRIVATE ${ALIN_WEB_LINK})
  set_target_properties(${variant} PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${ALIN_DIST})
endforeach()
target_sources(alin PRIVATE src/client/api_client_nolocal.cpp)
target_link_libraries(alin PRIVATE alin_client)
target_sources(alin-demo PRIVATE src/client/api_client_local.cpp)
target_link_libraries(alin-demo PRIVATE alin_client)

# Static files: the shell's script and web/ (index.html is written by alin_dist).
file(GLOB ALIN_WEB_STATIC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(ALIN_SHELL_FILES ${CMAKE_SOURCE_DIR}/shell/alin-shell.js ${CMAKE_SOURCE_DIR}/shell/alin-loader.js)
add_custom_target(alin_static ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ALIN_SHELL_FILES} ${ALIN_WEB_STATIC} ${ALIN_DIST}
  DEPENDS ${ALIN_SHELL_FILES} ${ALIN_WEB_STATIC}
  COMMENT "Copying the HTML shell and static files")
add_dependencies(alin alin_static)
add_dependencies(alin-demo alin_static)

# Reference data for the offline demo mode, fetched after the first frame.
set(ALIN_DEMO_DATA ${CMAKE_SOURCE_DIR}/build-assets/geo/geo.bin ${CMAKE_SOURCE_DIR}/assets/data/income_ceilings.json
  ${CMAKE_SOURCE_DIR}/assets/data/registration_sites.json ${CMAKE_SOURCE_DIR}/assets/data/typologies.json)
add_custom_target(alin_demo_data ALL
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ALIN_DIST}/data
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ALIN_DEMO_DATA} ${ALIN_DIST}/data
  DEPENDS ${ALIN_DEMO_DATA}
  COMMENT "Copying the demo mode's reference data")

# Everything the server serves, finished: index.html naming content-hashed copies
# of the shell and both builds, and Brotli/gzip variants of every compressible
# file (cmake/dist.sh; does nothing when nothing changed). scripts/run.sh builds
# this target only.
add_custom_target(alin_dist ALL
  COMMAND bash ${CMAKE_SOURCE_DIR}/cmake/dist.sh ${ALIN_DIST} ${CMAKE_SOURCE_DIR}/shell/index.html
  COMMENT "Hashed names and precompressed variants (build-web/dist)")
add_dependencies(alin_dist alin alin-demo alin_static alin_demo_data)

# A bare ImGui window (same toolchain, GLFW backend as in ImGui's example) for the
# first-frame benchmark baseline.
add_executable(bare_imgui tests/bench/bare/main.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/imgui_demo.cpp)
target_compile_options(bare_imgui PRIVATE -Oz)
target_compile_definitions(bare_imgui PRIVATE IMGUI_IMPL_OPENGL_ES3)
target_link_libraries(bare_imgui PRIVATE imgui)
target_link_options(bare_imgui PRIVATE -Oz -fexceptions -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sENVIRONMENT=web)
set_target_properties(bare_imgui PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bare)
add_custom_command(TARGET bare_imgui POST_BUILD COMMAND ${CMAKE_COMMAND} -E copy_if_different
  ${CMAKE_SOURCE_DIR}/tests/bench/bare/index.html ${CMAKE_BINARY_DIR}/bare/index.html)
