# Turns binary files into C++ arrays at configure time (no xxd needed).
# The output is rewritten only when its content changes, so a re-configure
# (every scripts/run.sh and build_native) recompiles and relinks nothing.
function(alin_embed_file input symbol output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR size "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  file(WRITE ${output}.tmp
    "// Generated from ${input}: do not edit.\n#include <cstddef>\n"
    "extern const unsigned char ${symbol}[] = {${bytes}};\n"
    "extern const std::size_t ${symbol}_size = ${size};\n")
  file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
endfunction()

set(ALIN_FONT_DIR ${CMAKE_SOURCE_DIR}/build-assets/fonts)
set(ALIN_FONT_SOURCES)
if(EXISTS ${ALIN_FONT_DIR}/DejaVuSans-fr.ttf)
  alin_embed_file(${ALIN_FONT_DIR}/DejaVuSans-fr.ttf kFontRegular ${CMAKE_BINARY_DIR}/generated/font_regular.cpp)
  alin_embed_file(${ALIN_FONT_DIR}/DejaVuSans-Bold-fr.ttf kFontBold ${CMAKE_BINARY_DIR}/generated/font_bold.cpp)
  set(ALIN_FONT_SOURCES ${CMAKE_BINARY_DIR}/generated/font_regular.cpp ${CMAKE_BINARY_DIR}/generated/font_bold.cpp)
else()
  message(FATAL_ERROR "Font subset missing: run scripts/setup.sh first")
endif()
