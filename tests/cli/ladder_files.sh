#!/usr/bin/env bash
# bench/make_ladder.py reproduces the committed ladder files byte for byte (so a change to one is
# made through the generator), and each of them, with each of its variants, is a valid scenario.
source "$(dirname "$0")/setup.sh" "$@"
failures=0

python3 "$src/bench/make_ladder.py" --out "$work" >/dev/null || { echo "FAIL: make_ladder.py"; exit 1; }
generated=$(find "$work" -maxdepth 1 -name 'ladder-*.json' -printf '%f\n' | sort)
committed=$(find "$src/bench/scenarios" -maxdepth 1 -name 'ladder-*.json' -printf '%f\n' | sort)
if [ "$generated" != "$committed" ]; then
  echo "FAIL: make_ladder.py writes [${generated//$'\n'/ }], bench/scenarios has [${committed//$'\n'/ }]"
  failures=$((failures + 1))
fi
for f in $generated; do
  cmp -s "$work/$f" "$src/bench/scenarios/$f" ||
    { echo "FAIL: bench/scenarios/$f differs from what make_ladder.py writes"; failures=$((failures + 1)); }
  variants=$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1])).get("variants", {})))' \
    "$src/bench/scenarios/$f")
  for v in "" $variants; do
    out=$("$lakesim" validate "$src/bench/scenarios/$f" ${v:+--variant "$v"} 2>&1) ||
      { echo "FAIL: $f ${v:+variant $v} does not validate:"; echo "$out"; failures=$((failures + 1)); }
  done
done
# The week starts on a Monday and the outage of the week rung falls on it, in working hours.
python3 - "$src/bench/scenarios/ladder-100x-week.json" <<'PY' || failures=$((failures + 1))
import json, sys
s = json.load(open(sys.argv[1]))
assert s["duration"] == "168h", s["duration"]
fault = s["variants"]["outage"]["faults"][0]
assert fault["start"] == "10h" and fault["region"] == "us-east-1", fault
weekly = [w for w in s["workloads"] if "day_factors" in w.get("arrival", {})]
assert weekly and all(w["class"] in ("sql", "notebook") for w in weekly), [w["name"] for w in weekly]
assert all(w["arrival"]["day_factors"][0] == 1 for w in weekly)
PY
[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "ok: $(wc -w <<<"$generated") ladder files reproduced and valid"
