#!/usr/bin/env bash
# Prints the benchmark figures: first-load size, first frame vs a bare ImGui
# window, idle frame cost, semantic layer cost, the offer list with 100 000 offers
# in the browser (scrolling, filter change, wasm memory), login latency, authenticated RPS
# against nginx serving the same bytes, the native offer search at 10k/100k/500k offers,
# the offer search over HTTP at 10k/100k/500k (search-bench.mjs), alert matching
# (one offer and a batch of 1 000 against 1 000 000 alerts), and the cluster
# (nginx, SQLite / PostgreSQL, one and two servers).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
build_native build
build_web
cd "$ROOT"
"$ROOT/build/bench_offer_search" 10000 100000 500000
node tests/bench/web-bench.mjs
node tests/bench/offers-web-bench.mjs 100000
node tests/bench/server-bench.mjs
node tests/bench/search-bench.mjs 10000 100000 500000
"$ROOT/build/bench_alert_matching"
node tests/bench/cluster-bench.mjs 100000
