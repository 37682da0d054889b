#pragma once
// Completions and failures of every workload per time bin (a minute, or wider for long runs so
// that a run never has more than kMaxThroughputBins bins): the data behind the report's
// throughput-over-time chart, as results.json → "throughput_series".
#include <nlohmann/json.hpp>

#include "models/run_record.hpp"

namespace lakesim::analysis {

inline constexpr double kMaxThroughputBins = 2000;

// Bin width in seconds for a run of `duration` seconds: 60 s, or whole minutes above that.
double throughput_bin_seconds(double duration);

nlohmann::json throughput_series(const models::RunRecord& record, double duration);

}  // namespace lakesim::analysis
