# The browser client (Emscripten). Output: ${ALIN_DIST}/{index.html, alin-shell.js, alin.js, alin.wasm, ...}
set(ALIN_DIST ${CMAKE_BINARY_DIR}/dist)
file(MAKE_DIRECTORY ${ALIN_DIST})

# Size first: -Oz, no filesystem, exceptions on (the service layer relies on them for
# rollback), no RTTI (nothing uses typeid or dynamic_cast; exceptions keep the type
# information they need), and wasm-opt again on the result until it gains nothing
# (--converge, below: as an extra pass of emcc's own wasm-opt run it breaks the i64
# legalization of 3.1.6).
set(ALIN_WEB_COMPILE -Oz -fexceptions -fno-rtti)
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
# Exceptions thrown in the client (a reply of the wrong shape: nlohmann's type_error)
# are caught once, around the frame (src/client/app_frame.cpp, compiled with the
# executables below). The client, the domain and ImGui catch nothing themselves, so
# they are compiled without unwinding code (-fignore-exceptions): a throw still
# reaches that catch, but the frames in between skip their destructors (what they
# held is leaked, on that error path only). The JS exception handling of Emscripten
# 3.1.6 routes every call that may need unwinding through a JS wrapper: measured
# 209 KB less wasm, 27 KB less after Brotli. The service (alin_service, the demo's
# in-page server) keeps full unwinding: it rolls transactions back by destructors.
foreach(t alin_domain alin_client imgui)
  target_compile_options(${t} PRIVATE -fignore-exceptions)
endforeach()
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)

# The client carries the French catalogue only; English is the file alin-en.json,
# fetched when English is chosen (src/client/app_language.cpp). It is written by a
# small tool compiled with English inside (cmake/catalogue_json.cpp), run by node.
target_compile_definitions(alin_domain PRIVATE ALIN_I18N_ENGLISH_FILE)
add_executable(alin_catalogue_json cmake/catalogue_json.cpp src/i18n/catalog.cpp)
target_include_directories(alin_catalogue_json PRIVATE src ${ALIN_HEADER_SHIM})
target_compile_options(alin_catalogue_json PRIVATE -O1)
# (SINGLE_FILE: node 20's fetch cannot read the .wasm by path, as 3.1.6's loader tries.)
target_link_options(alin_catalogue_json PRIVATE -O1 -sENVIRONMENT=node -sFILESYSTEM=0 -sEXIT_RUNTIME=1 -sSINGLE_FILE=1)
set_target_properties(alin_catalogue_json PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tools)
find_program(ALIN_NODE node REQUIRED)
add_custom_command(OUTPUT ${ALIN_DIST}/alin-en.json
  COMMAND ${ALIN_NODE} $<TARGET_FILE:alin_catalogue_json> > ${ALIN_DIST}/alin-en.json.tmp
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ALIN_DIST}/alin-en.json.tmp ${ALIN_DIST}/alin-en.json
  COMMAND ${CMAKE_COMMAND} -E rm -f ${ALIN_DIST}/alin-en.json.tmp
  DEPENDS alin_catalogue_json
  COMMENT "English catalogue file (alin-en.json)")
add_custom_target(alin_catalogue_file ALL DEPENDS ${ALIN_DIST}/alin-en.json)

# Two builds of the same client: alin.wasm talks to the server; alin-demo.wasm
# also holds the whole service for the offline demo mode (?demo=1). The shell
# loads one or the other, so the regular first load carries no service code.
#
# Each build is split in two (Emscripten's SPLIT_MODULE, Binaryen's wasm-split):
# <build>.wasm holds what the first screen runs (cmake/split/<build>.keep, measured
# by scripts/split-profile.mjs), <build>.rest.wasm the rest, fetched after the first
# frame (shell/alin-loader.js). After the link: wasm-opt again until it gains
# nothing (--converge; as an extra pass of emcc's own wasm-opt run it breaks the
# i64 legalization of 3.1.6), keeping the names wasm-split selects by; an
# instrumented copy for scripts/split-profile.mjs (build-web/split/); the split
# (cmake/split.mjs); the glue minified (cmake/minify.mjs).
set(ALIN_SPLIT ${CMAKE_BINARY_DIR}/split)
file(MAKE_DIRECTORY ${ALIN_SPLIT})
foreach(variant alin alin-demo)
  add_executable(${variant} src/platform/main_web.cpp src/platform/platform_web.cpp
    src/platform/imgui_backend_web.cpp)
  target_compile_options(${variant} PRIVATE ${ALIN_WEB_COMPILE})
  target_link_options(${variant} PRIVATE ${ALIN_WEB_LINK} -sSPLIT_MODULE -Wno-experimental --profiling-funcs)
  set(keep ${CMAKE_SOURCE_DIR}/cmake/split/${variant}.keep)
  set_target_properties(${variant} PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${ALIN_DIST}
    LINK_DEPENDS "${keep};${CMAKE_SOURCE_DIR}/cmake/split.mjs")
  add_custom_command(TARGET ${variant} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E rm -f ${ALIN_DIST}/${variant}.wasm
    COMMAND wasm-opt --mvp-features -g -Oz --converge ${ALIN_DIST}/${variant}.wasm.orig -o ${ALIN_SPLIT}/${variant}.orig.wasm
    COMMAND ${CMAKE_COMMAND} -E rm -f ${ALIN_DIST}/${variant}.wasm.orig
    COMMAND wasm-split --instrument ${ALIN_SPLIT}/${variant}.orig.wasm -o ${ALIN_SPLIT}/${variant}.instrumented.wasm
    COMMAND ${ALIN_NODE} ${CMAKE_SOURCE_DIR}/cmake/split.mjs ${ALIN_SPLIT}/${variant}.orig.wasm ${keep}
      ${ALIN_DIST}/${variant}.wasm ${ALIN_DIST}/${variant}.rest.wasm
    COMMAND ${ALIN_NODE} ${CMAKE_SOURCE_DIR}/cmake/minify.mjs ${ALIN_DIST}/${variant}.js ${ALIN_DIST}/${variant}.js
    COMMENT "wasm-opt -Oz --converge, wasm-split (${variant}.wasm, ${variant}.rest.wasm), minified ${variant}.js")
endforeach()
target_sources(alin PRIVATE src/client/api_client_nolocal.cpp src/client/app_frame.cpp)
target_link_libraries(alin PRIVATE alin_client)
target_sources(alin-demo PRIVATE src/client/api_client_local.cpp src/client/app_frame.cpp)
target_link_libraries(alin-demo PRIVATE alin_client)

# Static files: the shell's scripts, minified (cmake/minify.mjs: terser; Debian's
# Emscripten has no Closure Compiler), and web/ (index.html is written by alin_dist).
file(GLOB ALIN_WEB_STATIC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(ALIN_SHELL_MIN)
foreach(f alin-shell.js alin-loader.js)
  add_custom_command(OUTPUT ${ALIN_DIST}/${f}
    COMMAND ${ALIN_NODE} ${CMAKE_SOURCE_DIR}/cmake/minify.mjs ${CMAKE_SOURCE_DIR}/shell/${f} ${ALIN_DIST}/${f}
    DEPENDS ${CMAKE_SOURCE_DIR}/shell/${f} ${CMAKE_SOURCE_DIR}/cmake/minify.mjs
    COMMENT "Minifying ${f}")
  list(APPEND ALIN_SHELL_MIN ${ALIN_DIST}/${f})
endforeach()
add_custom_target(alin_static ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ALIN_WEB_STATIC} ${ALIN_DIST}
  DEPENDS ${ALIN_SHELL_MIN} ${ALIN_WEB_STATIC}
  COMMENT "Copying the static files")
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
add_dependencies(alin_dist alin alin-demo alin_static alin_demo_data alin_catalogue_file)

# A bare ImGui window (same toolchain, GLFW backend as in ImGui's example) for the
# first-frame benchmark baseline. It compiles ImGui itself: it draws with ImGui's
# default font, which the client's imgui library leaves out (CMakeLists.txt).
add_executable(bare_imgui tests/bench/bare/main.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/imgui_demo.cpp ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
target_compile_options(bare_imgui PRIVATE -Oz -w)
target_include_directories(bare_imgui SYSTEM PRIVATE ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(bare_imgui PRIVATE IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_FILE_FUNCTIONS
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_link_options(bare_imgui PRIVATE -Oz -fexceptions -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sENVIRONMENT=web)
set_target_properties(bare_imgui PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bare)
add_custom_command(TARGET bare_imgui POST_BUILD COMMAND ${CMAKE_COMMAND} -E copy_if_different
  ${CMAKE_SOURCE_DIR}/tests/bench/bare/index.html ${CMAKE_BINARY_DIR}/bare/index.html)
