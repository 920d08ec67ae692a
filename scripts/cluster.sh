#!/usr/bin/env bash
# The whole system on one machine, as it runs on several: a throwaway
# PostgreSQL (scripts/pg-throwaway.sh), two identical stateless alin_server
# processes on it, and nginx in front on PORT (default 8080), balancing them
# (no sticky sessions: any server answers any request). Prints the URL;
# Ctrl+C stops everything and removes the throwaway data (var/cluster/).
#
#   bash scripts/cluster.sh            # SERVERS=2 PORT=8080 by default
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"   # Debian's, installed by setup.sh
echo "[cluster] building the server and the client…" >&2
ALIN_TARGETS=alin_server build_native build
ALIN_TARGETS=alin_dist build_web

PORT="${PORT:-8080}"
SERVERS="${SERVERS:-2}"
DIR="$ROOT/var/cluster"
rm -rf "$DIR"
mkdir -p "$DIR"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  bash "$ROOT/scripts/pg-throwaway.sh" stop "$DIR/pg"
  echo "[cluster] stopped" >&2
}
trap cleanup EXIT INT TERM

URL="$(bash "$ROOT/scripts/pg-throwaway.sh" start "$DIR/pg")"
echo "[cluster] PostgreSQL: $URL (data in $DIR/pg)" >&2
export ALIN_DB="$URL" ALIN_WEB_ROOT="$ROOT/build-web/dist" ALIN_ENV="${ALIN_ENV:-development}"
export ALIN_PUBLIC_URL="http://127.0.0.1:$PORT/"
# nginx is the servers' only peer: its X-Forwarded-For names the client, so the
# per-client limits (log-in throttle, e-mail quotas) still see each client.
export ALIN_TRUSTED_PROXIES="127.0.0.1"
# One key for every server: an unsubscribe link signed by one is checked by another.
export ALIN_SIGNING_KEY="${ALIN_SIGNING_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
ports=()
for i in $(seq 1 "$SERVERS"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PORT=$port "$ROOT/build/alin_server" >"$DIR/server$i.out" 2>"$DIR/server$i.log" &
  pids+=($!)
  ports+=("$port")
  for _ in $(seq 1 300); do
    if grep -q "listening" "$DIR/server$i.out" 2>/dev/null; then break; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then cat "$DIR/server$i.log" >&2; exit 1; fi
    sleep 0.2
  done
  echo "[cluster] server $i on 127.0.0.1:$port (log $DIR/server$i.log)" >&2
done

CONF_FILE="$(bash "$ROOT/scripts/nginx-conf.sh" "$DIR/nginx" "$PORT" "${ports[@]}")"
"$NGINX" -c "$CONF_FILE" -p "$DIR/nginx" 2>>"$DIR/nginx/error.log" &
pids+=($!)
sleep 0.5
if ! kill -0 "${pids[-1]}" 2>/dev/null; then cat "$DIR/nginx/error.log" >&2; exit 1; fi
echo "[cluster] open http://127.0.0.1:$PORT/  ($SERVERS servers behind nginx, PostgreSQL; Ctrl+C stops)" >&2
wait -n "${pids[@]}" || true
echo "[cluster] a process ended; stopping the cluster" >&2
