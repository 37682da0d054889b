#pragma once
// One complete run of a scenario: engine, platform, deployment of every component, workloads,
// the simulation itself, then the results and the timeline. Used by `lakesim run` and by tests.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/flows/hop_recorder.hpp"
#include "sim/event_log.hpp"
#include "sim/scenario.hpp"

namespace lakesim::analysis {

struct RunOutput {
  nlohmann::json results;  // the content of results.json
  std::string timeline;    // the content of timeline.csv
};

// Optional observers of a run as it goes.
struct RunHooks {
  std::function<void(const sim::Event&)> on_event;            // every timeline event, when recorded
  std::function<void(double clock, double horizon)> on_progress;  // after each slice of simulated time
  // Which requests report their hops, and to whom (models::WorkloadDriver::HopRecorderChoice).
  std::function<models::HopRecorder*(const sim::WorkloadSpec& spec, std::uint64_t request)> hop_recorders;
};

// Must be called at most once per process (SimGrid allows one engine per process). With
// `max_wall` > 0 seconds the run may stop early; its results then say "complete": false.
RunOutput run_scenario(const sim::Scenario& scenario, const std::vector<std::string>& engine_flags = {},
                       double max_wall = 0, const RunHooks& hooks = {});

}  // namespace lakesim::analysis
