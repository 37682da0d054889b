#!/usr/bin/env python3
"""Random valid lakesim scenarios, for property runs of the simulation itself.

Usage: generate.py SRC SEED OUT.json

A scenario is made from a shipped one (chosen by the seed) by changes drawn across the format:
a shorter run and lighter workloads (so that it runs in seconds), a random seed, grown pools, a
random DR strategy and S3 replication (with or without RTC) where there are two regions, and one to four
faults of any kind valid for the scenario, at random windows that may overlap. Everything is
drawn from Python's random.Random(SEED): the same SEED gives the same file. Trace paths are made
absolute (the file is written elsewhere) and the scenario keeps its variants section out.
"""
import json
import os
import random
import sys

FAULT_KINDS = ["region_outage", "az_outage", "control_plane_outage", "s3_outage", "idp_outage", "link_cut",
               "capacity_shortage", "s3_throttling", "link_degradation", "host_crashes", "kms_outage",
               "key_revoked", "relay_outage", "workspace_outage", "service_outage", "privatelink_outage"]
CONTROL_COMPONENTS = ["unity_catalog", "job_scheduler", "workspace_apis", "cluster_management",
                      "sql_warehouse_management", "metastore", "authentication_sso", "permissions_rbac"]
STRATEGIES = ["none", "backup_restore", "pilot_light", "warm_standby", "hot_standby", "active_active", "managed"]


def shipped(src):
    files = []
    for root, _, names in os.walk(os.path.join(src, "scenarios")):
        files += [os.path.join(root, n) for n in names if n.endswith(".json")]
    return sorted(files)


def minutes(m):
    return f"{int(m)}m"


def lighten(w, rng, factor):
    """Fewer arrivals: Poisson and diurnal rates scaled down, so a run takes seconds."""
    arrival = w.get("arrival")
    if not isinstance(arrival, dict) or not isinstance(arrival.get("rate"), str) or "/" not in arrival["rate"]:
        return
    number, unit = arrival["rate"].split("/", 1)
    try:
        value = float(number)
    except ValueError:
        return
    arrival["rate"] = f"{max(value * factor, 0.5):.3g}/{unit}"


def fault_for(kind, s, rng, name, duration_min):
    regions = [r["name"] for r in s.get("regions", [])]
    azs = [az for r in s.get("regions", []) for az in r.get("azs", [])]
    compute = [c["name"] for c in s.get("compute", [])]
    classic = [c["name"] for c in s.get("compute", []) if c.get("kind", "serverless_spark") == "serverless_spark"]
    workspaces = [w["name"] for w in s.get("workspaces", [])] if isinstance(s.get("workspaces"), list) else []
    security = s.get("workspace", {}) if isinstance(s.get("workspace"), dict) else {}
    start = rng.uniform(0, duration_min * 0.8)
    length = rng.uniform(5, max(6, duration_min - start))
    f = {"name": name, "kind": kind, "start": minutes(start), "duration": minutes(length)}
    if kind in ("region_outage", "control_plane_outage", "s3_outage", "s3_throttling"):
        f["region"] = rng.choice(regions)
    if kind == "s3_outage" and rng.random() < 0.5:
        f["reads_duration"] = minutes(rng.uniform(1, max(1.5, length)))
        if float(f["reads_duration"][:-1]) > float(f["duration"][:-1]):
            f["reads_duration"] = f["duration"]
    if kind == "az_outage":
        f["az"] = rng.choice(azs)
    if kind in ("link_cut", "link_degradation"):
        if len(regions) < 2:
            return None
        f["regions"] = rng.sample(regions, 2)
    if kind in ("s3_throttling", "link_degradation"):
        f["factor"] = round(rng.uniform(0.05, 0.9), 3)
    if kind == "capacity_shortage":
        if not classic:
            return None
        f["compute"] = rng.choice(classic)
    if kind == "host_crashes":
        if not compute:
            return None
        f["compute"] = rng.choice(compute)
        f["mtbf"] = minutes(rng.uniform(10, 120))
        f["mttr"] = minutes(rng.uniform(1, 20))
    if kind in ("kms_outage", "key_revoked"):
        if not security.get("customer_managed_keys"):
            return None
        f["region"] = rng.choice(regions)
    if kind == "relay_outage":
        if not security.get("secure_cluster_connectivity"):
            return None
        f["region"] = rng.choice(regions)
    if kind == "privatelink_outage":
        if not (security.get("private_link") or {}).get("back_end"):
            return None
        f["region"] = rng.choice(regions)
    if kind == "workspace_outage":
        if not workspaces:
            return None
        f["workspace"] = rng.choice(workspaces)
    if kind == "service_outage":
        f["region"] = rng.choice(regions)
        f["component"] = rng.choice(CONTROL_COMPONENTS)
    return f


def generate(src, seed):
    rng = random.Random(seed)
    path = rng.choice(shipped(src))
    s = json.load(open(path))
    s.pop("variants", None)
    s["name"] = f"generated-{seed}"
    s["seed"] = rng.randrange(1, 2**31)
    duration_min = rng.choice([30, 45, 60, 90, 120])
    s["duration"] = minutes(duration_min)
    factor = rng.choice([0.05, 0.1, 0.2])
    for w in s.get("workloads", []):
        lighten(w, rng, factor)
        trace = w.get("trace")
        if isinstance(trace, dict) and "file" in trace:
            trace["file"] = os.path.abspath(os.path.join(os.path.dirname(path), trace["file"]))
    for c in s.get("compute", []):
        # Warehouses keep their shape (clusters x cluster size); pools may grow.
        if c.get("kind") != "sql_warehouse" and isinstance(c.get("instances"), int) and rng.random() < 0.5:
            # Grown only: workloads may ask for as many instances as the placement has.
            c["instances"] = max(c["instances"], min(64, c["instances"] * rng.choice([1, 2])))
    regions = [r["name"] for r in s.get("regions", [])]
    if len(regions) >= 2 and rng.random() < 0.6:
        primary, secondary = rng.sample(regions, 2)
        has_compute = {c.get("region") for c in s.get("compute", [])}
        if primary in has_compute and secondary in has_compute:
            dr = s.get("dr") if isinstance(s.get("dr"), dict) else {}
            dr.update({"strategy": rng.choice(STRATEGIES), "primary": primary, "secondary": secondary})
            dr.pop("compute_map", None)
            # Managed DR replicates the tables itself: no deep clone of ours beside it; its own
            # settings (failover groups name the primary's tables) belong to it alone.
            dr.pop("managed", None)
            if dr["strategy"] == "managed":
                dr.pop("deep_clone", None)
            s["dr"] = dr
    if len(regions) >= 2 and rng.random() < 0.5:
        source, destination = rng.sample(regions, 2)
        s["replication"] = {"from": source, "to": destination, "rtc": rng.random() < 0.5}
    faults = []
    for i in range(rng.randint(1, 4)):
        for _ in range(20):
            f = fault_for(rng.choice(FAULT_KINDS), s, rng, f"f{i}", duration_min)
            if f:
                faults.append(f)
                break
    s["faults"] = faults
    s["description"] = f"generated from {os.path.relpath(path, src)} with seed {seed}"
    return path, s


def main():
    src, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    _, scenario = generate(src, seed)
    with open(out, "w") as f:
        json.dump(scenario, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
