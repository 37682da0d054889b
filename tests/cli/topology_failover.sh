#!/usr/bin/env bash
# lakesim topology --at T --run DIR: the failover state at T read from a run of the scenario. Before
# the outage the primary serves users; while the failover runs no region does and the step in
# progress is named; after the failover the secondary serves them; --run without --at, and --at
# after the run's end, are refused.
source "$(dirname "$0")/setup.sh" "$@"
scenario=scenarios/dr/us-east-1-loss.json
sets=(--variant pilot_light --set duration=5h --set faults.0.start=2h --set faults.0.duration=2h)
"$lakesim" run "$scenario" "${sets[@]}" --out "$work/run" --quiet --no-report >/dev/null || fail "run"
# The failover's instants, from the run's results.
read -r redirected decision <<<"$(python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["dr"]["failovers"][0]
step = [s for s in f["steps"] if s["step"] == "decision"][0]
print(int(f["redirected"]) if f["completed"] else "none", int((step["start"] + step["end"]) / 2))
' "$work/run/results.json")"
[ "$redirected" != none ] || fail "the failover did not complete in the run"
# Graphviz writes "-" as &#45; and a space as &#160;: the checks read the text as shown.
picture() {
  "$lakesim" topology "$scenario" "${sets[@]}" --format svg --at "$1" --run "$work/run" --out "$work/$2.raw.svg" &&
    sed -e 's/&#45;/-/g' -e 's/&#160;/ /g' "$work/$2.raw.svg" >"$work/$2.svg"
}
serves() { grep -c -E "AWS region $1 *\(serves users\)" "$work/$2.svg" || true; }
picture 1h before || fail "topology before the outage"
picture "${decision}s" deciding || fail "topology during the decision step"
picture "$((redirected + 600))s" after || fail "topology after the failover"

[ "$(serves us-east-1 before)" -eq 1 ] && [ "$(serves us-west-2 before)" -eq 0 ] || fail "before: us-east-1 should serve"
[ "$(serves us-east-1 deciding)" -eq 0 ] && [ "$(serves us-west-2 deciding)" -eq 0 ] || fail "deciding: none should serve"
grep -q "step in progress: decision" "$work/deciding.svg" || fail "deciding: the step in progress is not named"
grep -q "no region serves users" "$work/deciding.svg" || fail "deciding: the legend does not say no region serves"
[ "$(serves us-west-2 after)" -eq 1 ] && [ "$(serves us-east-1 after)" -eq 0 ] || fail "after: us-west-2 should serve"
grep -q "users served here" "$work/after.svg" || fail "after: no arrow from the users"
grep -q "step in progress: none" "$work/after.svg" || fail "after: a step is still in progress"
# Without --run the picture has no failover state.
"$lakesim" topology "$scenario" "${sets[@]}" --format svg --at 4h --out "$work/plain.svg" || fail "plain topology"
! grep -q "serves users" "$work/plain.svg" || fail "a failover state drawn without a run"

"$lakesim" topology "$scenario" "${sets[@]}" --format svg --run "$work/run" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--run without --at should exit 2"
"$lakesim" topology "$scenario" "${sets[@]}" --format svg --at 6h --run "$work/run" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--at after the run's end should exit 2"
"$lakesim" topology "$scenario" "${sets[@]}" --format svg --at 1h --run "$work/nonesuch" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--run of a folder without results should exit 2"
echo "ok"
