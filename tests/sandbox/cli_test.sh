#!/usr/bin/env bash
# Runs retailer-sandbox as a user would: --port 0 prints the chosen port, the
# server answers on 127.0.0.1, SIGTERM stops it with exit status 0, and a bad
# flag fails with a message and a non-zero status.
set -euo pipefail
binary="$1"
output="$(mktemp)"
trap 'rm -f "$output"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

if "$binary" --time-scale -1 >/dev/null 2>"$output"; then
  echo "FAIL: --time-scale -1 was accepted"; exit 1
fi
grep -q "time-scale" "$output" || { echo "FAIL: no message naming --time-scale"; cat "$output"; exit 1; }

if "$binary" --port 0 --faults '{"all":{"error_500":2}}' >/dev/null 2>"$output"; then
  echo "FAIL: an error_500 rate of 2 was accepted"; exit 1
fi
grep -q "error_500" "$output" || { echo "FAIL: no message naming error_500"; cat "$output"; exit 1; }

"$binary" --port 0 --seed 5 --log-level warn >"$output" &
pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$output" && break
  sleep 0.1
done
url="$(sed -n 's/^retailer-sandbox listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$output")"
[ -n "$url" ] || { echo "FAIL: no listening line"; cat "$output"; exit 1; }
grep -q "client id sandbox-client" "$output" || { echo "FAIL: test credentials not shown"; exit 1; }

info="$(curl -s "$url/_sandbox/info")"
echo "$info" | grep -q '"seed":5' || { echo "FAIL: info did not return seed 5: $info"; exit 1; }
token_status="$(curl -s -o /dev/null -w '%{http_code}' -u sandbox-client:sandbox-secret \
  -H 'WM_SVC.NAME: cli-test' -H 'WM_QOS.CORRELATION_ID: 1' -d grant_type=client_credentials "$url/v3/token")"
[ "$token_status" = 200 ] || { echo "FAIL: token call answered $token_status"; exit 1; }

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" = 0 ] || { echo "FAIL: exit status $status after SIGTERM"; exit 1; }
echo "PASS"
