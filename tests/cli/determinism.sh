#!/usr/bin/env bash
# Same scenario + same seed = byte-identical results.json and timeline.csv (apart from the
# wall-clock field), also under another SimGrid context factory, and a different seed says so.
# tests/cli/fingerprints.sh checks every shipped scenario against its recorded fingerprint.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
strip() { grep -v '"wall_seconds"' "$1"; }
for scenario in single-region two-region; do
  "$lakesim" run "$src/scenarios/$scenario.json" --out "$work/$scenario-a" >/dev/null
  "$lakesim" run "$src/scenarios/$scenario.json" --out "$work/$scenario-b" >/dev/null
  "$lakesim" run "$src/scenarios/$scenario.json" --out "$work/$scenario-u" \
    --engine-flag=--cfg=contexts/factory:ucontext >/dev/null
  for run in b u; do
    cmp <(strip "$work/$scenario-a/results.json") <(strip "$work/$scenario-$run/results.json")
    cmp "$work/$scenario-a/timeline.csv" "$work/$scenario-$run/timeline.csv"
  done
done
# A failover: health checks, syncs, reruns and restarts must replay identically too.
for run in a b; do
  "$lakesim" run "$src/scenarios/dr/us-east-1-loss.json" --variant warm_standby_failback --set duration=15h \
    --out "$work/dr-$run" >/dev/null
done
cmp <(strip "$work/dr-a/results.json") <(strip "$work/dr-b/results.json")
cmp "$work/dr-a/timeline.csv" "$work/dr-b/timeline.csv"
"$lakesim" run "$src/scenarios/single-region.json" --seed 7 --out "$work/seed7" >/dev/null
grep -q '"seed": 7' "$work/seed7/results.json"
! cmp -s <(strip "$work/single-region-a/results.json") <(strip "$work/seed7/results.json")
echo "deterministic"
