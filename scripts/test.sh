#!/usr/bin/env bash
# Installs what is missing, builds with the default preset, starts a
# throwaway PostgreSQL server on 127.0.0.1 for the storage tests, and runs
# every test through CTest. This is the README's test command and what CI
# runs. Arguments are passed to ctest (for example -R Storage).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh

cmake --preset default
cmake --build --preset default

WIC_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export WIC_TEST_POSTGRES_URL
trap 'bash scripts/postgres.sh stop' EXIT

ctest --preset default "$@"
