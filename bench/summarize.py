#!/usr/bin/env python3
"""Turns the runs bench/run.sh recorded into the results file and the summary table.

  python3 bench/summarize.py RECORDS.jsonl OUT.json RUNS_PER_RUNG

Every figure comes from the runs themselves: the engine's own JSON line, each rung's
results.json, and /usr/bin/time -v (elapsed wall time, peak resident memory). Rates are per
wall second of the simulation itself (results.json wall_seconds, the engine's wall_seconds), which
results.json never combines with its simulated figures: simulated requests per second is
requests.total over wall_seconds, computed here. Medians are taken
over the runs of a rung. The share of the CPUs other processes kept busy just before and during
each run is kept with it, since they slow a run down; CPU seconds (user + system) are less sensitive to them
than wall seconds.
"""
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
                break

    def command(*args):
        try:
            return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
        except (OSError, subprocess.CalledProcessError, IndexError):
            return "unknown"

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "simgrid": command("pkg-config", "--modversion", "simgrid"),
        "compiler": command("c++", "--version"),
    }


def median(values):
    return statistics.median(values) if values else None


def number(value, spec=","):
    """A table cell: the value formatted, or "-" when it was not measured."""
    return "-" if value is None else format(value, spec)


def process_figures(record):
    """What /usr/bin/time measured of one run, and how busy the machine was before it."""
    keys = ("elapsed_seconds", "cpu_seconds", "peak_rss_kib", "cpu_busy_before", "others_cpu_share_during")
    return {key: record[key] for key in keys if key in record}


def measured_runs(runs, figures=json.load):
    """Each run's figures, read from its output file by `figures`, with what /usr/bin/time measured."""
    measured = []
    for r in runs:
        with open(r["output"]) as f:
            measured.append({**figures(f), **process_figures(r)})
    return measured


def rung_figures(results):
    """What one run of a rung did, from its results.json."""
    requests = {"sql": 0, "job": 0, "notebook": 0, "streaming": 0, "training": 0}
    failed = 0
    worst_queue = (0.0, None)
    busy_seconds = 0.0  # the completed requests' latencies summed
    for w in results.get("workloads", []):
        cls = w.get("class")
        if cls in requests:
            requests[cls] += w.get("completed", 0) + w.get("failed", 0)
        failed += w.get("failed", 0)
        busy_seconds += w.get("completed", 0) * ((w.get("latency_seconds") or {}).get("mean") or 0.0)
        p95 = (w.get("queued_seconds") or {}).get("p95") or 0.0
        if p95 > worst_queue[0]:
            worst_queue = (p95, w.get("name"))
    return {
        "activities": results["activities"],
        "messages_without_flow": results.get("messages_without_flow", 0),
        "executions_computed": results.get("executions_computed", 0),
        "transfers_computed": results.get("transfers_computed", 0),
        "disk_io_computed": results.get("disk_io_computed", 0),
        "simulated_seconds": results["simulated_seconds"],
        "simulation_wall_seconds": results["wall_seconds"],
        "complete": results.get("complete", True),
        "hosts": results.get("platform", {}).get("hosts"),
        "requests": requests,
        # Simulated requests (results.json -> requests): the workloads' requests that ended plus the
        # control plane's calls; None from a binary that does not count them.
        "simulated_requests": (results.get("requests") or {}).get("total"),
        "workload_requests": (results.get("requests") or {}).get("workload_requests"),
        "control_plane_calls": (results.get("requests") or {}).get("control_plane_calls"),
        "failed": failed,
        "requests_in_flight_at_end": results.get("requests_in_flight_at_end"),
        # Workload requests in progress on average (Little's law over the completed ones): about
        # the number of request actors the engine goes through.
        "requests_in_progress": round(busy_seconds / results["simulated_seconds"], 1)
        if results["simulated_seconds"] > 0 else None,
        "worst_queued_p95_seconds": round(worst_queue[0], 3),
        "worst_queued_workload": worst_queue[1],
    }


def main():
    records_path, out_path, runs_per_rung = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(records_path) as f:
        records = [json.loads(line) for line in f if line.strip()]

    groups = {}
    for r in records:
        groups.setdefault(r["name"], []).append(r)

    engine = {}
    for name, runs in groups.items():
        if runs[0]["kind"] != "engine":
            continue
        measured = measured_runs(runs)
        engine[name] = {
            "command": "engine_rate " + runs[0]["args"].strip(),
            "activities": measured[0]["activities"],
            "wall_seconds": median([m["wall_seconds"] for m in measured]),
            "activities_per_second": median([m["activities_per_second"] for m in measured]),
            # Request rounds (message, execution, message) per wall second; None from an older binary.
            "request_rounds": measured[0].get("request_rounds"),
            "request_rounds_per_second": median([m["request_rounds_per_second"] for m in measured
                                                 if m.get("request_rounds_per_second") is not None]),
            "peak_rss_mib": round(median([m["peak_rss_kib"] for m in measured]) / 1024, 1),
            "runs": measured,
        }
    # The engine's cost of one wake-up against the number of live actors (bench/engine_wake_cost).
    wakes = []
    for name, runs in groups.items():
        if runs[0]["kind"] != "wakes":
            continue
        measured = measured_runs(runs)
        wakes.append({
            "wait": measured[0].get("wait", "semaphore"),
            "actors": measured[0]["actors"],
            "waits": measured[0]["waits"],
            "microseconds_per_wait": median([m["microseconds_per_wait"] for m in measured]),
            "peak_rss_mib": round(median([m["peak_rss_kib"] for m in measured]) / 1024, 1),
            "runs": measured,
        })
    wakes.sort(key=lambda w: (["semaphore", "suspend", "event"].index(w["wait"]), w["actors"]))
    engine_rate = engine.get("engine-loop", {}).get("activities_per_second")
    engine_rounds = engine.get("engine-loop", {}).get("request_rounds_per_second")

    rungs = []
    for name, runs in groups.items():
        if runs[0]["kind"] != "rung":
            continue
        measured = measured_runs(runs, lambda f: rung_figures(json.load(f)))
        first = measured[0]
        elapsed = median([m["elapsed_seconds"] for m in measured])
        rate = median([m["activities"] / m["simulation_wall_seconds"] for m in measured])
        # Messages computed from their route's latency, service work computed on a shared CPU, S3
        # reads computed on a dedicated downlink and local-disk I/O computed in closed form cost far
        # less than the engine's activities; the like-for-like ratio leaves them out.
        engine_like = median([(m["activities"] - m["messages_without_flow"] - m["executions_computed"] -
                               m["transfers_computed"] - m["disk_io_computed"]) / m["simulation_wall_seconds"]
                              for m in measured])
        # Simulated requests per wall second of the simulation, against the bare engine's request
        # rounds per second: one request of lakesim against one round of the engine.
        counted = [m for m in measured if m["simulated_requests"] is not None]
        requests_rate = median([m["simulated_requests"] / m["simulation_wall_seconds"] for m in counted])
        rungs.append({
            "name": name,
            "scenario": runs[0]["scenario"],
            "args": runs[0]["args"],
            "runs": len(measured),
            "activities": first["activities"],
            "same_activities_every_run": all(m["activities"] == first["activities"] for m in measured),
            "simulated_seconds": first["simulated_seconds"],
            "hosts": first["hosts"],
            "requests": first["requests"],
            "wall_seconds": elapsed,
            "simulation_wall_seconds": median([m["simulation_wall_seconds"] for m in measured]),
            "cpu_seconds": median([m["cpu_seconds"] for m in measured]),
            "activities_per_second": round(rate),
            "ratio_to_engine": round(rate / engine_rate, 3) if engine_rate else None,
            "messages_without_flow": first["messages_without_flow"],
            "executions_computed": first["executions_computed"],
            "transfers_computed": first["transfers_computed"],
            "disk_io_computed": first["disk_io_computed"],
            "engine_activities_per_second": round(engine_like),
            "engine_activities_ratio": round(engine_like / engine_rate, 3) if engine_rate else None,
            "simulated_seconds_per_wall_second": round(first["simulated_seconds"] / elapsed, 1),
            "simulated_requests": first["simulated_requests"],
            "workload_requests": first["workload_requests"],
            "control_plane_calls": first["control_plane_calls"],
            "requests_per_second": round(requests_rate) if requests_rate is not None else None,
            "workload_requests_per_second": round(median([m["workload_requests"] / m["simulation_wall_seconds"]
                                                          for m in counted])) if counted else None,
            "engine_request_rounds_per_second": round(engine_rounds) if engine_rounds else None,
            "ratio_to_engine_rounds": round(requests_rate / engine_rounds, 3)
            if requests_rate is not None and engine_rounds else None,
            "peak_rss_mib": round(median([m["peak_rss_kib"] for m in measured]) / 1024, 1),
            "complete": all(m["complete"] for m in measured),
            "failed": first["failed"],
            "requests_in_flight_at_end": first["requests_in_flight_at_end"],
            "requests_in_progress": first["requests_in_progress"],
            "worst_queued_p95_seconds": first["worst_queued_p95_seconds"],
            "worst_queued_workload": first["worst_queued_workload"],
            "runs_measured": measured,
        })

    result = {
        "format": "lakesim-bench/1",
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "runs_per_rung": runs_per_rung,
        "engine": engine,
        "engine_wakes": wakes,
        "rungs": rungs,
    }
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(tmp, out_path)

    m = result["machine"]
    print(f"\n{m['nproc']} x {m['cpu']}, {m['ram_gib']} GiB, SimGrid {m['simgrid']}; medians of up to "
          f"{runs_per_rung} runs; CPUs busy with other work just before the runs: "
          f"{min(r['cpu_busy_before'] for r in records):.0%} to {max(r['cpu_busy_before'] for r in records):.0%}, "
          f"during them: {min(r['others_cpu_share_during'] for r in records):.0%} to "
          f"{max(r['others_cpu_share_during'] for r in records):.0%} (summed over all CPUs)\n")
    for name, e in engine.items():
        rounds = (f", {e['request_rounds_per_second']:,.0f} request rounds/s"
                  if e.get("request_rounds_per_second") is not None else "")
        print(f"{name}: {e['activities']:,} activities in {e['wall_seconds']:.2f} s = "
              f"{e['activities_per_second']:,.0f} activities/s{rounds}, peak {e['peak_rss_mib']} MiB")
    for w in wakes:
        print(f"engine wake-up ({w['wait']}) with {w['actors']:,} requests in progress: "
              f"{w['microseconds_per_wait']:.2f} us")
    print()
    print("| rung | runs | hosts | activities | of which messages without flow | executions computed | transfers computed "
          "| disk I/O computed | wall s | CPU s | activities/s | x engine | x engine, engine-like activities only | sim s / wall s | peak RSS MiB "
          "| simulated requests | requests/s | engine rounds/s | x engine rounds | requests in progress |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rungs:
        ratio = f"{r['ratio_to_engine']:.2f}" if r["ratio_to_engine"] is not None else "-"
        like = f"{r['engine_activities_ratio']:.2f}" if r["engine_activities_ratio"] is not None else "-"
        print(f"| {r['name']} | {r['runs']} | {r['hosts']:,} | {r['activities']:,} | {r['messages_without_flow']:,} | {r['executions_computed']:,} | "
              f"{r['transfers_computed']:,} | {r['disk_io_computed']:,} | {r['wall_seconds']:.1f} | {r['cpu_seconds']:.1f} | "
              f"{r['activities_per_second']:,} | {ratio} | {like} | {r['simulated_seconds_per_wall_second']:,.0f} | "
              f"{r['peak_rss_mib']:,.0f} | {number(r['simulated_requests'])} | {number(r['requests_per_second'])} | "
              f"{number(r['engine_request_rounds_per_second'])} | {number(r['ratio_to_engine_rounds'], '.2f')} | "
              f"{number(r['requests_in_progress'])} |")
    print(f"\nresults: {out_path}")


if __name__ == "__main__":
    main()
