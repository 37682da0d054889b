#!/usr/bin/env bash
# The RTO distribution of each DR strategy at its default parameters: scenarios/dr/us-east-1-loss.json
# with its workloads removed (the failover, the probes and the data protection still run), the
# region lost at N instants spread over an hour (drawn per seed), over S seeds. Prints p50, p95,
# min and max of rto_seconds and observed_rto_seconds per strategy.
#
#   bench/dr_rto_sweep.sh [--build DIR] [--seeds S] [--instants N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build seeds=5 instants=50
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift ;;
    --seeds) seeds="$2"; shift ;;
    --instants) instants="$2"; shift ;;
    *) echo "dr_rto_sweep.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for strategy in backup_restore pilot_light warm_standby active_active; do
  : > "$work/$strategy.txt"
  for seed in $(seq 1 "$seeds"); do
    for i in $(seq 1 "$instants"); do
      # The outage starts 4 h in plus a fraction of an hour that depends on the seed and the index.
      offset=$(( (seed * 7919 + i * 3607) % 3600 ))
      "$build/lakesim" run scenarios/dr/us-east-1-loss.json --variant "$strategy" --seed "$seed" \
        --set 'workloads=[]' --set duration=12h \
        --set "faults=[{\"name\":\"us-east-1-lost\",\"kind\":\"region_outage\",\"region\":\"us-east-1\",\"start\":\"$((14400 + offset))s\",\"duration\":\"6h\"}]" \
        --out "$work/run" --force --quiet --no-report > /dev/null
      jq -r '.dr.failovers[0] | "\(.rto_seconds) \(.observed_rto_seconds)"' "$work/run/results.json" >> "$work/$strategy.txt"
    done
  done
done
python3 - "$work" <<'PY'
import sys, statistics
work = sys.argv[1]
def q(v, p):
    v = sorted(v); k = (len(v) - 1) * p; f = int(k); c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)
print("| strategy | runs | RTO p50 | RTO p95 | RTO min-max | users' probes p50 | p95 |")
print("|---|---|---|---|---|---|---|")
for s in ["backup_restore", "pilot_light", "warm_standby", "active_active"]:
    rows = [l.split() for l in open(f"{work}/{s}.txt") if l.strip()]
    rto = [float(a) for a, b in rows]
    obs = [float(b) for a, b in rows if b != "null"]
    print(f"| {s} | {len(rto)} | {q(rto,.5):.0f} s | {q(rto,.95):.0f} s | {min(rto):.0f}-{max(rto):.0f} s | "
          f"{q(obs,.5):.0f} s | {q(obs,.95):.0f} s |")
PY
