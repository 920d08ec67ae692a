#!/usr/bin/env bash
# Prints the benchmark figures: first-load size, first frame vs a bare ImGui
# window, idle frame cost, semantic layer cost, the offer list with 100 000 offers
# in the browser (scrolling, filter change, wasm memory), login latency, authenticated RPS,
# and alert matching (one offer and a batch of 1 000 against 1 000 000 alerts).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
build_native build
build_web
cd "$ROOT"
node tests/bench/web-bench.mjs
node tests/bench/offers-web-bench.mjs 100000
node tests/bench/server-bench.mjs
"$ROOT/build/bench_alert_matching"
