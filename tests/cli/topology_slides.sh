#!/usr/bin/env bash
# lakesim topology --style slides: one 16:9 slide of 1440 x 810 pt (1920 x 1080 px) whose every
# text is at least 18 pt at that size, for a plain scenario and during a failover; rendered in
# headless Chromium at 1920 x 1080 where it is installed (screenshots in the work folder).
source "$(dirname "$0")/setup.sh" "$@"
command -v dot >/dev/null || { echo "Graphviz dot is not installed: skipping"; echo "ok"; exit 0; }
scenario=scenarios/dr/us-east-1-loss.json
sets=(--variant pilot_light --set duration=5h --set faults.0.start=2h --set faults.0.duration=2h)
"$lakesim" run "$scenario" "${sets[@]}" --out "$work/run" --quiet --no-report >/dev/null || fail "run"
"$lakesim" topology scenarios/two-region.json --style slides --format svg --out "$work/two-region.svg" ||
  fail "slide of two-region.json"
"$lakesim" topology "$scenario" "${sets[@]}" --style slides --format svg --at 3h --run "$work/run" \
  --out "$work/failover.svg" || fail "slide during the failover"
# The size, and every text's size once the picture's scale is applied.
check_slide() {
  python3 - "$1" <<'PY' || fail "$1 is not a readable slide"
import re, sys
svg = open(sys.argv[1]).read()
size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
if not size:
    sys.exit("no size in pt")
width, height = float(size.group(1)), float(size.group(2))
if abs(width - 1440) > 2 or abs(height - 810) > 2:
    sys.exit(f"{width} x {height} pt, not 1440 x 810 (16:9)")
scale = re.search(r'<g id="graph0" class="graph" transform="scale\(([\d.]+) ([\d.]+)\)', svg)
factor = min(float(scale.group(1)), float(scale.group(2))) if scale else 1.0
# The viewBox is fitted into the 1440 x 810 pt ("meet"): that scales the text too.
box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
if box:
    factor *= min(width / float(box.group(1)), height / float(box.group(2)))
sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
if not sizes:
    sys.exit("no text")
smallest = min(sizes) * factor
if smallest < 18:
    sys.exit(f"text of {smallest:.1f} pt")
print(f"{sys.argv[1]}: {width:.0f} x {height:.0f} pt, smallest text {smallest:.1f} pt")
PY
}
check_slide "$work/two-region.svg"
check_slide "$work/failover.svg"
grep -q "serves users" "$work/failover.svg" || fail "the failover slide does not say who serves users"
grep -q "DOWN" "$work/failover.svg" || fail "the failover slide does not mark what is down"
! grep -q "configured copies" "$work/two-region.svg" || fail "two-region.json configures no copies, yet some are drawn"
"$lakesim" topology scenarios/two-region.json --style slides --format json >/dev/null 2>&1
[ $? -eq 2 ] || fail "--style slides with --format json should exit 2"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
  # The slide in a page of its own, as a projector shows it: 1920 x 1080.
  for name in two-region failover; do
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}img{width:1920px;height:1080px}</style></head><body><img alt="slide" src="%s.svg"></body></html>' \
      "$name" >"$work/$name.html"
    python3 "$src/tests/cli/browser_check.py" "$browser" "$work/$name.html" "$work/$name.png" 1920 1080 ||
      fail "the $name slide in Chromium"
  done
elif [ -n "${LAKESIM_REQUIRE_BROWSER:-}" ]; then
  fail "chromium is required here (LAKESIM_REQUIRE_BROWSER) but not installed"
fi
echo "ok"
