#!/usr/bin/env bash
# Builds what it runs (the server and the client it serves; no tests, no
# benchmarks) and starts the app with its server on an embedded SQLite file
# (var/alin.db). Prints the URL to open. Ctrl+C stops it. A second run with
# nothing changed rebuilds nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh" --app
echo "[run] building the server (native)…" >&2
ALIN_TARGETS=alin_server build_native build
echo "[run] building the client (WebAssembly)…" >&2
ALIN_TARGETS=alin_dist build_web
mkdir -p "$ROOT/var"
export ALIN_DB="${ALIN_DB:-$ROOT/var/alin.db}"
export ALIN_WEB_ROOT="$ROOT/build-web/dist"
export ALIN_ENV="${ALIN_ENV:-development}"
PORT="${PORT:-8080}"
export PORT
echo "[run] demo accounts and the offline mode: see README.md" >&2
echo "[run] open http://127.0.0.1:$PORT/  (offline demo mode: http://127.0.0.1:$PORT/?demo=1)" >&2
exec "$ROOT/build/alin_server"
