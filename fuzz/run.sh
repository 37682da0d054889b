#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and fuzzes every input parser in turn.
#
#   fuzz/run.sh [SECONDS]      seconds per target: the argument, else FUZZ_SECONDS, else 20
#
# FUZZ_TARGETS   targets to run, e.g. "scenario units" (default: all six)
# FUZZ_BUILD_DIR the fuzz build tree (default: build-fuzz)
# FUZZ_WORK_DIR  where corpora grow and reproducers land (default: a fresh folder under the build tree)
# FUZZ_ARGS      extra libFuzzer flags, e.g. "-len_control=0"
# FUZZ_BUILD_JOBS parallel compile jobs (default: 2)
#
# The committed seeds in fuzz/corpus/ are copied to the work folder first, so what a run discovers
# never grows them. Each target first replays its fuzz/regressions/TARGET--* inputs. Exits 1 if
# any target fails one of those or finds a crash, leak, timeout or out-of-memory input.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-20}}
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
read -r -a targets <<<"${FUZZ_TARGETS:-scenario units query_history job_runs job_run_timeline overrides}"
read -r -a extra <<<"${FUZZ_ARGS:-}"

packages=(clang-14 libclang-rt-14-dev libfuzzer-14-dev)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fuzz/run.sh: needs ${packages[*]} (apt-get install -y ${packages[*]})" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${packages[@]}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null; }
fi

echo "== building the fuzz targets in $build"
# Configured once: runs side by side then share the tree, and the build itself re-runs cmake
# when a CMakeLists.txt changes.
if ! grep -q '^LAKESIM_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DLAKESIM_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target fuzzers -j"${FUZZ_BUILD_JOBS:-2}"

work=${FUZZ_WORK_DIR:-$build/fuzz-runs/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
summary=()
for t in "${targets[@]}"; do
  binary=$build/fuzz/fuzz_$t
  corpus=$work/corpus/$t
  artifacts=$work/artifacts/$t
  log=$work/$t.log
  mkdir -p "$corpus" "$artifacts"
  cp -r "$root/fuzz/corpus/$t/." "$corpus/"
  # Inputs that once crashed a target must keep passing before it fuzzes anew.
  regressions=("$root"/fuzz/regressions/"$t"--*)
  if [ -e "${regressions[0]}" ] && ! "$binary" "${regressions[@]}" >"$work/$t.regressions.log" 2>&1; then
    failed=1
    summary+=("fuzz_$t: FAILED a regression input in fuzz/regressions (log: $work/$t.regressions.log)")
    grep -h -m 3 -E 'FUZZ FINDING|ERROR: |runtime error|Running: ' "$work/$t.regressions.log" || true
    continue
  fi
  echo "== fuzz_$t for ${seconds}s (log: $log)"
  status=0
  "$binary" "$corpus" -dict="$root/fuzz/scenario.dict" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || status=$?
  runs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  if [ -n "$found" ] || [ "$status" -ne 0 ]; then
    failed=1
    summary+=("fuzz_$t: FAILED after $runs runs (exit $status)")
    grep -h -m 3 -E 'FUZZ FINDING|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error' "$log" || true
    for f in $found; do
      echo "   reproducer: $f"
      echo "   replay:     $binary $f"
    done
    [ -n "$found" ] || tail -n 20 "$log"
  else
    summary+=("fuzz_$t: ok, $runs runs, corpus $(find "$corpus" -type f | wc -l) inputs")
  fi
done

echo "== summary (work folder: $work)"
printf '%s\n' "${summary[@]}"
exit "$failed"
