#!/usr/bin/env bash
# The main job on the embedded default, SQLite plus the retailer sandbox:
# installs what is missing, builds, imports the real Michigan WIC product
# list and stores, starts the sandbox on 127.0.0.1, runs a formula sync for
# every Michigan store, serves the API and shows a few answers.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh
cmake --preset default >/dev/null
cmake --build --preset default

bin=build/default/src/cli/wic-inventory
sandbox_bin=build/default/src/sandbox/retailer-sandbox
work=build/demo
mkdir -p "$work"
rm -f "$work"/wic-inventory.db*
export WIC_INVENTORY_DB="$work/wic-inventory.db"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

step() { printf '\n$ %s\n' "$*"; "$@"; }

# Starts a server that prints "... listening on http://127.0.0.1:PORT",
# waits until it is up and sets server_url to its base URL. It runs in this
# shell, not in a subshell, so that the exit trap can stop it.
start_server() {
  local log="$1"
  shift
  "$@" >"$log" 2>"$log.err" &
  pids+=("$!")
  for _ in $(seq 1 100); do
    server_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" 2>/dev/null | head -n 1 || true)"
    if [ -n "$server_url" ]; then
      return 0
    fi
    sleep 0.2
  done
  echo "demo: server did not start; see $log.err" >&2
  exit 1
}

step "$bin" upc 70074559582
step "$bin" catalog import --state MI data/michigan-apl.json --max-skipped 3
step "$bin" stores import --retailer walmart data/walmart-stores-mi.csv

start_server "$work/sandbox.log" "$sandbox_bin" --port 0
export WIC_SANDBOX_URL="$server_url"
printf '\nretailer sandbox on %s (simulated data; its store numbers are its own)\n' "$WIC_SANDBOX_URL"

# Kroger stores come from the retailer's store locator; these four circles
# of 100 miles cover Michigan.
for zip in 48201 49503 49684 49855; do
  step "$bin" stores discover --retailer kroger --zip "$zip" --radius 100 --limit 200
done

step "$bin" sync formula

start_server "$work/api.log" "$bin" serve --port 0 --no-scheduler
api="$server_url"
printf '\nAPI on %s\n' "$api"

# Prints the answer to GET $1, shortened by the jq filter $2 when given.
show() {
  printf '\n$ curl %s | jq %s\n' "$1" "'${2:-.}'"
  curl -s "$api$1" | jq "${2:-.}"
}

# Similac Advance 32 oz ready-to-feed, at the Walmart in Dearborn, near Detroit.
show "/api/v1/inventory/store/walmart-1023/product/070074533643"
kroger_store="$("$bin" stores list --retailer kroger | awk 'NR == 2 { print $1 }')"
show "/api/v1/inventory/store/$kroger_store?formula=true&limit=3" \
  '{storeId, total, hasMore, items: [.items[] | {upc, status, ageSeconds, confidence}]}'
show "/api/v1/inventory/product/070074533643/nearby?zip=48201&radius=15" \
  '[.stores[] | {storeId, name, distanceMiles, status: .inventory.status}]'

show "/api/v1/inventory/stats"

step "$bin" stats --stores 5 --jobs 3
