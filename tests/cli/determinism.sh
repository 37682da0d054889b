#!/usr/bin/env bash
# Same scenario + same seed = byte-identical results.json, apart from the wall-clock field;
# a different seed gives a results file that says so.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
for scenario in single-region two-region; do
  for run in a b; do
    "$lakesim" run "$src/scenarios/$scenario.json" --out "$work/$scenario-$run" >/dev/null
    grep -v '"wall_seconds"' "$work/$scenario-$run/results.json" >"$work/$scenario-$run.cmp"
  done
  cmp "$work/$scenario-a.cmp" "$work/$scenario-b.cmp"
done
"$lakesim" run "$src/scenarios/single-region.json" --seed 7 --out "$work/seed7" >/dev/null
grep -q '"seed": 7' "$work/seed7/results.json"
echo "deterministic"
