#!/usr/bin/env bash
# Re-records the trajectory fingerprints of every shipped scenario (tests/data/fingerprints.txt).
# Run it when the model changes on purpose, and say why in the commit that changes the file.
#   tests/cli/record_fingerprints.sh build/lakesim
set -eu
lakesim=$(readlink -f "${1:-build/lakesim}")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "# scenario fingerprint (default seed and duration); re-record with tests/cli/record_fingerprints.sh"
  for scenario in $(cd scenarios && find . -name '*.json' | sed 's|^\./||; s|\.json$||' | sort); do
    "$lakesim" run "scenarios/$scenario.json" --out "$work/run" --force --quiet >/dev/null
    echo "$scenario $(grep '"fingerprint"' "$work/run/results.json" | cut -d'"' -f4)"
  done
} >tests/data/fingerprints.txt
cat tests/data/fingerprints.txt
