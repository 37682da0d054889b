#pragma once
// Throughput through an outage: per workload, the rate of completed requests over a trailing
// window, compared with its level just before the outage. The dip begins when the rate falls
// under 90% of that level; the time to full throughput runs from the outage's start until the
// rate is back at 90% or more (null when it never came back before the run ended).
#include <vector>

#include <nlohmann/json.hpp>

#include "models/faults/fault_injector.hpp"
#include "models/run_record.hpp"

namespace lakesim::analysis {

inline constexpr double kThroughputWindow = 900;  // seconds: 15 minutes, trailing
inline constexpr double kFullThroughput = 0.9;    // of the pre-outage level

nlohmann::json throughput_recovery(const models::RunRecord& record, const std::vector<models::OutageRecord>& outages,
                                   double horizon);

}  // namespace lakesim::analysis
