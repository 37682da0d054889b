#!/usr/bin/env bash
# lakesim run writes a complete results.json with the required fields, refuses to replace
# existing results without --force, and leaves no temporary files behind.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
"$lakesim" run "$src/scenarios/single-region.json" --out "$work/run" --set duration=2h >"$work/stdout"
grep -q "platform: 1 regions, 3 AZs" "$work/stdout"
for key in format scenario seed simulated_seconds wall_seconds activities platform probes; do
  grep -q "\"$key\"" "$work/run/results.json" || { echo "missing $key"; exit 1; }
done
grep -q '"simulated_seconds": 7200' "$work/run/results.json"
if "$lakesim" run "$src/scenarios/single-region.json" --out "$work/run" 2>"$work/stderr"; then
  echo "overwrote results without --force"; exit 1
fi
grep -q -- "--force" "$work/stderr"
"$lakesim" run "$src/scenarios/single-region.json" --out "$work/run" --force >/dev/null
# Only the run's own outputs, none of them left as a temporary file.
[ -z "$(ls "$work/run" | grep -v -x -e results.json -e timeline.csv -e narration.txt -e report.html -e topology.dot -e overview.dot -e walkthrough.html)" ] ||
  { echo "stray files:"; ls "$work/run"; exit 1; }
echo "ok"
