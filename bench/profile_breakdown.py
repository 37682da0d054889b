#!/usr/bin/env python3
"""Splits a perf profile of a lakesim run into where the time goes, by what each sample's call
stack contains (innermost match first):

  perf record -F 400 --call-graph=dwarf,16384 -o perf.data build/lakesim run SCENARIO --out DIR --force
  perf script -i perf.data > perf.txt
  python3 bench/profile_breakdown.py perf.txt

Buckets: SimGrid creating actors (their stacks and contexts), destroying them, unwinding the
exception that ends every actor, routing a communication (the network model's route and the
link-load plugin's second look-up), the link-load plugin's own bookkeeping, solving the sharing
model, lakesim's own code, the rest of SimGrid, and what runs outside the simulation (loading,
building the platform, writing results). Samples whose stack does not unwind to a known frame are
counted apart.
"""
import collections
import re
import sys

# (bucket, any of these frames in the stack); the first bucket that matches wins.
BUCKETS = [
    ("outside the simulation: load, platform, results", None),
    ("SimGrid: actor creation (stack, context)", ("ActorImpl::start", "create_context", "ActorImpl::init")),
    ("SimGrid: actor destruction (stack release)", ("~ActorImpl", "empty_trash", "~SwappedContext")),
    ("SimGrid: actor exit (unwinding its stack by exception)", ("Context::stop", "__cxa_throw", "_Unwind_")),
    ("SimGrid link-load plugin: route look-up and load update",
     ("get_traversed_links", "LinkLoad::", "plugin::")),
    ("SimGrid: route look-up for a communication", ("get_global_route", "route_to", "add_links_to_route")),
    ("SimGrid: sharing model (LMM solve, next event)",
     ("lmm::", "EngineImpl::solve", "next_occurring_event", "ActionHeap", "update_actions_state")),
]


def samples(path):
    stack = None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if stack is not None:
                    yield stack
                stack = None
            elif not line[0].isspace():
                stack = []
            elif stack is not None:
                parts = line.strip().split(None, 1)
                if len(parts) == 2:
                    stack.append(re.sub(r"\+0x[0-9a-f]+", "", parts[1]))
    if stack is not None:
        yield stack


def bucket(stack):
    joined = "\n".join(stack)
    in_main = "__libc_start_call_main" in joined
    in_run = "Simulation::run" in joined
    if in_main and not in_run:
        return BUCKETS[0][0]
    for name, frames in BUCKETS[1:]:
        if any(f in joined for f in frames):
            return name
    # lakesim frames inside the engine's run (the callers of Simulation::run are not the model)
    inner = stack
    for i, f in enumerate(stack):
        if "Simulation::run" in f:
            inner = stack[:i]
            break
    own = [f for f in inner if "lakesim::" in f]
    top = stack[0] if stack else ""
    if own and "(/" in top and "lakesim" in top.split("(/")[-1]:
        return "lakesim code (self)"
    if own:
        return "SimGrid and libraries under lakesim calls"
    if "smx_ctx_wrapper" in joined or in_run or "EngineImpl" in joined:
        return "SimGrid: other engine work (simcalls, scheduling, activities)"
    return "stack not unwound"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    counts = collections.Counter(bucket(s) for s in samples(sys.argv[1]))
    total = sum(counts.values())
    if not total:
        sys.exit("no samples")
    print(f"{total} samples")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
