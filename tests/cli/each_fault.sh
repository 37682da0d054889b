#!/usr/bin/env bash
# lakesim run --each-fault: one run per listed fault, each alone, in DIR/<fault name>.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
faults='[{"name": "idp", "kind": "idp_outage", "start": "10m", "duration": "10m"},
         {"name": "s3", "kind": "s3_outage", "region": "us-east-1", "start": "20m", "duration": "10m"}]'
"$lakesim" run "$src/scenarios/single-region.json" --set duration=1h --set "faults=$faults" --each-fault \
  --out "$work" >/dev/null
for name in idp s3; do
  f="$work/$name/results.json"
  [ -s "$f" ] || { echo "no results for fault $name"; exit 1; }
  [ "$(grep -c '"kind": "'"$name"'_outage"' "$f")" -eq 1 ] || { echo "$name: not exactly its own fault"; exit 1; }
done
! grep -q '"kind": "s3_outage"' "$work/idp/results.json"
# A scenario without faults is refused.
if "$lakesim" run "$src/scenarios/single-region.json" --each-fault --out "$work/none" 2>/dev/null; then
  echo "--each-fault without faults was accepted"; exit 1
fi
echo "ok"
