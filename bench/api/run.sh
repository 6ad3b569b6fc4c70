#!/usr/bin/env bash
# Benchmarks the REST API with wrk next to nginx serving a static file of the
# same size as one single-item answer, in the same run on the same machine.
# Measures single-item reads (from memory), batch reads (10 UPCs at 2 stores)
# and shopper reports, at 64 and 256 connections, and prints a Markdown
# table of requests per second and p50/p99 latency.
#
# Usage: bench/api/run.sh [path/to/wic-inventory]
#   WIC_BENCH_DURATION  seconds per run (default 10)
#   WIC_BENCH_THREADS   server threads (default 2)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${1:-$root/build/api/src/cli/wic-inventory}"
duration="${WIC_BENCH_DURATION:-10}"
server_threads="${WIC_BENCH_THREADS:-2}"

for tool in wrk nginx sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found; install it (scripts/setup-debian.sh)" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "error: $binary not found; build the wic-inventory target first" >&2; exit 1; }

work="$(mktemp -d /tmp/wic-api-bench.XXXXXX)"
chmod 755 "$work"  # nginx workers run as an unprivileged user
api_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Real data: the Michigan product list and Walmart stores, and a fresh
# record of one formula product at every store.
db="$work/bench.db"
"$binary" --db "$db" catalog import "$root/data/michigan-apl.json" --state MI >/dev/null
"$binary" --db "$db" stores import "$root/data/walmart-stores-mi.csv" --retailer walmart >/dev/null
upc="070074575131"  # Similac Alimentum 32 oz ready to feed
now_ms=$(( $(date +%s) * 1000 ))
sqlite3 "$db" "INSERT INTO inventory (store_id, gtin, status, quantity, aisle, last_updated, source, confidence)
               SELECT s.id, p.gtin, 'in_stock', 12, 'A7', $now_ms, 'api', 80
               FROM stores s CROSS JOIN (SELECT gtin FROM products WHERE is_formula = 1 LIMIT 10) p;"
batch_upcs=$(sqlite3 "$db" "SELECT '\"' || gtin || '\"' FROM products WHERE is_formula = 1 LIMIT 10;" | paste -sd, -)

# The API, with report limits high enough that reports are measured, not rejected.
"$binary" --db "$db" --log-level warn serve --port 0 --threads "$server_threads" --access-log "$work/access.log" \
  --env-file "$work/none.env" --reports-per-hour 1e9 --report-burst 1e9 >"$work/serve.out" 2>"$work/serve.err" &
api_pid=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
api_url="$(sed -n 's/^listening on //p' "$work/serve.out")"
[[ -n "$api_url" ]] || { echo "error: the API did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
item_path="/api/v1/inventory/store/walmart-1001/product/$upc"
curl -sf "$api_url$item_path" >"$work/item.json"

# nginx serving the same bytes as a static file.
mkdir -p "$work/nginx/html" "$work/nginx/logs"
cp "$work/item.json" "$work/nginx/html/item.json"
nginx_port=$(( 20000 + RANDOM % 20000 ))
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $server_threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/item.json" >/dev/null 2>&1 && break; sleep 0.1; done

cat >"$work/batch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"upcs": [$batch_upcs], "storeIds": ["walmart-1001", "walmart-1002"]}'
LUA
cat >"$work/report.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"storeId": "walmart-1001", "upc": "$upc", "status": "in_stock", "quantityRange": "some"}'
LUA

# Prints "requests/s | p50 | p99 | errors" of one wrk run.
measure() {
  local connections=$1 url=$2 script=${3:-}
  local args=(-t1 -c"$connections" -d"${duration}s" --latency)
  [[ -n "$script" ]] && args+=(-s "$script")
  local out
  out="$(wrk "${args[@]}" "$url")"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket errors"}' <<<"$out" | paste -sd' ' -)"
  echo "$rps | $p50 | $p99 | ${errors:-0}"
}

echo "API $api_url, nginx http://127.0.0.1:$nginx_port, $server_threads server threads, wrk -t1 -d${duration}s"
echo "response of a single-item read: $(wc -c <"$work/item.json") bytes"
echo
echo "| workload | connections | requests/s | p50 | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
for connections in 64 256; do
  echo "| nginx static file, same bytes | $connections | $(measure "$connections" "http://127.0.0.1:$nginx_port/item.json") |"
  echo "| single-item read | $connections | $(measure "$connections" "$api_url$item_path") |"
  echo "| batch read, 10 UPCs x 2 stores | $connections | $(measure "$connections" "$api_url/api/v1/inventory/batch" "$work/batch.lua") |"
  echo "| shopper report | $connections | $(measure "$connections" "$api_url/api/v1/inventory/report" "$work/report.lua") |"
done
