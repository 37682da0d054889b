#pragma once
// What one run of a scenario produces, and the observers that can follow it as it goes.
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "models/flows/hop_recorder.hpp"
#include "models/run_record.hpp"
#include "scenario/workload_spec.hpp"
#include "sim/event_log.hpp"

namespace lakesim::analysis {

struct RunOutput {
  nlohmann::json results;  // the content of results.json
  std::string timeline;    // the content of timeline.csv
};

// Optional observers of a run as it goes.
struct RunHooks {
  std::function<void(const sim::Event&)> on_event;                // every timeline event, when recorded
  std::function<void(double clock, double horizon)> on_progress;  // after each slice of simulated time
  // Which requests report their hops, and to whom (models::WorkloadDriver::HopRecorderChoice).
  std::function<models::HopRecorder*(const sim::WorkloadSpec& spec, std::uint64_t request)> hop_recorders;
  // Every request's outcome, once the run is over (lakesim calibrate reads the replayed statements).
  std::function<void(const models::RunRecord& record)> on_record;
};

}  // namespace lakesim::analysis
