#!/usr/bin/env bash
# clang-format --dry-run --Werror over the project's C/C++ files (.clang-format):
# lists the files that differ; `clang-format -i <file>` fixes one.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
git ls-files -co --exclude-standard -- 'src/*.cpp' 'src/*.h' 'server-stub/*.cpp' 'server-stub/*.h' \
  'tests/*.cpp' 'tests/*.h' | xargs clang-format --dry-run --Werror
