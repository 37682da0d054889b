#!/usr/bin/env bash
# `lakesim risk` over the five DR designs of scenarios/dr/us-east-1-loss.json (no DR, backup &
# restore, pilot light, warm standby, active-active) with the scenario's impact rates and the
# default region-outage risk model: the wall time of the whole study and its table. The issue's
# target is a named cheapest design in under 10 minutes on a 2-core machine.
#
#   bench/risk_dr.sh [--build DIR] [--samples N] [--jobs J] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build samples=20 jobs=2 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift ;;
    --samples) samples="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "risk_dr.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$out" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
start=$(date +%s.%N)
"$build/lakesim" risk scenarios/dr/us-east-1-loss.json \
  --variants base,backup_restore,pilot_light,warm_standby,active_active \
  --samples "$samples" -j "$jobs" --out "$out/risk" --force
end=$(date +%s.%N)
python3 - "$start" "$end" "$samples" "$jobs" "$(nproc)" <<'PY'
import sys
start, end, samples, jobs, cores = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
print(f"wall time {end - start:.0f} s for 5 designs x ({samples} sampled outages + 1 without), "
      f"{jobs} at a time on {cores} cores")
PY
