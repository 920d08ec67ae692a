#!/usr/bin/env bash
# cppcheck (Debian) over the project's C++ (src/, server-stub/): zero findings.
# Suppressions are inline (`// cppcheck-suppress id` with the reason on the same
# comment) or listed below with their reason.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# missingIncludeSystem: system and third-party headers (nlohmann, httplib, ImGui,
#   sodium, emscripten) are not analysed, only our code.
# unmatchedSuppression: an inline suppression may concern one configuration only.
# internalAstError in src/platform/*_web.cpp: the bodies of EM_JS(...) are
#   JavaScript, which cppcheck parses as C++.
cppcheck --enable=warning,performance,portability --std=c++20 --language=c++ \
  --inline-suppr --quiet --error-exitcode=1 -j "$(nproc 2>/dev/null || echo 2)" \
  -I src -I server-stub \
  --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
  --suppress='internalAstError:src/platform/*_web.cpp' \
  --template='{file}:{line}: {severity} {id}: {message}' \
  src server-stub
