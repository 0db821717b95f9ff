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
if [ -d dgmm/web ] && [ -f scripts/run-web.sh ]; then
  bash scripts/run-web.sh
fi
