#!/usr/bin/env bash
# lakesim topology --at: for every fault kind, the picture during the fault (1h to 2h) marks
# parts down or degraded, and the picture before it marks none.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
# kind | scenario | the fault's target keys and parameters
cases='region_outage|single-region.json|"region": "us-east-1"
az_outage|single-region.json|"az": "us-east-1a"
control_plane_outage|single-region.json|"region": "us-east-1"
s3_outage|single-region.json|"region": "us-east-1"
idp_outage|single-region.json|
link_cut|two-region.json|"regions": ["us-east-1", "us-west-2"]
capacity_shortage|single-region.json|"compute": "spark"
s3_throttling|single-region.json|"region": "us-east-1", "factor": 0.2
link_degradation|two-region.json|"regions": ["us-east-1", "us-west-2"], "factor": 0.5
host_crashes|single-region.json|"compute": "spark", "mtbf": "20m", "mttr": "5m"
kms_outage|variants/cmk-kms-outage.json|"region": "us-east-1"
key_revoked|variants/cmk-kms-outage.json|"region": "us-east-1"
relay_outage|variants/scc-relay-outage.json|"region": "us-east-1"
workspace_outage|variants/multi-workspace.json|"workspace": "engineering"
service_outage|single-region.json|"region": "us-east-1", "component": "unity_catalog"
privatelink_outage|variants/private-link.json|"region": "us-east-1"'
# Node labels end in DOWN or degraded, a backbone's in CUT or degraded; the legend's lines do not.
marks() { grep -c -e 'DOWN</text>' -e 'degraded</text>' -e 'CUT</text>' "$1" || true; }
kinds=0
while IFS='|' read -r kind scenario members; do
  fault='[{"name": "f", "kind": "'$kind'", "start": "1h", "duration": "1h"'${members:+, $members}'}]'
  for at in 30m 90m; do
    "$lakesim" topology "$src/scenarios/$scenario" --set "faults=$fault" --format svg --at $at \
      --out "$work/$kind-$at.svg"
  done
  [ "$(marks "$work/$kind-30m.svg")" -eq 0 ] || { echo "$kind: parts marked before the fault"; exit 1; }
  [ "$(marks "$work/$kind-90m.svg")" -gt 0 ] || { echo "$kind: nothing marked during the fault"; exit 1; }
  kinds=$((kinds + 1))
done <<< "$cases"
[ "$kinds" -eq 16 ] || { echo "only $kinds kinds checked"; exit 1; }

# --at after the end of the run is refused with the run's length.
if "$lakesim" topology "$src/scenarios/single-region.json" --format svg --at 1000h --out "$work/late.svg" \
  2> "$work/late.err"; then
  echo "--at after the end of the run was accepted"; exit 1
fi
grep -q "after the end of the run" "$work/late.err" || { echo "no reason given for a late --at"; cat "$work/late.err"; exit 1; }
[ ! -e "$work/late.svg" ] || { echo "a picture was written for a refused --at"; exit 1; }

# Copies between regions are drawn as configured: none for two-region.json, lab 3's four datasets.
copies() {
  "$lakesim" topology "$1" --format json |
    python3 -c 'import json,sys; print(sorted(e["from"].split(":")[1].split("@")[0] for e in json.load(sys.stdin)["edges"] if e["kind"] == "replicates_to"))'
}
[ "$(copies "$src/scenarios/two-region.json")" = "[]" ] || { echo "two-region.json draws copies it does not configure"; exit 1; }
expected="['delta_table_data', 'delta_transaction_logs', 'managed_tables', 'streaming_checkpoints']"
got=$(copies "$src/scenarios/training/03-replication-lag-and-rpo.json")
[ "$got" = "$expected" ] || { echo "lab 3 draws $got, configures $expected"; exit 1; }
echo "topology: 16 fault kinds marked, late --at refused, copies drawn as configured"
