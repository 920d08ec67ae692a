# Precompiled headers for the native build (GCC). The heavy headers: nlohmann/json
# (~3 s of CPU per translation unit that includes it, i.e. nearly all of them,
# through the storage and offer types), cpp-httplib (~2.5 s) for the server
# tests, doctest for the tests. Off for the wasm build and with -DALIN_PCH=OFF.
#   alin_pch(<target> [headers...])  a target's own PCH (common headers + these)
#   alin_pch_reuse(<target> <from>)  reuses <from>'s PCH: one compile for both;
#                                    the targets must share compile flags (only
#                                    -D macros the headers never use may differ)
# A PCH makes nlohmann::json complete in every unit: a header that only sees
# json_fwd.hpp (src/domain/eligibility.h) can then meet ambiguous overloads
# (std::string converts to both std::string_view and json). Such a unit opts out:
# set_source_files_properties(<file> PROPERTIES SKIP_PRECOMPILE_HEADERS ON).
# ccache caches the users of a PCH only with CCACHE_SLOPPINESS=pch_defines,time_macros
# (scripts/env.sh sets it).
option(ALIN_PCH "Precompiled headers for the native build" ON)

set(ALIN_PCH_COMMON <algorithm> <cstdint> <functional> <map> <memory> <optional> <string>
  <string_view> <vector> <nlohmann/json.hpp>)

function(alin_pch target)
  if(ALIN_PCH AND NOT EMSCRIPTEN)
    target_precompile_headers(${target} PRIVATE ${ALIN_PCH_COMMON} ${ARGN})
  endif()
endfunction()

function(alin_pch_reuse target from)
  if(ALIN_PCH AND NOT EMSCRIPTEN)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
