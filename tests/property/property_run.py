#!/usr/bin/env python3
"""Property runs of the simulation: generated scenarios, invariants after every run, shrinking.

Usage: property_run.py LAKESIM SRC WORK [--count N] [--first SEED] [--rerun-every K] [--valgrind]

Replays every kept regression (SRC/fuzz/regressions/simulation--*.json) first, then generates N
scenarios (tests/property/generate.py, seeds FIRST..FIRST+N-1), runs each with `lakesim run`,
and checks tests/property/invariants.py on the results; every K-th scenario is run twice and the
two runs must be byte-identical, and another in every K is also cut short by --max-wall and must
end cleanly with partial results that keep every other invariant. A run that crashes, hangs (over 120 s), refuses a generated
scenario or breaks an invariant is shrunk (faults, workloads and compute placements dropped one
at a time, the duration halved, while it still fails the same way) and the small scenario is
written to WORK/shrunk-SEED.json, to be kept under fuzz/regressions/ with its fix. Exits 1 on any
failure. With --valgrind each run goes through `valgrind --error-exitcode=99` (slow: for long
campaigns on a sample).
"""
import argparse
import copy
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import generate  # noqa: E402


def run(args, scenario, out, valgrind=False):
    """Runs lakesim on a scenario; returns (kind of failure or None, text)."""
    path = out + ".json"
    with open(path, "w") as f:
        json.dump(scenario, f, indent=1)
    command = [args.lakesim, "run", path, "--allow-outside-paths", "--out", out, "--force", "--quiet", "--no-report"]
    if valgrind:
        command = ["valgrind", "-q", "--error-exitcode=99"] + command
    try:
        p = subprocess.run(command, capture_output=True, text=True, timeout=1200 if valgrind else 120)
    except subprocess.TimeoutExpired:
        return "hang", "no end within the time limit"
    if p.returncode == 2:
        return "refused", p.stderr.strip().splitlines()[0] if p.stderr.strip() else "exit 2"
    if p.returncode != 0:
        lines = [l for l in p.stderr.splitlines() if l.strip() and not l.lstrip().startswith("->")]
        return f"exit {p.returncode}", "\n".join(lines[-4:])
    check = subprocess.run([sys.executable, os.path.join(here, "invariants.py"), out], capture_output=True, text=True)
    if check.returncode != 0:
        return "invariant", check.stdout.strip()
    return None, ""


def cut_short(args, scenario, out):
    """--max-wall ends a run cleanly: a partial results.json that keeps every other invariant."""
    path = out + "-cut.json"
    with open(path, "w") as f:
        json.dump(scenario, f, indent=1)
    p = subprocess.run([args.lakesim, "run", path, "--allow-outside-paths", "--out", out + "-cut", "--force",
                        "--quiet", "--no-report", "--max-wall", "0.002s"], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return f"exit {p.returncode} under --max-wall", p.stderr.strip()[-400:]
    check = subprocess.run([sys.executable, os.path.join(here, "invariants.py"), "--partial", out + "-cut"],
                           capture_output=True, text=True)
    return ("invariant under --max-wall", check.stdout.strip()) if check.returncode else (None, "")


def determinism(args, scenario, out):
    failure, text = run(args, scenario, out + "-again")
    if failure:
        return failure, text
    check = subprocess.run([sys.executable, os.path.join(here, "invariants.py"), out, out + "-again"],
                           capture_output=True, text=True)
    return ("nondeterministic", check.stdout.strip()) if check.returncode else (None, "")


def smaller(scenario):
    """Candidate reductions of a scenario, smallest steps first."""
    for key in ("faults", "workloads", "compute", "tables"):
        items = scenario.get(key)
        if isinstance(items, list):
            for i in range(len(items)):
                s = copy.deepcopy(scenario)
                del s[key][i]
                yield s
    if "dr" in scenario:
        s = copy.deepcopy(scenario)
        del s["dr"]
        yield s
    if "replication" in scenario:
        s = copy.deepcopy(scenario)
        del s["replication"]
        yield s


def shrink(args, scenario, kind, work):
    current = scenario
    changed = True
    while changed:
        changed = False
        for candidate in smaller(current):
            out = os.path.join(work, "shrinking")
            failure, _ = run(args, candidate, out)
            if not failure and kind == "nondeterministic":
                failure, _ = determinism(args, candidate, out)
            if failure == kind:
                current, changed = candidate, True
                break
    return current


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lakesim")
    parser.add_argument("src")
    parser.add_argument("work")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--rerun-every", type=int, default=10)
    parser.add_argument("--valgrind", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failures = 0

    regressions = sorted(f for f in os.listdir(os.path.join(args.src, "fuzz", "regressions"))
                         if f.startswith("simulation--") and f.endswith(".json"))
    for name in regressions:
        scenario = json.load(open(os.path.join(args.src, "fuzz", "regressions", name)))
        failure, text = run(args, scenario, os.path.join(args.work, "regression"), args.valgrind)
        if failure:
            failures += 1
            print(f"regression {name}: {failure}: {text}")

    kinds = {}
    for seed in range(args.first, args.first + args.count):
        _, scenario = generate.generate(args.src, seed)
        out = os.path.join(args.work, f"run-{seed}")
        failure, text = run(args, scenario, out, args.valgrind)
        if not failure and args.rerun_every and seed % args.rerun_every == 0:
            failure, text = determinism(args, scenario, out)
        if not failure and args.rerun_every and seed % args.rerun_every == args.rerun_every // 2:
            failure, text = cut_short(args, scenario, out)
        if failure:
            failures += 1
            print(f"seed {seed} ({scenario['description'] if 'description' in scenario else ''}): {failure}: {text}")
            small = shrink(args, scenario, failure, args.work)
            path = os.path.join(args.work, f"shrunk-{seed}.json")
            with open(path, "w") as f:
                json.dump(small, f, indent=1)
            print(f"  shrunk to {path}: {len(small.get('faults', []))} faults, "
                  f"{len(small.get('workloads', []))} workloads, {len(small.get('compute', []))} placements")
        for f in scenario.get("faults", []):
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    print(f"{len(regressions)} regressions and {args.count} generated scenarios (seeds {args.first} to "
          f"{args.first + args.count - 1}) run, {failures} failed; fault kinds drawn: {len(kinds)} of 16")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
