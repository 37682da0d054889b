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
# The walk through the outage: in the report and on a page of its own, one frame per key event.
walk="$work/run/walkthrough.html"
[ -s "$walk" ] || fail "no walkthrough.html"
grep -q "Walk through the outage" "$report" || fail "the report lacks the walk through the outage"
for frame in before fault detection step-decision step-infrastructure step-compute_start step-redirection \
             failover-complete end; do
  grep -q "<section class=\"frame\" id=\"$frame\">" "$walk" || fail "the walk-through lacks the frame $frame"
done
! grep -q -e 'src="http' -e '<link ' -e 'href="http' "$walk" || fail "the walk-through loads something from the network"
# The figures as slides: one 1920 x 1080 section each, charts drawn with 24 px (18 pt) text.
"$lakesim" report "$work/run" --style slides >/dev/null || fail "lakesim report --style slides"
slides="$work/run/slides.html"
[ -s "$slides" ] || fail "no slides.html"
[ "$(grep -c '<section class="slide">' "$slides")" -ge 10 ] || fail "expected a slide per figure and per frame"
grep -q "width:1920px;height:1080px" "$slides" || fail "the slides are not 1920 x 1080"
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
# The walk-through opened at two frames: the pictures differ (the outage and the serving region).
$check "$walk#before" "$work/walkthrough-before.png" 1600 900 || fail "the walk-through in Chromium"
$check "$walk#failover-complete" "$work/walkthrough-failover.png" 1600 900 || fail "the walk-through's failover frame"
! cmp -s "$work/walkthrough-before.png" "$work/walkthrough-failover.png" || fail "the walk-through's frames look the same"
$check "$slides" "$work/slides.png" 1920 1080 || fail "the slides in Chromium"
echo "ok (screenshots in $work)"
