#!/usr/bin/env bash
# Prints the benchmark figures: first-load size, first frame vs a bare ImGui
# window, idle frame cost, semantic layer cost, login latency, authenticated RPS.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
build_native build
build_web
cd "$ROOT"
node tests/bench/web-bench.mjs
node tests/bench/server-bench.mjs
