#pragma once
// One complete run of a scenario: engine, platform, deployment of every component, workloads,
// the simulation itself, then the results and the timeline. Used by `lakesim run` and by tests.
#include <string>
#include <vector>

#include "analysis/run_output.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::assembly {

using analysis::RunHooks;
using analysis::RunOutput;

// Must be called at most once per process (SimGrid allows one engine per process). With
// `max_wall` > 0 seconds the run may stop early; its results then say "complete": false.
RunOutput run_scenario(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags = {},
                       double max_wall = 0, const RunHooks& hooks = {});

}  // namespace lakesim::assembly
