#!/usr/bin/env bash
# lakesim compare: two variants of the DR scenario on common seeds give a table with the
# difference to the baseline and its significance, comparison.json and comparison.html; and
# `run --replications` writes per-replication runs and a summary with confidence intervals.
source "$(dirname "$0")/setup.sh" "$@"
scenario=scenarios/dr/us-east-1-loss.json

"$lakesim" compare "$scenario" --variants pilot_light,warm_standby --set duration=5h --replications 2 -j 2 \
  --out "$work/cmp" --quiet >"$work/cmp.out" || fail "compare"
grep -q "pilot_light (baseline)" "$work/cmp.out" || fail "no baseline column"
grep -q "failover RTO (us-east-1-lost)" "$work/cmp.out" || fail "no RTO row"
grep -q "cost per day (USD)" "$work/cmp.out" || fail "no cost row"
for d in pilot_light warm_standby; do
  for i in 0 1; do [ -s "$work/cmp/$d/rep-$i/results.json" ] || fail "missing $d/rep-$i"; done
done
# Common random numbers: replication i of both designs ran with the same seed.
[ "$(grep '"seed"' "$work/cmp/pilot_light/rep-1/results.json")" = "$(grep '"seed"' "$work/cmp/warm_standby/rep-1/results.json")" ] ||
  fail "designs did not share seeds"
# The failover RTO is the sum of the strategy's steps: warm standby's is shorter on every seed,
# so the difference is significant, and better.
python3 - "$work/cmp/comparison.json" <<'PY' || fail "comparison.json"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["baseline"] == "pilot_light" and c["replications"] == 2
d = [x for x in c["differences"] if x["metric"] == "dr/us-east-1-lost/rto_seconds"][0]
assert d["mean_difference"] < 0 and d["significant"] is True and d["better"] is True, d
PY
grep -q "<table>" "$work/cmp/comparison.html" || fail "comparison.html has no table"
! grep -q 'src="http' "$work/cmp/comparison.html" || fail "comparison.html loads from the network"
# A second compare reuses every run, and says the same.
cp "$work/cmp/comparison.json" "$work/first.json"
"$lakesim" compare "$scenario" --variants pilot_light,warm_standby --set duration=5h --replications 2 \
  --out "$work/cmp" >"$work/cmp2.out" 2>"$work/cmp2.err" || fail "second compare"
grep -q "reusing 4 complete runs" "$work/cmp2.err" || fail "second compare did not reuse the runs"
cmp "$work/first.json" "$work/cmp/comparison.json" || fail "comparison.json differs on the same runs"
cmp <(tail -n +2 "$work/cmp.out") <(tail -n +2 "$work/cmp2.out") || fail "the table differs on the same runs"
"$lakesim" compare "$scenario" --variants pilot_light,nonesuch --set duration=5h --out "$work/bad" >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown variant should exit 2"

"$lakesim" run scenarios/single-region.json --set duration=20m --replications 3 -j 2 --out "$work/reps" --quiet \
  >"$work/reps.out" || fail "replications"
python3 - "$work/reps/summary.json" <<'PY' || fail "summary.json"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["replications"] == 3 and len(set(s["seeds"])) == 3
m = {x["metric"]: x for x in s["metrics"]}
bi = m["workloads/bi/throughput_per_hour"]
assert bi["n"] == 3 and bi["stddev"] > 0 and bi["ci95"][0] < bi["mean"] < bi["ci95"][1], bi
assert m["cost/total_usd"]["n"] == 3
PY
[ -s "$work/reps/rep-2/results.json" ] || fail "missing rep-2"
echo "ok"
