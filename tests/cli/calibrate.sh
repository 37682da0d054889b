#!/usr/bin/env bash
# lakesim calibrate on the shipped query-history sample: the held-out half of the trace (never
# fitted on) comes out with a median simulated / recorded within 0.8-1.25 and at least half of its
# statements within 25%, better than before; the written scenario is the shipped calibrated one;
# `run` reports the same figures; bad use exits 2.
source "$(dirname "$0")/setup.sh" "$@"
mkdir -p "$work/s/traces"
cp scenarios/warehouse-replay.json "$work/s/"
cp scenarios/traces/warehouse-export.csv "$work/s/traces/"

"$lakesim" calibrate "$work/s/warehouse-replay.json" --quiet >"$work/cal.out" || fail "calibrate"
grep -q "held-out half" "$work/cal.out" || fail "no held-out figures"
[ -s "$work/s/warehouse-replay-calibrated.json" ] || fail "no calibrated scenario written"
cmp "$work/s/warehouse-replay-calibrated.json" scenarios/warehouse-replay-calibrated.json ||
  fail "the shipped calibrated scenario is not what calibrate writes"

"$lakesim" run "$work/s/warehouse-replay.json" --out "$work/before" --quiet --no-report >/dev/null || fail "run before"
"$lakesim" run "$work/s/warehouse-replay-calibrated.json" --out "$work/after" --quiet --no-report >"$work/run.out" ||
  fail "run after"
grep -q "held-out half" "$work/run.out" || fail "run prints no error figures"
python3 - "$work/before/results.json" "$work/after/results.json" <<'PY' || fail "calibrated figures"
import json, sys
before, after = (json.load(open(f))["workloads"][0]["trace"]["replay_error"] for f in sys.argv[1:3])
held = after["held_out_half"]
assert held["compared"] > 100, held
assert 0.8 <= held["p50"] <= 1.25, held
assert held["within_25_percent"] >= 0.5, held
assert held["within_25_percent"] > before["held_out_half"]["within_25_percent"], (before, after)
assert after["whole"]["compared"] == after["first_half"]["compared"] + held["compared"], after
PY

# The scenario itself as output, and a scenario without a query-history replay, are refused.
"$lakesim" calibrate "$work/s/warehouse-replay.json" --out "$work/s/warehouse-replay.json" >/dev/null 2>&1
[ $? -eq 2 ] || fail "calibrating onto the scenario itself should exit 2"
"$lakesim" calibrate scenarios/dr/us-east-1-loss.json --out "$work/none.json" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a scenario without a query-history replay should exit 2"
echo "calibrate: ok"
