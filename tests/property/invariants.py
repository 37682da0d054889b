#!/usr/bin/env python3
"""The invariants every run must satisfy, checked on a run directory.

Usage: invariants.py RUN_DIR [SECOND_RUN_DIR]
       invariants.py --partial RUN_DIR   (a run cut short by --max-wall: everything but completion)

Checks results.json and timeline.csv: the run completed; no figure is NaN, infinite or negative
(where a figure cannot be); utilisations lie in [0, 1]; per workload and per workspace the counts
add up (workspace requests = completed + failed + replayed statements that ended FAILED or
CANCELED; causes add up to the failures); the write accounting closes; costs add up to their
total; the timeline is ordered and inside the run. With a second directory of the same scenario
and seed: both results (without the wall time) and both timelines are byte-identical.
Prints one line per broken invariant and exits 1 if there is any.
"""
import csv
import json
import math
import sys

problems = []


def problem(text):
    problems.append(text)


# Figures that may be negative by design: sentinels for "never" and signed differences.
# A resilience policy's margin is target minus measured: negative when the target was missed.
SIGNED = {"failed_back", "redirected", "predicted_seconds", "recovered_at", "recovery_seconds", "offset", "margin"}


def walk(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            walk(item, f"{path}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            walk(item, f"{path}/{i}")
    elif isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            problem(f"{path} is {value}")
        elif value < 0 and path.rsplit("/", 1)[-1] not in SIGNED and value != -1:
            problem(f"{path} is negative ({value})")
        if path.endswith("/utilisation") and value > 1 + 1e-9:
            problem(f"{path} is {value}, above 1")


def close(a, b, tolerance=1e-6):
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


partial = False


def check(run):
    r = json.load(open(f"{run}/results.json"))
    if not r.get("complete") and not partial:
        problem("the run did not complete")
    walk(r, "")
    workloads = r.get("workloads", [])
    completed = sum(w.get("completed", 0) for w in workloads)
    failed = sum(w.get("failed", 0) for w in workloads)
    replayed_ended = sum(w.get("trace", {}).get("replayed_failed", 0) + w.get("trace", {}).get("replayed_canceled", 0)
                         for w in workloads if isinstance(w.get("trace"), dict))
    spaces = r.get("workspaces", [])
    if spaces:
        if sum(s["completed"] for s in spaces) != completed:
            problem(f"workspaces complete {sum(s['completed'] for s in spaces)} requests, workloads {completed}")
        if sum(s["failed"] for s in spaces) != failed:
            problem(f"workspaces fail {sum(s['failed'] for s in spaces)} requests, workloads {failed}")
        for s in spaces:
            if sum(s.get("failed_by_cause", {}).values()) != s["failed"]:
                problem(f"workspace {s['name']}: causes add up to {sum(s['failed_by_cause'].values())}, not {s['failed']}")
        requests = sum(s["requests"] for s in spaces)
        if requests != completed + failed + replayed_ended:
            problem(f"workspaces count {requests} requests; completed {completed} + failed {failed} + "
                    f"replayed failed or canceled {replayed_ended} = {completed + failed + replayed_ended}")
    hours = r.get("simulated_seconds", 0) / 3600
    for w in workloads:
        if hours > 0 and "throughput_per_hour" in w and not close(w["throughput_per_hour"] * hours, w["completed"], 1e-3):
            problem(f"workload {w['name']}: throughput {w['throughput_per_hour']}/h over {hours} h is not its "
                    f"{w['completed']} completions")
    loss = r.get("data_loss", {})
    if loss.get("accounting_ok") is not True:
        problem("data_loss.accounting_ok is not true")
    cost = r.get("cost", {})
    def usd(part):  # a part's own figure, or the sum of its items' (instance types)
        if "usd" in part:
            return part["usd"]
        return sum(item.get("usd", 0) for item in part.values() if isinstance(item, dict))
    parts = sum(usd(v) for v in cost.values() if isinstance(v, dict))
    if "total_usd" in cost and not close(parts, cost["total_usd"]):
        problem(f"cost parts add up to {parts}, total says {cost['total_usd']}")
    end = r.get("simulated_seconds", 0)
    previous = 0.0
    with open(f"{run}/timeline.csv", newline="") as f:
        for row in csv.DictReader(f):
            t = float(row["time"])
            if t < previous - 1e-9:
                problem(f"timeline goes back in time at {t} ({row['kind']}) after {previous}")
                break
            if t > end + 1e-6:
                problem(f"timeline event {row['kind']} at {t}, after the run's end {end}")
                break
            previous = t
    return r


def main():
    global partial
    if sys.argv[1] == "--partial":
        partial = True
        del sys.argv[1]
    first = check(sys.argv[1])
    if len(sys.argv) > 2:
        second = json.load(open(f"{sys.argv[2]}/results.json"))
        for r in (first, second):  # the wall time and where the file was read from may differ
            r.pop("wall_seconds", None)
            r.get("scenario", {}).pop("file", None)
        if json.dumps(first, sort_keys=True) != json.dumps(second, sort_keys=True):
            problem("a rerun with the same seed gave different results")
        if open(f"{sys.argv[1]}/timeline.csv").read() != open(f"{sys.argv[2]}/timeline.csv").read():
            problem("a rerun with the same seed gave a different timeline")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
