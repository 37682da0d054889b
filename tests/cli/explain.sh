#!/usr/bin/env bash
# lakesim explain: every component of the catalogue, both request paths hop by hop with
# simulated times that follow the platform, and each component's DR practice.
set -eu
lakesim=$1
src=$2
scenario="$src/scenarios/two-region.json"
out=$("$lakesim" explain "$scenario")
fail() { echo "FAIL: $*"; exit 1; }

# All 38 components of the seed matrix, by their exact names.
names=$(grep -E '^\| .* \| (Control|Data) Plane \|' "$src/tests/data/seed-matrix.txt" | cut -d'|' -f2 | sed 's/^ *//; s/ *$//')
[ "$(wc -l <<<"$names")" -eq 38 ] || fail "expected 38 names in the seed matrix"
while IFS= read -r name; do
  [ "$(grep -cF -- "- $name:" <<<"$out")" -ge 1 ] || fail "$name is not described"
  grep -qF -- "- $name (practice:" <<<"$out" || fail "$name has no DR line"
done <<<"$names"

section() { sed -n "/^== $1/,/^  Total /p" <<<"$out"; }
job=$(section "The path of one job")
query=$(section "The path of one SQL query")
# Both paths, hop by hop, through the Architecture Flow.
for hop in "Workspace APIs (control plane" "Job Scheduler (control plane" "Cluster Management (control plane" \
           "Serverless Spark Compute (data plane" "Delta Table Data + Delta Transaction Logs (data plane" \
           "Unity Catalog (control plane"; do
  grep -qF "$hop" <<<"$job" || fail "the job path lacks: $hop"
done
for hop in "Workspace UI (control plane" "Identity provider (outside AWS)" "SQL Query Planner (control plane" \
           "SQL Warehouse Compute (data plane" "Client (outside AWS)"; do
  grep -qF "$hop" <<<"$query" || fail "the query path lacks: $hop"
done
grep -qE "^  Total [0-9.]+ (s|ms)" <<<"$job" || fail "the job path has no total"
grep -qE "^  Total [0-9.]+ (s|ms)" <<<"$query" || fail "the query path has no total"

# The times are simulated: a slower instance start shows in the lease hop, and only there.
lease() { grep -E ": leases [0-9]" | sed -E 's/.*took +([0-9.]+ [mu]?s).*/\1/'; }
for delay in 40 95; do
  timed=$("$lakesim" explain "$scenario" --set compute.0.start_delay=${delay}s | sed -n '/^== The path of one job/,/^  Total /p')
  [ "$(lease <<<"$timed")" = "$delay.000 s" ] || fail "with start_delay=${delay}s the lease hop took $(lease <<<"$timed")"
  [ "$(grep -vE ": leases [0-9]" <<<"$timed" | grep -F 'Job Scheduler')" = "$(grep -vE ": leases [0-9]" <<<"$job" | grep -F 'Job Scheduler')" ] ||
    fail "a slower instance start changed the hops before it"
done

# Same scenario, same text.
[ "$out" = "$("$lakesim" explain "$scenario")" ] || fail "two explanations differ"
# A bad file is bad input.
if "$lakesim" explain "$src/tests/data/bad/does-not-exist.json" >/dev/null 2>&1; then fail "missing file accepted"; fi
echo "ok"
