#!/usr/bin/env bash
# libFuzzer targets of tests/fuzz, built with clang + ASan + UBSan in build-fuzz/.
#
#   bash scripts/fuzz.sh                 # every target, 60 s each
#   bash scripts/fuzz.sh 600 fuzz_router # one target, 10 minutes
#   bash scripts/fuzz.sh --smoke         # every target, a short fixed number of runs (scripts/test.sh)
#
# Each target starts from its committed seed corpus (tests/fuzz/corpus/<target>/,
# read only) and writes what it finds new to build-fuzz/corpus/<target>/. A crash
# leaves its input in build-fuzz/crashes/ and makes the script fail: fix the bug,
# then commit the input to tests/fuzz/corpus/<target>/ as a regression seed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

SMOKE=0
SECONDS_EACH=60
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then SECONDS_EACH="$1"; shift; fi
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_domain fuzz_offer_query fuzz_registry_json fuzz_router fuzz_http_request)

BUILD="$ROOT/build-fuzz"
mkdir -p "$BUILD"
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALIN_FUZZ=ON \
  >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; exit 1; }
cmake --build "$BUILD" --target "${TARGETS[@]}" -j"$JOBS" >"$BUILD/build.log" 2>&1 \
  || { grep -E -A5 "error|Error" "$BUILD/build.log" | head -80; exit 1; }

# Bodies, request lines and registry documents stay small enough that the smoke
# run is quick; 4 KiB also keeps JSON nesting far from a stack overflow.
MAX_LEN=4096
status=0
for t in "${TARGETS[@]}"; do
  seeds="$ROOT/tests/fuzz/corpus/$t"
  work="$BUILD/corpus/$t"
  mkdir -p "$work" "$BUILD/crashes" "$seeds"
  if [ "$SMOKE" = 1 ]; then
    args=(-runs=2000 -seed=1)
  else
    args=(-max_total_time="$SECONDS_EACH")
  fi
  start=$(date +%s)
  log="$BUILD/$t.log"
  if "$BUILD/$t" "${args[@]}" -max_len=$MAX_LEN -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$BUILD/crashes/$t-" "$work" "$seeds" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $t ok, $runs runs in $(( $(date +%s) - start )) s, corpus $(ls "$work" | wc -l) new + $(ls "$seeds" | wc -l) seeds"
  else
    status=1
    echo "fuzz: $t FAILED (log: $log; crashing input in $BUILD/crashes/)"
    grep -E "ERROR|SUMMARY|Test unit written|deadly signal" "$log" | head -10
  fi
done
exit $status
