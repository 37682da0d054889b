#!/usr/bin/env bash
# A sweep on a real (single-node) Slurm cluster and under GNU parallel: the Slurm array and the job
# file that `sweep --emit-slurm` / `--emit-jobs` write are run, `lakesim merge` gathers their
# outputs, and the result equals the same sweep run by `lakesim sweep` itself, byte for byte.
# The test writes the cluster's configuration (munge key, slurm.conf) into its work directory and
# starts and stops munged, slurmctld and slurmd itself, on ports of its own. It skips, saying why,
# where slurm-wlm or munge is not installed or it is not root, unless LAKESIM_REQUIRE_SLURM is set
# (as in CI, which installs them).
source "$(dirname "$0")/setup.sh" "$@"

skip() {
  [ -z "${LAKESIM_REQUIRE_SLURM:-}" ] || fail "$1, but LAKESIM_REQUIRE_SLURM is set"
  echo "SKIP: $1"
  exit 0
}

sweep=(scenarios/single-region.json --set duration=10m --vary workloads.2.arrival.rate=200/h,600/h
       --vary compute.1.max_clusters=1,4 --replications 2 --quiet)
"$lakesim" sweep "${sweep[@]}" -j 2 --out "$work/local" >/dev/null || fail "local sweep"

# GNU parallel: the job file, then merge.
if command -v parallel >/dev/null; then
  "$lakesim" sweep "${sweep[@]}" --out "$work/parallel" --emit-jobs "$work/jobs.txt" >/dev/null || fail "emit jobs"
  parallel -j 2 <"$work/jobs.txt" || fail "GNU parallel run of the job file"
  "$lakesim" merge "$work/parallel" >/dev/null || fail "merge after GNU parallel"
  cmp "$work/local/sweep.csv" "$work/parallel/sweep.csv" || fail "GNU parallel + merge differs from lakesim sweep"
  cmp "$work/local/sweep.json" "$work/parallel/sweep.json" || fail "GNU parallel + merge sweep.json differs"
  echo "GNU parallel: the job file's 8 runs merge to the same sweep"
else
  [ -z "${LAKESIM_REQUIRE_SLURM:-}" ] || fail "GNU parallel is not installed (apt-get install parallel)"
  echo "SKIP (GNU parallel part): parallel is not installed (apt-get install parallel)"
fi

[ "$(id -u)" -eq 0 ] || skip "not root: the test starts munged, slurmctld and slurmd itself"
for tool in munged slurmctld slurmd sbatch squeue; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null ||
    skip "$tool is not installed (apt-get install slurm-wlm munge)"
done
export PATH="$PATH:/usr/sbin"

cluster="$work/cluster"
mkdir -p "$cluster/munge" "$cluster/state" "$cluster/spool" "$cluster/log"
chmod 711 "$cluster/munge"  # the socket in it must be reachable
host=$(hostname -s)
# Ports of this test's own, so that a cluster already on the machine is left alone.
ctld_port=$((17000 + RANDOM % 1000))
slurmd_port=$((ctld_port + 1000))
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

dd if=/dev/urandom of="$cluster/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$cluster/munge/munge.key"
munged --foreground --force --key-file="$cluster/munge/munge.key" --socket="$cluster/munge/socket" \
  --pid-file="$cluster/munge/munged.pid" --log-file="$cluster/log/munged.log" \
  --seed-file="$cluster/munge/seed" >"$cluster/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$cluster/munge/socket" ] && break; sleep 0.1; done
[ -S "$cluster/munge/socket" ] || fail "munged did not start: $(cat "$cluster/log/munged.out" "$cluster/log/munged.log" 2>/dev/null)"

cpus=$(nproc)
cat >"$cluster/slurm.conf" <<CONF
ClusterName=lakesim-test
SlurmctldHost=$host
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$cluster/munge/socket
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$cluster/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >"$cluster/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$cluster/log/slurmd.out" 2>&1 &
pids+=($!)
up=""
for _ in $(seq 100); do
  if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then up=1; break; fi
  sleep 0.2
done
[ -n "$up" ] || fail "the Slurm node did not come up: $(tail -5 "$cluster/log/slurmctld.log" "$cluster/log/slurmd.log" 2>/dev/null)"

"$lakesim" sweep "${sweep[@]}" --out "$work/slurm" --emit-slurm "$work/sweep.slurm" >/dev/null || fail "emit Slurm"
job=$(sbatch --parsable "$work/sweep.slurm") || fail "sbatch refused the array"
for _ in $(seq 600); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || fail "the array did not finish within 5 minutes"
"$lakesim" merge "$work/slurm" >/dev/null || fail "merge after Slurm: $(cat "$work"/slurm/slurm-*.out 2>/dev/null | tail -5)"
cmp "$work/local/sweep.csv" "$work/slurm/sweep.csv" || fail "Slurm array + merge differs from lakesim sweep"
cmp "$work/local/sweep.json" "$work/slurm/sweep.json" || fail "Slurm array + merge sweep.json differs"
echo "Slurm: the array's 8 tasks merge to the same sweep"
echo "ok"
