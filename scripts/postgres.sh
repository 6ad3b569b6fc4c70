#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests, listening only
# on 127.0.0.1, with its data in build/postgres. Prints the connection URL on
# start. Usage: scripts/postgres.sh start|stop|url
set -euo pipefail
cd "$(dirname "$0")/.."

port="${WIC_TEST_POSTGRES_PORT:-55432}"
# Outside the work tree, so the postgres user can reach it wherever the
# repository is cloned.
root="${TMPDIR:-/tmp}/wic-postgres-${port}"
data="$root/data"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
url="postgresql://wic@127.0.0.1:${port}/wic_test"

# PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  if [ -z "$bin" ]; then
    echo "postgres: no PostgreSQL server found; run scripts/setup-debian.sh" >&2
    exit 1
  fi
  mkdir -p "$root"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$root"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U wic --auth=trust --encoding=UTF8 --no-locale >"$root/initdb.log"
  fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c max_connections=200" start >/dev/null
  fi
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U wic -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'wic_test'" | grep -q 1 ||
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U wic wic_test
  echo "$url"
}

stop() {
  if [ -n "$bin" ] && [ -f "$data/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
