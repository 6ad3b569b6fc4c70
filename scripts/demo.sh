#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds,
# imports the real Michigan WIC product list and Walmart stores into a
# SQLite file, and shows what the service knows.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh
cmake --preset default >/dev/null
cmake --build --preset default

bin=build/default/src/cli/wic-inventory
export WIC_INVENTORY_DB="${WIC_INVENTORY_DB:-build/demo/wic-inventory.db}"
mkdir -p "$(dirname "$WIC_INVENTORY_DB")"

step() { printf '\n$ %s\n' "$*"; "$@"; }

step "$bin" upc 70074559582
step "$bin" catalog import --state MI data/michigan-apl.json --max-skipped 5
step "$bin" stores import --retailer walmart data/walmart-stores-mi.csv
step "$bin" stores near --zip 48201 --radius 15
step "$bin" catalog list --formula --limit 10
