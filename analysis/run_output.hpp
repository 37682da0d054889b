#pragma once
// What one run of a scenario produces, and the observers that can follow it as it goes.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

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
};

}  // namespace lakesim::analysis
