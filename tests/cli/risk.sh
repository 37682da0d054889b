#!/usr/bin/env bash
# lakesim risk on a small two-region scenario: the table names the cheapest design, risk.json and
# risk.html are written, a second invocation with more samples reuses the runs already made, a
# different study in the same directory is refused, and a scenario without `impact` is bad input.
source "$(dirname "$0")/setup.sh" "$@"

cat >"$work/small.json" <<'JSON'
{
  "format": "lakesim/1", "name": "risk-small", "seed": 7, "duration": "4h",
  "regions": [{"name": "us-east-1", "azs": ["us-east-1a", "us-east-1b"]},
              {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b"]}],
  "control_plane": [{"region": "us-east-1", "hosts_per_az": 1}, {"region": "us-west-2", "hosts_per_az": 1}],
  "compute": [{"name": "spark", "kind": "serverless_spark", "region": "us-east-1", "instances": 4},
              {"name": "spark-dr", "kind": "serverless_spark", "region": "us-west-2", "instances": 4}],
  "workloads": [{"name": "etl", "class": "job", "region": "us-east-1", "compute": "spark",
                 "arrival": {"kind": "cron", "every": "10m", "offset": "1m"}, "instances": 2,
                 "stages": [{"core_seconds": "60s"}]}],
  "faults": [{"name": "east", "kind": "region_outage", "region": "us-east-1", "start": "1h", "duration": "1h"}],
  "dr": {"strategy": "none", "primary": "us-east-1", "secondary": "us-west-2"},
  "impact": {"classes": {"job": {"failed_request": "50 USD/request", "unavailable": "20000 USD/h"}}},
  "risk": {"outages": [{"fault": "east", "per_year": 1, "duration": {"dist": "uniform", "min": "30m", "max": "90m"}}]},
  "variants": {"pilot_light": {"dr.strategy": "pilot_light"}}
}
JSON

"$lakesim" risk "$work/small.json" --samples 3 -j 2 --out "$work/r" --quiet >"$work/r.out" 2>"$work/r.err" ||
  fail "risk: $(cat "$work/r.err")"
cat "$work/r.out"
grep -q '^design  *infrastructure/yr  *outages/yr  *expected/yr  *95% CI  *p95 year' "$work/r.out" || fail "no table header"
grep -q '^base ' "$work/r.out" || fail "no row for the base design"
grep -q '^pilot_light' "$work/r.out" || fail "no row for pilot_light"
grep -q 'cheapest expected: ' "$work/r.out" || fail "the cheapest design is not named"
for f in risk.json risk.csv risk.html risk-plan.json; do [ -s "$work/r/$f" ] || fail "no $f"; done
[ "$(find "$work/r" -name results.json | wc -l)" -eq 8 ] || fail "expected 2 designs x (3 samples + 1 without outage)"
python3 - "$work/r/risk.json" <<'PY' || fail "risk.json"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["format"] == "lakesim-risk/1"
assert [d["design"] for d in r["designs"]] == ["base", "pilot_light"]
for d in r["designs"]:
    lo, hi = d["ci95_usd_per_year"]
    assert lo <= d["expected_usd_per_year"] <= hi, d
    assert d["infrastructure_usd_per_year"] > 0, d
    assert abs(d["expected_usd_per_year"] - d["infrastructure_usd_per_year"] - d["outage_usd_per_year"]) < 1e-6 * d["expected_usd_per_year"]
# Without DR the job is down through every sampled outage: its outage cost is at least the shortest (30 min) priced.
assert r["designs"][0]["outage_usd_per_year"] >= 0.5 * 20000, r["designs"][0]
assert abs(sum(d["cheapest_years"] for d in r["designs"]) - 1) < 1e-9
assert r["cheapest"] in ("base", "pilot_light")
assert len(r["samples"]) == 3 and all(1800 <= s["duration_seconds"] < 5400 for s in r["samples"])
PY
grep -q '<svg' "$work/r/risk.html" || grep -q 'data:image/svg' "$work/r/risk.html" || fail "no chart in risk.html"

# More samples: the 8 runs made are reused, 2 more are made.
"$lakesim" risk "$work/small.json" --samples 4 -j 2 --out "$work/r" --quiet >"$work/r2.out" 2>"$work/r2.err" ||
  fail "risk with more samples"
grep -q "reusing 8 complete runs" "$work/r2.err" || fail "the runs already made were not reused: $(cat "$work/r2.err")"
[ "$(find "$work/r" -name results.json | wc -l)" -eq 10 ] || fail "expected 10 runs after 4 samples"

# Another study in the same directory is refused; a scenario without impact is bad input.
"$lakesim" risk "$work/small.json" --samples 3 --set risk.outages.0.per_year=2 --out "$work/r" --quiet \
  >/dev/null 2>"$work/r3.err"
[ $? -eq 2 ] || fail "a different risk study reused the directory"
grep -q "different risk study" "$work/r3.err" || fail "no message for a different study"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['impact']; json.dump(d, open(sys.argv[2], 'w'))" \
  "$work/small.json" "$work/no-impact.json"
"$lakesim" risk "$work/no-impact.json" --samples 3 --out "$work/n" >/dev/null 2>"$work/n.err"
[ $? -eq 2 ] || fail "a scenario without impact should be bad input"
grep -q "no \`impact\` section" "$work/n.err" || fail "no message about the missing impact section"
echo "ok"
