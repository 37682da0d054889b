#!/usr/bin/env bash
# Every write is accounted for in every shipped scenario: each one runs (at its own length) and
# its results say data_loss.accounting_ok = true, and so does every variant of the DR scenarios
# (where users write in the secondary and move home: written = survived + lost + returned +
# divergent).
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
n=0
runs=()
for f in "$src"/scenarios/*.json "$src"/scenarios/outages/*.json "$src"/scenarios/dr/*.json "$src"/scenarios/variants/*.json \
  "$src"/scenarios/training/*.json; do
  runs+=("$f|")
done
# The DR scenarios' variants: the keys of their "variants" object, one per line at its indentation.
for f in "$src"/scenarios/dr/*.json; do
  for v in $(awk '/^  "variants": \{/ {inside = 1; next} inside && /^  \}/ {inside = 0} inside && /^    "[A-Za-z0-9_-]+": \{/ {gsub(/[" :{]/, ""); print}' "$f"); do
    runs+=("$f|$v")
  done
done
for run in "${runs[@]}"; do
  f=${run%%|*}
  variant=${run#*|}
  name=$(basename "$f" .json)${variant:+-$variant}
  if [ -n "$variant" ]; then
    "$lakesim" run "$f" --variant "$variant" --out "$work/$name" --no-report >/dev/null
  else
    "$lakesim" run "$f" --out "$work/$name" >/dev/null
  fi
  # The section's own check is the last key written in data_loss.
  if ! grep -A100000 '"data_loss"' "$work/$name/results.json" | grep -q '"accounting_ok": true'; then
    echo "$f ${variant}: data_loss.accounting_ok is not true"
    exit 1
  fi
  if grep -A100000 '"data_loss"' "$work/$name/results.json" | grep -q '"accounting_ok": false'; then
    echo "$f ${variant}: an accounting check failed"
    exit 1
  fi
  n=$((n + 1))
done
echo "accounting holds in $n shipped scenarios"
