#!/usr/bin/env bash
# lakesim sweep: the cross product runs into DIR/points/<point>/rep-<i>; a sweep interrupted with
# SIGINT leaves no half-written file, and resumed it gives the same sweep.csv byte for byte as an
# uninterrupted one; so do the emitted jobs run by GNU parallel and gathered by `lakesim merge`.
source "$(dirname "$0")/setup.sh" "$@"
sweep=(scenarios/single-region.json --set duration=20m --vary workloads.2.arrival.rate=200/h,500/h,800/h
       --vary compute.1.max_clusters=1,4 --replications 2 --quiet)

"$lakesim" sweep "${sweep[@]}" -j 2 --out "$work/a" >"$work/a.out" || fail "uninterrupted sweep"
[ "$(find "$work/a/points" -name results.json | wc -l)" -eq 12 ] || fail "expected 12 runs"
[ "$(wc -l <"$work/a/sweep.csv")" -eq 13 ] || fail "sweep.csv should have a header and 12 rows"
head -1 "$work/a/sweep.csv" | grep -q '^point,workloads.2.arrival.rate,compute.1.max_clusters,replication,seed,' ||
  fail "sweep.csv header"
grep -q 'workloads/bi/throughput_per_hour' "$work/a/sweep.csv" || fail "no bi throughput column"
# The terminal table: a column per point headed by its values, durations as 1m05s, aligned.
grep -q '^point  *200/h, 1  *200/h, 4 ' "$work/a.out" || fail "no sweep table header on the terminal"
grep -q '^bi: throughput per hour ' "$work/a.out" || fail "no bi throughput row in the sweep table"
grep -Eq '^bi: latency p95 .*[0-9]( s|m[0-9][0-9]s|h[0-9][0-9]m) ±' "$work/a.out" || fail "latency cells should be durations with their interval"

# Interrupt a one-at-a-time sweep after a second, then resume it.
"$lakesim" sweep "${sweep[@]}" -j 1 --out "$work/b" >/dev/null 2>"$work/b.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" -eq 130 ] || [ "$code" -eq 0 ] || fail "interrupted sweep exited $code"
[ "$code" -eq 130 ] && ! grep -q "run the same command again" "$work/b.err" && fail "no resume hint after SIGINT"
[ -z "$(find "$work/b" -name '*.tmp.*')" ] || fail "temporary files left after SIGINT"
for f in $(find "$work/b/points" -name results.json); do
  [ "$(tail -c 2 "$f" | head -c 1)" = "}" ] || fail "half-written $f"
done
done_before=$(find "$work/b/points" -name results.json | wc -l)
"$lakesim" sweep "${sweep[@]}" -j 2 --out "$work/b" >/dev/null 2>"$work/b2.err" || fail "resumed sweep"
if [ "$done_before" -gt 0 ]; then grep -q "reusing $done_before complete run" "$work/b2.err" || fail "resume did not reuse"; fi
cmp "$work/a/sweep.csv" "$work/b/sweep.csv" || fail "interrupted + resumed sweep.csv differs from the uninterrupted one"
cmp "$work/a/sweep.json" "$work/b/sweep.json" || fail "interrupted + resumed sweep.json differs"

# A different plan in the same directory is refused.
if "$lakesim" sweep scenarios/single-region.json --set duration=20m --vary compute.1.max_clusters=2 --out "$work/b" \
  >/dev/null 2>"$work/c.err"; then fail "a different sweep reused the directory"; fi
grep -q "different sweep" "$work/c.err" || fail "no message for a different plan"
# Bad axes are bad input.
"$lakesim" sweep scenarios/single-region.json --vary duration --out "$work/bad" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a malformed --vary should exit 2"
"$lakesim" sweep scenarios/single-region.json --vary compute.1.max_clusters=1,lots --out "$work/bad" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a bad value should exit 2"

# Jobs for GNU parallel and Slurm, then merge.
"$lakesim" sweep "${sweep[@]}" --out "$work/p" --emit-jobs "$work/jobs.txt" --emit-slurm "$work/sweep.slurm" >/dev/null ||
  fail "emit jobs"
[ "$(wc -l <"$work/jobs.txt")" -eq 12 ] || fail "12 job lines expected"
grep -q '^#SBATCH --array=0-11$' "$work/sweep.slurm" || fail "Slurm array size"
bash -n "$work/sweep.slurm" || fail "the Slurm script is not valid bash"
if "$lakesim" merge "$work/p" >/dev/null 2>&1; then fail "merge of a sweep with no results succeeded"; fi
if command -v parallel >/dev/null; then
  parallel -j2 <"$work/jobs.txt" || fail "GNU parallel run"
  "$lakesim" merge "$work/p" >/dev/null || fail "merge"
  cmp "$work/a/sweep.csv" "$work/p/sweep.csv" || fail "GNU parallel + merge sweep.csv differs from lakesim sweep's"
else
  echo "GNU parallel is not installed: running the job lines with bash instead (apt-get install parallel)"
  bash "$work/jobs.txt" || fail "job lines"
  "$lakesim" merge "$work/p" >/dev/null || fail "merge"
  cmp "$work/a/sweep.csv" "$work/p/sweep.csv" || fail "jobs + merge sweep.csv differs from lakesim sweep's"
fi
echo "ok"
