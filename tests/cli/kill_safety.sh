#!/usr/bin/env bash
# Killing `lakesim run` with SIGKILL at random moments never leaves a truncated results.json:
# the run directory holds either the previous complete results or the new complete ones.
source "$(dirname "$0")/setup.sh" "$@"
RANDOM=20261122  # the kill moments are random but the same on every run of this test

complete() {  # a complete results.json: a JSON object that ends where the writer ends it
  local f=$1
  [ -s "$f" ] && [ "$(head -c 1 "$f")" = "{" ] && [ "$(tail -c 2 "$f" | head -c 1)" = "}" ] &&
    grep -q '"fingerprint"' "$f" && grep -q '"cost"' "$f"
}

"$lakesim" run "$src/scenarios/single-region.json" --set duration=2h --out "$work/run" >/dev/null ||
  { echo "FAIL: baseline run"; exit 1; }
complete "$work/run/results.json" || { echo "FAIL: baseline results incomplete"; exit 1; }

failures=0
for i in $(seq 1 20); do
  "$lakesim" run "$src/scenarios/single-region.json" --set duration=2h --seed "$i" --out "$work/run" --force \
    >/dev/null 2>&1 &
  pid=$!
  # Somewhere between start-up and the end of the run (about a second), including the writes.
  sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if ! complete "$work/run/results.json"; then
    echo "FAIL: kill $i left an incomplete results.json"
    failures=$((failures + 1))
  fi
done
echo "20 kills, $failures incomplete results"
[ "$failures" -eq 0 ]
