#!/usr/bin/env bash
# Runs the whole test suite: lint, types, the core, reports, and the web app on SQLite and on
# PostgreSQL. Says loudly which databases were tested.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p test-output

echo "== ruff"
$BIN/ruff check dgmm tests bench
$BIN/ruff format --check dgmm tests bench
echo "== mypy"
$BIN/mypy

# PostgreSQL: DATABASE_URL when set, else the local server when it answers, else try Debian's.
PG_URL="${DATABASE_URL:-}"
if [ -z "$PG_URL" ]; then
  if $BIN/python scripts/pg_probe.py postgres://postgres@127.0.0.1:5432/postgres 2>/dev/null; then
    PG_URL=postgres://postgres@127.0.0.1:5432/dgmm_test
  elif bash scripts/start-postgres.sh; then
    PG_URL=postgres://postgres@127.0.0.1:5432/dgmm_test
  fi
fi

echo "== tests on SQLite"
DGMM_TEST_DATABASE=sqlite $BIN/python -m pytest -q -n 2 -m "not postgres" "$@"
tested="SQLite"
if [ -n "$PG_URL" ]; then
  echo "== web tests on PostgreSQL ($PG_URL)"
  DGMM_TEST_DATABASE="$PG_URL" $BIN/python -m pytest -q -n 2 -m db tests/web "$@"
  tested="$tested and PostgreSQL"
else
  echo "!! PostgreSQL unavailable: web tests ran on SQLite only" >&2
fi
echo "=================================================="
echo "  databases tested: $tested"
echo "=================================================="
