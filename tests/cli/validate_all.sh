#!/usr/bin/env bash
# lakesim validate: exit 0 on every shipped scenario, exit 2 with a located message
# (FILE:LINE:COL: /json/path: ...) on every file in tests/data/bad.
set -u
lakesim=$1
src=$2
failures=0

for f in $(find "$src/scenarios" -name "*.json" | sort); do
  if ! out=$("$lakesim" validate "$f" 2>&1); then
    echo "FAIL: $f should be valid:"; echo "$out"; failures=$((failures + 1))
  fi
done

for f in "$src"/tests/data/bad/*.json; do
  out=$("$lakesim" validate "$f" 2>&1)
  code=$?
  if [ "$code" -ne 2 ]; then
    echo "FAIL: $f exited $code, expected 2:"; echo "$out"; failures=$((failures + 1)); continue
  fi
  if ! grep -qE "^$f:[0-9]+:[0-9]+: /[^:]*: .+" <<<"$out"; then
    echo "FAIL: $f: no located message (FILE:LINE:COL: /path: ...):"; echo "$out"; failures=$((failures + 1))
  fi
done

# A missing file and a bad --set are bad input too, never a crash.
"$lakesim" validate "$src/tests/data/bad/does-not-exist.json" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: missing file should exit 2"; failures=$((failures + 1)); }
"$lakesim" validate "$src/scenarios/single-region.json" --set compute.9.instances=3 >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: bad --set should exit 2"; failures=$((failures + 1)); }

# Variants compose (repeated --variant or a+b) and list items are addressed by name.
dr="$src/scenarios/dr/us-east-1-loss.json"
for args in "--variant pilot_light --variant warm_standby" "--variant pilot_light+warm_standby" \
  "--set compute[spark-dr].warm_instances=3"; do
  # shellcheck disable=SC2086
  "$lakesim" validate "$dr" $args >/dev/null 2>&1 || { echo "FAIL: validate $args"; failures=$((failures + 1)); }
done
out=$("$lakesim" validate "$dr" --variant pilot_light --variant nope 2>&1)
[ $? -eq 2 ] && grep -q 'no variant named "nope"' <<<"$out" ||
  { echo "FAIL: an unknown composed variant: $out"; failures=$((failures + 1)); }
out=$("$lakesim" validate "$dr" --set 'compute[spark-west].warm_instances=3' 2>&1)
[ $? -eq 2 ] && grep -q 'no item of this list is named "spark-west"' <<<"$out" ||
  { echo "FAIL: an unknown list item name: $out"; failures=$((failures + 1)); }
"$lakesim" validate "$src/scenarios/single-region.json" --variant no-such-variant >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: unknown variant should exit 2"; failures=$((failures + 1)); }
"$lakesim" frobnicate >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: unknown subcommand should exit 2"; failures=$((failures + 1)); }

count=$(ls "$src"/tests/data/bad/*.json | wc -l)
echo "checked $count bad files; $failures failures"
[ "$failures" -eq 0 ]
