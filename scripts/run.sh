#!/usr/bin/env bash
# `make run`: simulate and score a national cycle of dept-2566 on the embedded default, print a
# summary, then serve the survey platform with a demonstration cycle on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=out/demo
mkdir -p "$OUT"
echo "== simulating a national cycle of dept-2566"
$BIN/dgmm simulate dept-2566 --agencies 320 --seed 2566 -o "$OUT"
echo "== scoring it"
$BIN/dgmm score dept-2566 --agencies "$OUT/agencies.csv" --answers "$OUT/answers.csv" -o "$OUT/results.json"
$BIN/dgmm summary "$OUT/results.json"

# == web: migrate the SQLite database in var/ (DATABASE_URL for PostgreSQL instead), load the
# demonstration cycle once (a simulated national cycle with real ministry and province names),
# print the demo accounts with fresh passwords, and serve (DGMM_PORT to change the port).
export DJANGO_SETTINGS_MODULE=dgmm.web.settings.local
PORT="${DGMM_PORT:-8000}"
mkdir -p var
if command -v msgfmt >/dev/null 2>&1; then
  (cd dgmm/web && ../../$BIN/python -m dgmm.web compilemessages -v0 >/dev/null 2>&1) || true
fi
echo "== web: migrating the database (${DATABASE_URL:-SQLite var/dgmm.sqlite3})"
$BIN/python -m dgmm.web migrate --noinput -v0
echo "== web: demonstration data"
$BIN/python -m dgmm.web load_demo
echo
echo "== web: serving on http://127.0.0.1:${PORT}/ (Ctrl-C stops)"
exec $BIN/python -m dgmm.web runserver "127.0.0.1:${PORT}" --noreload
