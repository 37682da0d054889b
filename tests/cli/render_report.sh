#!/usr/bin/env bash
# The report of a run is a self-contained page: charts inline (no network), rebuilt the same by
# `lakesim report`, and it renders in headless Chromium (tests/cli/browser_check.py) to a
# picture with no console message and no request leaving the file (skipped, with a message,
# where Chromium is not installed, unless LAKESIM_REQUIRE_BROWSER is set, as CI does).
source "$(dirname "$0")/setup.sh" "$@"

"$lakesim" run scenarios/dr/us-east-1-loss.json --variant pilot_light --set duration=5h --out "$work/run" --quiet \
  >"$work/run.out" || fail "run"
report="$work/run/report.html"
[ -s "$report" ] || fail "no report.html"
for section in "Architecture" "Throughput over time" "Failover: pilot_light" "Recovery time per service" \
               "Data loss at the loss of us-east-1" "Utilisation by region and component" "Cost" "Business impact"; do
  grep -q "$section" "$report" || fail "report lacks \"$section\""
done
! grep -q -e 'src="http' -e "src='http" -e '<link ' "$report" || fail "the report loads something from the network"
if command -v gnuplot >/dev/null && command -v dot >/dev/null; then
  [ "$(grep -c 'data:image/svg+xml;base64' "$report")" -ge 3 ] || fail "expected inline charts"
else
  echo "gnuplot or dot missing: checking the notes instead of charts"
  grep -q 'class="note"' "$report" || fail "no note for a missing chart"
fi
cp "$report" "$work/first.html"
"$lakesim" report "$work/run" >/dev/null || fail "lakesim report"
cmp "$work/first.html" "$report" || fail "lakesim report built a different page from the same run"
# Several runs: a comparison report too.
"$lakesim" run scenarios/dr/us-east-1-loss.json --variant warm_standby --set duration=5h --out "$work/run2" --quiet \
  --no-report >/dev/null || fail "second run"
[ ! -e "$work/run2/report.html" ] || fail "--no-report wrote a report"
"$lakesim" report "$work/run" "$work/run2" --out "$work/comparison.html" >/dev/null || fail "comparison report"
grep -q "run2" "$work/comparison.html" || fail "comparison report lacks the second run"
"$lakesim" report "$work/nonesuch" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a directory without results should exit 2"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  [ -z "${LAKESIM_REQUIRE_BROWSER:-}" ] || fail "chromium is required here (LAKESIM_REQUIRE_BROWSER) but not installed"
  echo "chromium is not installed: skipping the rendering check (apt-get install chromium)"
  echo "ok"
  exit 0
fi
# Each page as a reader sees it: drawn, silent on the console, nothing fetched from outside.
# The screenshots stay in the test's folder ($work) to be looked at.
check="python3 $src/tests/cli/browser_check.py $browser"
$check "$work/run/report.html" "$work/report.png" 1400 3000 || fail "the run report in Chromium"
$check "$work/comparison.html" "$work/comparison.png" 1400 2000 || fail "the comparison report in Chromium"
echo "ok (screenshots in $work)"
