#!/usr/bin/env bash
# Every shipped scenario's trajectory fingerprint is the one recorded in tests/data/fingerprints.txt,
# and every shipped scenario has one recorded.
set -eu
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
recorded=$src/tests/data/fingerprints.txt
status=0
for scenario in $(cd "$src/scenarios" && find . -name '*.json' | sed 's|^\./||; s|\.json$||' | sort); do
  expected=$(awk -v s="$scenario" '$1 == s {print $2}' "$recorded")
  if [ -z "$expected" ]; then
    echo "$scenario: no fingerprint recorded in tests/data/fingerprints.txt"
    status=1
    continue
  fi
  "$lakesim" run "$src/scenarios/$scenario.json" --out "$work/run" --force --quiet >/dev/null
  actual=$(grep '"fingerprint"' "$work/run/results.json" | cut -d'"' -f4)
  if [ "$actual" != "$expected" ]; then
    echo "$scenario: fingerprint $actual, recorded $expected"
    status=1
  fi
done
# The fingerprint covers outcomes, not only the events' times: lab 3's two runs take the same
# steps at the same instants, but replication time control changes what is lost.
"$lakesim" run "$src/scenarios/training/03-replication-lag-and-rpo.json" --variant rtc --out "$work/rtc" --force \
  --quiet --no-report >/dev/null
rtc=$(grep '"fingerprint"' "$work/rtc/results.json" | cut -d'"' -f4)
crr=$(awk '$1 == "training/03-replication-lag-and-rpo" {print $2}' "$recorded")
if [ "$rtc" = "$crr" ]; then
  echo "lab 3 with and without replication time control have the same fingerprint $rtc"
  status=1
fi
if [ $status -ne 0 ]; then
  echo "If the model changed on purpose, re-record: tests/cli/record_fingerprints.sh build/lakesim"
  exit 1
fi
echo "every shipped scenario has its recorded fingerprint"
