#!/usr/bin/env bash
# The report of a run is a self-contained page: charts inline (no network), rebuilt the same by
# `lakesim report`, and it renders in headless Chromium to a non-trivial picture (skipped, with
# a message, where Chromium is not installed).
source "$(dirname "$0")/setup.sh" "$@"

"$lakesim" run scenarios/dr/us-east-1-loss.json --variant pilot_light --set duration=5h --out "$work/run" --quiet \
  >"$work/run.out" || fail "run"
report="$work/run/report.html"
[ -s "$report" ] || fail "no report.html"
for section in "Architecture" "Throughput over time" "Failover: pilot_light" "Recovery time per service" \
               "Data loss at the loss of us-east-1" "Utilisation by region and component" "Cost"; do
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
  echo "chromium is not installed: skipping the rendering check (apt-get install chromium)"
  echo "ok"
  exit 0
fi
timeout 120 "$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --screenshot="$work/report.png" \
  --window-size=1400,3000 "file://$work/run/report.html" >/dev/null 2>&1
[ -s "$work/report.png" ] || fail "chromium wrote no screenshot"
# A page of tables and charts compresses far less than a blank one (a blank 1400x3000 PNG is a
# few kilobytes); and the PNG has the size asked for.
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 100000 ] || fail "the screenshot is nearly empty ($size bytes)"
python3 - "$work/report.png" <<'PY' || fail "not a 1400x3000 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read(32)
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1400, 3000), (w, h)
PY
echo "ok ($size bytes)"
