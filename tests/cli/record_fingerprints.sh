#!/usr/bin/env bash
# Re-records the trajectory fingerprints of the shipped scenarios (tests/data/fingerprints.txt).
# Run it when the model changes on purpose, and say why in the commit that changes the file.
#   tests/cli/record_fingerprints.sh build/lakesim
set -eu
lakesim=${1:-build/lakesim}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "# scenario fingerprint (default seed and duration); re-record with tests/cli/record_fingerprints.sh"
  for scenario in single-region two-region; do
    "$lakesim" run "scenarios/$scenario.json" --out "$work/$scenario" >/dev/null
    echo "$scenario $(grep '"fingerprint"' "$work/$scenario/results.json" | cut -d'"' -f4)"
  done
} >tests/data/fingerprints.txt
cat tests/data/fingerprints.txt
