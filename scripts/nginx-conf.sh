#!/usr/bin/env bash
# Writes the load balancer's configuration: nginx on 127.0.0.1:<port> in front
# of the alin_server processes listening on the given upstream ports, with every
# temporary path inside <dir>. Used by scripts/cluster.sh and by the tests that
# put nginx in front of two servers (tests/server/test_server_cluster.cpp,
# tests/e2e/cluster.mjs), so all of them run the configuration documented in the README.
#
#   bash scripts/nginx-conf.sh <dir> <port> <upstream port>...   # prints <dir>/nginx.conf
set -euo pipefail
DIR="$1" PORT="$2"; shift 2
mkdir -p "$DIR"
upstream=""
for p in "$@"; do
  upstream+="    server 127.0.0.1:$p max_fails=1 fail_timeout=2s;"$'\n'
done
cat >"$DIR/nginx.conf" <<CONF
worker_processes 2;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  log_format alin '\$remote_addr [\$time_local] "\$request" \$status upstream=\$upstream_addr \$request_time';
  access_log $DIR/access.log alin;
  client_body_temp_path $DIR/body;
  proxy_temp_path $DIR/proxy;
  fastcgi_temp_path $DIR/fastcgi;
  uwsgi_temp_path $DIR/uwsgi;
  scgi_temp_path $DIR/scgi;
  upstream alin {
$upstream    keepalive 32;
  }
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 1m;
    location / {
      proxy_pass http://alin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      # A server that is down (connection refused, reset) or answers 503 is
      # skipped; a request that may have reached it is not replayed unless idempotent.
      proxy_next_upstream error timeout http_503;
      proxy_request_buffering on;
    }
    # No server could answer (all down, or the one holding the request died):
    # the API's JSON error shape, which the app shows as "service unavailable".
    error_page 502 503 504 = @unavailable;
    location @unavailable {
      default_type application/json;
      add_header Retry-After 5 always;
      return 503 '{"code":"service_unavailable","message":"Le service est momentanément indisponible. Réessayez dans quelques instants."}';
    }
  }
}
CONF
echo "$DIR/nginx.conf"
