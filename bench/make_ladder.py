#!/usr/bin/env python3
"""Writes the scaled rungs of the benchmark ladder: bench/scenarios/ladder-10x.json, ladder-100x.json,
ladder-100x-week.json and ladder-1000x.json.

The first rung is scenarios/two-region.json as shipped. The scaled rungs share one design, three
regions (us-east-1, us-west-2, eu-west-1) each running the same mix, so that 100x is 10x with
every arrival rate and every Spark pool multiplied by ten, and 1000x is 100x multiplied by ten
again (the SQL warehouses autoscale, between ten times the 100x rung's bounds at 1000x; the Delta
tables are ten times as many at 1000x, each written by as many jobs and streams as one at 100x):

  rung   SQL queries/day   jobs/day   notebook commands/day   streams   compute instances
  10x        ~100,000        ~4,700          ~9,600                3            ~200
  100x     ~1,000,000       ~47,000         ~96,000               30          ~1,800
  1000x   ~10,000,000      ~470,000        ~960,000              300         ~18,000

The Spark pools are sized to be busy about 40% of the day, so queues stay short and the wall time
measures the work rather than queue growth. 100x-week is the 100x account for seven simulated
days (day 0 a Monday) with a weekly pattern: interactive work (BI queries, dashboards, notebook
commands) at 0.3 of a weekday's rate on Saturday and Sunday, scheduled work (pipelines, ETL,
merges, training) and streams the same every day. The 10x and 100x files have the variants
  outage     us-east-1 down from 10:00 for 3 hours (a region_outage; on Monday in 100x-week),
  hosts-2x   the same work on twice the compute instances,
  hosts-4x   on four times as many;
100x-week and 1000x have the outage variant only.

  python3 bench/make_ladder.py            (rewrites the files; check them with build/lakesim validate)
  python3 bench/make_ladder.py --out DIR  (writes them to DIR instead: tests/cli/ladder_files.sh
                                           compares them with the committed ones)
"""
import argparse
import json
import os

# Regions, their AZs and the short name that suffixes their placements, workloads and tables.
REGIONS = [
    ("us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c"], "use1"),
    ("us-west-2", ["us-west-2a", "us-west-2b", "us-west-2c"], "usw2"),
    ("eu-west-1", ["eu-west-1a", "eu-west-1b", "eu-west-1c"], "euw1"),
]

# One-way latencies: half the published round trips (us-west-2 to eu-west-1 is an estimate).
INTER_REGION = [
    (["us-east-1", "us-west-2"], "43500us"),
    (["us-east-1", "eu-west-1"], "40250us"),
    (["us-west-2", "eu-west-1"], "65000us"),
]

OUTAGE = [{"name": "east-down", "kind": "region_outage", "region": "us-east-1", "start": "10h", "duration": "3h"}]

# The weekly pattern of interactive work, Monday to Sunday: weekends at 0.3 of a weekday (an
# estimate, docs/scenario-format.md); scheduled jobs, training and streams run every day alike.
INTERACTIVE_WEEK = [1, 1, 1, 1, 1, 0.3, 0.3]

# SQL warehouse clusters (min, max) per region, by the rung's scale: one to three clusters carry
# the 10x rung's ~3 busy slots per region, four to twelve the 100x rung's ~32, forty to 120 the
# 1000x rung's ~320.
WAREHOUSE_CLUSTERS = {1: (1, 3), 10: (4, 12), 100: (40, 120)}


def rate(per_hour, scale):
    value = per_hour * scale
    return f"{value:g}/h"


def region_compute(region, short, scale):
    """A Serverless Spark pool and a SQL warehouse (clusters of 4 i3.2xlarge) per region; the
    warehouse autoscales between WAREHOUSE_CLUSTERS[scale]."""
    min_clusters, max_clusters = WAREHOUSE_CLUSTERS[scale]
    return [
        {"name": f"spark-{short}", "kind": "serverless_spark", "region": region, "instances": 55 * scale},
        {"name": f"sql-{short}", "kind": "sql_warehouse", "region": region, "instances": 4 * max_clusters,
         "cluster_size": 4, "min_clusters": min_clusters, "max_clusters": max_clusters},
    ]


def lognormal(mean, sigma):
    return {"dist": "lognormal", "mean": mean, "sigma": sigma}


def exponential(mean):
    return {"dist": "exponential", "mean": mean}


def table_sets(scale):
    """How many copies of each Delta table a region has: one up to the 100x rung, then one per
    tenfold, so that each table gets as many writers (ten streams, the ETL and merge jobs of one
    100x region) as at 100x and commit conflicts do not grow with the rung."""
    return max(1, scale // 10)


def table_name(base, short, j, sets):
    return f"{base}-{short}" if sets == 1 else f"{base}-{short}-{j}"


def split_by_table(workload, base, short, sets, per_hour, scale):
    """The workload as is with one table set, else one copy per table, each at 1/sets of the rate."""
    if sets == 1:
        return [workload]
    copies = []
    for j in range(sets):
        copy = dict(workload)
        copy["name"] = f"{workload['name']}-{j}"
        copy["arrival"] = {**workload["arrival"], "rate": rate(per_hour, scale / sets)}
        copy["table"] = table_name(base, short, j, sets)
        copies.append(copy)
    return copies


def weekly(arrival, week):
    """The arrival with the weekly pattern `week` (None: every day alike)."""
    return arrival if week is None else {**arrival, "day_factors": week}


def region_workloads(region, short, scale, week=None):
    """The mix of one region at `scale` (1 for the 10x rung, 10 for 100x, 100 for 1000x); `week`,
    when given, is the interactive workloads' weekly pattern."""
    spark, sql = f"spark-{short}", f"sql-{short}"
    w = [
        {"name": f"bi-{short}", "class": "sql", "region": region, "compute": sql,
         "arrival": weekly({"kind": "poisson", "rate": rate(560, scale)}, week),
         "stages": [{"core_seconds": exponential("40s"), "read": lognormal("2GB", 1.0)}], "result": "1MB"},
        {"name": f"dashboards-{short}", "class": "sql", "region": region, "compute": sql,
         "arrival": weekly({"kind": "diurnal", "rate": rate(830, scale), "amplitude": 0.6, "peak": "14h"}, week),
         "stages": [{"core_seconds": exponential("8s"), "read": lognormal("200MB", 0.8)}], "result": "200KB"},
        {"name": f"pipelines-{short}", "class": "job", "region": region, "compute": spark,
         "arrival": {"kind": "poisson", "rate": rate(60, scale)}, "instances": 4, "tasks": 2, "retries": 2,
         "stages": [{"core_seconds": lognormal("20m", 0.5), "read": lognormal("4GB", 0.5), "shuffle": "1GB"},
                    {"core_seconds": "5m", "write": lognormal("1GB", 0.3)}]},
        {"name": f"etl-{short}", "class": "job", "region": region, "compute": spark,
         "arrival": {"kind": "poisson", "rate": rate(2.4, scale)}, "instances": 8, "tasks": 2, "retries": 2,
         "table": f"sales-{short}", "write_mode": "append",
         "stages": [{"core_seconds": lognormal("2h", 0.4), "read": lognormal("20GB", 0.5), "shuffle": "4GB"},
                    {"core_seconds": lognormal("1h", 0.4), "shuffle": "1GB"},
                    {"core_seconds": "15m", "write": lognormal("2GB", 0.3)}]},
        {"name": f"upserts-{short}", "class": "job", "region": region, "compute": spark,
         "arrival": {"kind": "poisson", "rate": rate(3, scale)}, "instances": 4, "retries": 3,
         "table": f"orders-{short}", "write_mode": "merge",
         "stages": [{"core_seconds": exponential("20m"), "read": "5GB", "shuffle": "1GB"},
                    {"core_seconds": "10m", "write": "1GB"}]},
        {"name": f"training-{short}", "class": "training", "region": region, "compute": spark,
         "arrival": {"kind": "cron", "every": f"{300 // scale}m", "offset": "7m"}, "instances": 8,
         "stages": [{"core_seconds": lognormal("3h", 0.3), "read": "40GB", "shuffle": "5GB"},
                    {"core_seconds": "1h", "write": "1GB"}],
         "artifact": "500MB"},
        {"name": f"adhoc-{short}", "class": "notebook", "region": region, "compute": spark,
         "arrival": weekly({"kind": "diurnal", "rate": rate(133, scale), "amplitude": 0.8, "peak": "11h"}, week),
         "instances": 1, "unauthorized_fraction": 0.02,
         "stages": [{"core_seconds": exponential("2m"), "read": lognormal("1GB", 1.0)}], "result": "100KB"},
    ]
    sets = table_sets(scale)
    w = (w[:3] + split_by_table(w[3], "sales", short, sets, 2.4, scale) +
         split_by_table(w[4], "orders", short, sets, 3, scale) + w[5:])
    for i in range(scale):
        w.append({"name": f"clicks-{short}-{i}", "class": "streaming", "region": region, "compute": spark,
                  "trigger": "1m", "instances": 2, "table": table_name("clicks", short, i * sets // scale, sets),
                  "stages": [{"core_seconds": exponential("90s"), "read": exponential("300MB"),
                              "write": exponential("60MB")}]})
    return w


def region_tables(region, short, sets=1):
    tables = []
    for base, dataset, size, files in (("sales", "delta_table_data", "5TB", 40000),
                                       ("orders", "delta_table_data", "2TB", 20000),
                                       ("clicks", "managed_tables", "800GB", 120000)):
        tables += [{"name": table_name(base, short, j, sets), "region": region, "dataset": dataset, "size": size,
                    "files": files} for j in range(sets)]
    return tables


def scenario(rung, scale, days=1, week=None, hosts_variants=True):
    """The rung's scenario: `days` simulated days (a week from Monday when 7), `week` the
    interactive workloads' weekly pattern, `hosts_variants` whether it has hosts-2x and hosts-4x."""
    compute, workloads, tables = [], [], []
    for region, _, short in REGIONS:
        compute += region_compute(region, short, scale)
        workloads += region_workloads(region, short, scale, week)
        tables += region_tables(region, short, table_sets(scale))

    def hosts_variant(factor):
        return {f"compute.{i}.instances": c["instances"] * factor for i, c in enumerate(compute)}

    span = "a simulated day" if days == 1 else f"{days} simulated days from a Monday, with a weekly pattern,"
    variants = {"outage": {"faults": OUTAGE}}
    if hosts_variants:
        variants.update({"hosts-2x": hosts_variant(2), "hosts-4x": hosts_variant(4)})
    return {
        "format": "lakesim/1",
        "name": f"ladder-{rung}",
        "description": f"Benchmark rung {rung}: three regions, each a workspace with its control plane, a Serverless "
                       f"Spark pool and a SQL warehouse, running {span} of SQL, jobs, notebooks, training and "
                       f"streams. Written by bench/make_ladder.py.",
        "seed": 42,
        "duration": f"{24 * days}h",
        "network": {
            "model": "exact",
            "inter_region": [{"regions": pair, "latency": latency, "bandwidth": "100Gbps"}
                             for pair, latency in INTER_REGION],
        },
        "regions": [{"name": name, "azs": azs} for name, azs, _ in REGIONS],
        "control_plane": [{"region": name, "hosts_per_az": 2} for name, _, _ in REGIONS],
        "compute": compute,
        "tables": tables,
        "workloads": workloads,
        "variants": variants,
    }


# The rungs written: file name -> scenario.
RUNGS = {
    "ladder-10x.json": lambda: scenario("10x", 1),
    "ladder-100x.json": lambda: scenario("100x", 10),
    "ladder-100x-week.json": lambda: scenario("100x-week", 10, days=7, week=INTERACTIVE_WEEK, hosts_variants=False),
    "ladder-1000x.json": lambda: scenario("1000x", 100, hosts_variants=False),
}


def main():
    parser = argparse.ArgumentParser(description="Writes the scaled rungs of the benchmark ladder.")
    parser.add_argument("--out", help="folder to write them to (default: bench/scenarios)")
    args = parser.parse_args()
    here = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios")
    os.makedirs(here, exist_ok=True)
    for name, make in RUNGS.items():
        path = os.path.join(here, name)
        with open(path, "w") as out:
            json.dump(make(), out, indent=2)
            out.write("\n")
        print(path)


if __name__ == "__main__":
    main()
