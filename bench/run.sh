#!/usr/bin/env bash
# The benchmark ladder: the bare engine's activity and request-round rates (build/bench/engine_rate),
# then one simulated day of each rung (1x, 10x, 100x, each also with a region outage), every one run
# several times under /usr/bin/time -v. Prints a table of medians and writes bench/results/<date>.json.
# The whole ladder takes about 30 minutes on two cores, most of it the 100x runs.
#
#   bench/run.sh [--quick] [--rungs LIST] [--hosts] [--big] [--wakes] [--runs N]
#                [--max-run-seconds S] [--idle-wait S] [--build DIR] [--out FILE]
#
#   --quick              the engine and the 1x rungs only (about two minutes)
#   --rungs LIST         comma-separated rung names (see --list), e.g. 1x,10x-outage or 1000x
#   --hosts              add the platform-size rungs: the 100x work on 2x and 4x the instances
#   --big                add the long rungs: the 100x account for a week and the 1000x day, each
#                        also with its outage (not in the default set: each run takes many minutes)
#   --wakes              add the engine's cost of one wake-up with 100 to 30,000 requests in
#                        progress, waiting three ways (build/bench/engine_wake_cost; about five minutes)
#   --runs N             runs per rung, medians reported (default 3)
#   --max-run-seconds S  a rung whose first run takes longer runs once only (default 600)
#   --idle-wait S        before each run, wait up to S seconds for the other processes to use
#                        less than a quarter of the CPUs (default 900; 0: do not wait)
#   --build DIR          build directory (default build; configured in Release if missing)
#   --out FILE           results file (default bench/results/<date>.json)
#   --list               print the rungs and exit
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

# name|scenario|lakesim run arguments (space-separated, no spaces inside one)
outage_1x='faults=[{"name":"east-down","kind":"region_outage","region":"us-east-1","start":"10h","duration":"3h"}]'
rungs_all=(
  "1x|scenarios/two-region.json|"
  "1x-outage|scenarios/two-region.json|--set $outage_1x"
  "10x|bench/scenarios/ladder-10x.json|"
  "10x-outage|bench/scenarios/ladder-10x.json|--variant outage"
  "100x|bench/scenarios/ladder-100x.json|"
  "100x-outage|bench/scenarios/ladder-100x.json|--variant outage"
)
rungs_hosts=(
  "100x-hosts-2x|bench/scenarios/ladder-100x.json|--variant hosts-2x"
  "100x-hosts-4x|bench/scenarios/ladder-100x.json|--variant hosts-4x"
)
# The long rungs (--big, or by name): a rung whose first run takes longer than --max-run-seconds
# runs once, and a run is never cut short, so a 1000x day always finishes.
rungs_big=(
  "100x-week|bench/scenarios/ladder-100x-week.json|"
  "100x-week-outage|bench/scenarios/ladder-100x-week.json|--variant outage"
  "1000x|bench/scenarios/ladder-1000x.json|"
  "1000x-outage|bench/scenarios/ladder-1000x.json|--variant outage"
)

usage() { sed -n '2,/^set -euo/p' "$self" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }

build=build
runs=3
max_run_seconds=600
idle_wait=900
out=""
selected=""
with_hosts=0
with_big=0
with_wakes=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) selected="1x,1x-outage" ;;
    --rungs) selected="${2:?--rungs needs a list}"; shift ;;
    --hosts) with_hosts=1 ;;
    --big) with_big=1 ;;
    --wakes) with_wakes=1 ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --max-run-seconds) max_run_seconds="${2:?--max-run-seconds needs a number}"; shift ;;
    --idle-wait) idle_wait="${2:?--idle-wait needs a number}"; shift ;;
    --build) build="${2:?--build needs a directory}"; shift ;;
    --out) out="${2:?--out needs a file}"; shift ;;
    --list) for r in "${rungs_all[@]}" "${rungs_hosts[@]}" "${rungs_big[@]}"; do echo "${r%%|*}"; done; exit 0 ;;
    -h|--help) usage 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; usage 2 ;;
  esac
  shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --runs needs a whole number >= 1" >&2; exit 2; }
[[ "$max_run_seconds" =~ ^[0-9]+$ ]] || { echo "bench/run.sh: --max-run-seconds needs a whole number" >&2; exit 2; }
[[ "$idle_wait" =~ ^[0-9]+$ ]] || { echo "bench/run.sh: --idle-wait needs a whole number" >&2; exit 2; }

# The rungs to run, in ladder order.
plan=()
candidates=("${rungs_all[@]}")
[ "$with_hosts" -eq 1 ] && candidates+=("${rungs_hosts[@]}")
[ "$with_big" -eq 1 ] && candidates+=("${rungs_big[@]}")
if [ -n "$selected" ]; then
  IFS=, read -r -a wanted <<<"$selected"
  for w in "${wanted[@]}"; do
    found=0
    for r in "${rungs_all[@]}" "${rungs_hosts[@]}" "${rungs_big[@]}"; do
      if [ "${r%%|*}" = "$w" ]; then plan+=("$r"); found=1; fi
    done
    [ "$found" -eq 1 ] || { echo "bench/run.sh: no rung named '$w' (see --list)" >&2; exit 2; }
  done
else
  plan=("${candidates[@]}")
fi

# /usr/bin/time -v reports the peak resident memory; Debian ships it in the package 'time'.
if [ ! -x /usr/bin/time ]; then
  echo "Installing: time"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
command -v python3 >/dev/null || { echo "bench/run.sh: needs python3" >&2; exit 2; }

# Build what is missing or out of date (Release, as bootstrap.sh configures it).
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target lakesim engine_rate engine_wake_cost >/dev/null

# Every run uses copies of the binaries taken now, so a rebuild during the ladder cannot mix versions.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$build/lakesim" "$work/lakesim"
cp "$build/bench/engine_rate" "$work/engine_rate"
cp "$build/bench/engine_wake_cost" "$work/engine_wake_cost"
lakesim="$work/lakesim"
engine="$work/engine_rate"
records="$work/records.jsonl"
: >"$records"

# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss".
elapsed_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s}' "$1"
}
peak_kib() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
# ", N simulated requests, R/s" from a run's results.json (requests.total over its wall_seconds:
# results.json never holds the rate itself), or nothing from a binary that does not count them.
request_rate() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = (r.get("requests") or {}).get("total")
if n is not None and r.get("wall_seconds", 0) > 0:
    print(f", {n:,} simulated requests, {n / r['wall_seconds']:,.0f}/s", end="")
PY
}
# ", R request rounds/s" from engine_rate's JSON line.
round_rate() {
  python3 - "$1" <<'PY'
import json, sys
rate = json.load(open(sys.argv[1])).get("request_rounds_per_second")
if rate is not None:
    print(f", {rate:,.0f} request rounds/s", end="")
PY
}
# Microseconds per wait from engine_wake_cost's JSON line.
wait_cost() {
  python3 -c 'import json, sys; print(format(json.load(open(sys.argv[1]))["microseconds_per_wait"], ".2f"))' "$1"
}
cpu_seconds() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {print s}' "$1"; }
# Busy and total CPU time of the whole machine so far, in clock ticks, from /proc/stat.
cpu_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
# Share of all CPUs busy over the next two seconds (0 to 1).
cpu_busy() {
  local a b
  a=$(cpu_ticks)
  sleep 2
  b=$(cpu_ticks)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; printf "%.2f", (t > 0 ? (y[1] - x[1]) / t : 0)}'
}
# Share of all CPUs that other processes used while a run took CPU_SECONDS: the machine's busy
# time between the tick counts BEFORE and AFTER, less the run's own (0 to 1).
others_share() {
  local before=$1 after=$2 cpu=$3
  awk -v a="$before" -v b="$after" -v c="$cpu" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    total = (y[2] - x[2]) / hz; busy = (y[1] - x[1]) / hz - c;
    printf "%.2f", (total > 0 && busy > 0 ? busy / total : 0) }'
}
# Waits (up to --idle-wait seconds) until other processes leave the CPUs mostly idle, so that the
# runs measure lakesim rather than a concurrent build; prints the busy share it last saw.
wait_for_idle() {
  local waited=0 busy
  busy=$(cpu_busy)
  while [ "$idle_wait" -gt 0 ] && awk -v b="$busy" 'BEGIN {exit !(b > 0.25)}' && [ "$waited" -lt "$idle_wait" ]; do
    [ "$waited" -eq 0 ] && echo "  waiting for the CPUs to be idle (busy: $busy)" >&2
    sleep 8
    waited=$((waited + 10))
    busy=$(cpu_busy)
  done
  echo "$busy"
}

# run_timed KIND NAME RUN SCENARIO ARGS OUTPUT -- COMMAND...: runs COMMAND under /usr/bin/time -v,
# appends one JSON record (OUTPUT is the file its figures are read from) and prints the elapsed
# seconds.
run_timed() {
  local kind=$1 name=$2 run=$3 scenario=$4 args=$5 output=$6
  shift 7
  local timefile="$work/$name-$run.time" busy before after
  busy=$(wait_for_idle)
  before=$(cpu_ticks)
  if ! /usr/bin/time -v "$@" >"$work/$name-$run.stdout" 2>"$timefile"; then
    echo "bench/run.sh: $name run $run failed:" >&2
    tail -5 "$timefile" >&2
    exit 1
  fi
  after=$(cpu_ticks)
  local elapsed cpu
  elapsed=$(elapsed_seconds "$timefile")
  cpu=$(cpu_seconds "$timefile")
  python3 -c 'import json, sys
k, n, r, s, a, o, e, c, m, b, d = sys.argv[1:]
print(json.dumps({"kind": k, "name": n, "run": int(r), "scenario": s, "args": a, "output": o,
                  "elapsed_seconds": float(e), "cpu_seconds": float(c), "peak_rss_kib": int(m),
                  "cpu_busy_before": float(b), "others_cpu_share_during": float(d)}))' \
    "$kind" "$name" "$run" "$scenario" "$args" "$output" "$elapsed" "$cpu" \
    "$(peak_kib "$timefile")" "$busy" "$(others_share "$before" "$after" "$cpu")" >>"$records"
  echo "$elapsed"
}

# The bare engine (the reference for every ratio), then the same work with SimGrid's link-load
# plugin on every link, and with one actor per request round, as lakesim does both.
echo "engine_rate: 3 regions x 3 AZs x 8 hosts of 8 cores, 100 client actors, 3,000 rounds each"
for mode in loop link-load spawn; do
  flags="--actors 100 --rounds 3000"
  [ "$mode" = loop ] || flags="$flags --$mode"
  for run in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086  # the flags are words
    t=$(run_timed engine "engine-$mode" "$run" "" "$flags" "$work/engine-$mode-$run.stdout" -- "$engine" $flags)
    printf '  %-14s run %d: %6.1f s%s\n' "engine-$mode" "$run" "$t" "$(round_rate "$work/engine-$mode-$run.stdout")"
  done
done

# The engine's floor per request in progress: the cost of a timed wait against the number of
# requests in progress, nothing else running; with an actor each, on a semaphore (SimGrid's own
# timed wait) or suspended until a kernel timer resumes it (lakesim's computed waits), and with no
# actors at all (records that a kernel timer calls back: the floor of an event model).
if [ "$with_wakes" -eq 1 ]; then
  echo "engine_wake_cost: 3,000,000 timed waits on 64 hosts"
  for wait in semaphore suspend event; do
    for actors in 100 1000 3000 10000 30000; do
      flags="--actors $actors --waits 3000000 --wait $wait"
      for run in $(seq 1 "$runs"); do
        # shellcheck disable=SC2086  # the flags are words
        run_timed wakes "wakes-$wait-$actors" "$run" "" "$flags" "$work/wakes-$wait-$actors-$run.stdout" -- \
          "$work/engine_wake_cost" $flags >/dev/null
        printf '  %-9s %6s actors run %d: %s us per wait\n' "$wait" "$actors" "$run" \
          "$(wait_cost "$work/wakes-$wait-$actors-$run.stdout")"
      done
    done
  done
fi

for entry in "${plan[@]}"; do
  IFS='|' read -r name scenario args <<<"$entry"
  read -r -a extra <<<"$args"
  for run in $(seq 1 "$runs"); do
    dir="$work/$name-$run"
    t=$(run_timed rung "$name" "$run" "$scenario" "$args" "$dir/results.json" -- \
      "$lakesim" run "$scenario" --out "$dir" --force "${extra[@]}")
    printf '  %-16s run %d: %6.1f s%s\n' "$name" "$run" "$t" "$(request_rate "$dir/results.json")"
    if [ "$run" -eq 1 ] && [ "$max_run_seconds" -gt 0 ] && \
       python3 -c "import sys; sys.exit(0 if $t > $max_run_seconds else 1)"; then
      echo "  $name: the first run took longer than $max_run_seconds s, so it runs once"
      break
    fi
  done
done

mkdir -p bench/results
if [ -z "$out" ]; then
  out="bench/results/$(date +%F).json"
  [ -e "$out" ] && out="bench/results/$(date +%F-%H%M).json"
fi
python3 bench/summarize.py "$records" "$out" "$runs"
