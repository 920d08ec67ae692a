#!/usr/bin/env bash
# Builds and runs every test: native unit, server (real HTTP on loopback) and
# UI tests through CTest, the same native tests under ASan+UBSan, then the
# browser end-to-end tests in headless Chromium (playwright-core).
set -euo pipefail
source "$(dirname "$0")/env.sh"
start=$(date +%s)
bash "$ROOT/scripts/setup.sh"

echo "== native build + tests (CTest)"
build_native build
ctest --test-dir "$ROOT/build" --output-on-failure -j1

echo "== sanitizers (ASan + UBSan)"
build_native build-asan -DALIN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$ROOT/build-asan" --output-on-failure -j1

echo "== fuzzing smoke (libFuzzer, a fixed number of runs per target; long runs: scripts/fuzz.sh)"
bash "$ROOT/scripts/fuzz.sh" --smoke

echo "== WebAssembly client"
build_web

echo "== browser end-to-end tests (headless Chromium)"
cd "$ROOT"
node --test --test-concurrency=1 tests/e2e/

echo "== all tests passed in $(( $(date +%s) - start )) s"
