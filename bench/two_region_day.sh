#!/usr/bin/env bash
# Times one simulated day of scenarios/two-region.json: wall seconds, simulated activities,
# activities per wall second and peak memory, over three runs (median reported).
#   bench/two_region_day.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
lakesim="$build/lakesim"
[ -x "$lakesim" ] || { echo "no $lakesim: build first (README)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

walls=() rss=() acts=()
for run in 1 2 3; do
  /usr/bin/time -v "$lakesim" run scenarios/two-region.json --set duration=24h --out "$work/run$run" \
    >"$work/out$run" 2>"$work/time$run"
  walls+=("$(python3 -c "import json;print(json.load(open('$work/run$run/results.json'))['wall_seconds'])")")
  acts+=("$(python3 -c "import json;print(json.load(open('$work/run$run/results.json'))['activities'])")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time$run")")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
wall=$(median "${walls[@]}")
act=$(median "${acts[@]}")
mem=$(median "${rss[@]}")
rate=$(python3 -c "print(round($act / $wall))")
printf '{"scenario": "two-region", "simulated": "24h", "wall_seconds": %s, "activities": %s, "activities_per_second": %s, "peak_rss_kib": %s}\n' \
  "$wall" "$act" "$rate" "$mem"
