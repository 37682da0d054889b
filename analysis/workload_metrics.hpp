#pragma once
// Per workload: what completed, what failed and why, throughput, latency and queueing.
#include <nlohmann/json.hpp>

#include "models/run_record.hpp"

namespace lakesim::analysis {

// `duration` is the simulated span over which throughput is computed.
nlohmann::json workload_metrics(const models::RunRecord& record, double duration);

}  // namespace lakesim::analysis
