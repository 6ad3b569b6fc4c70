#!/usr/bin/env bash
# Installs what is missing, builds with the default preset and runs every
# test through CTest. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh

cmake --preset default
cmake --build --preset default
ctest --preset default "$@"
