#!/usr/bin/env bash
# Every write is accounted for in every shipped scenario: each one runs (at its own length) and
# its results say data_loss.accounting_ok = true. The DR strategy variants are checked by
# tests/validation/test_dr_strategies.cpp.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
n=0
for f in "$src"/scenarios/*.json "$src"/scenarios/outages/*.json "$src"/scenarios/dr/*.json "$src"/scenarios/variants/*.json; do
  name=$(basename "$f" .json)
  "$lakesim" run "$f" --out "$work/$name" >/dev/null
  # The section's own check is the last key written in data_loss.
  if ! grep -A100000 '"data_loss"' "$work/$name/results.json" | grep -q '"accounting_ok": true'; then
    echo "$f: data_loss.accounting_ok is not true"
    exit 1
  fi
  if grep -A100000 '"data_loss"' "$work/$name/results.json" | grep -q '"accounting_ok": false'; then
    echo "$f: an accounting check failed"
    exit 1
  fi
  n=$((n + 1))
done
echo "accounting holds in $n shipped scenarios"
