#pragma once
// RPO as a distribution over outage instants. A loss of a region at t costs what the copies of its
// data lacked at t, which depends only on the run's history before t: the writes before t and the
// copies that had arrived by t. One run without a fault of that region therefore answers, for
// every instant t of its `rpo_sampling` window, what a run whose region outage began at t would
// report at its start (tests/validation/test_rpo_distribution.cpp compares the two). Per protected
// component (per table for Delta tables) of the region: the RPO at each instant and its p50, p95,
// mean and max; and the same for the worst protected RPO at each instant.
#include <nlohmann/json.hpp>

#include "models/dr/data_protection.hpp"
#include "scenario/rpo_sampling_spec.hpp"

namespace lakesim::analysis {

nlohmann::json rpo_distribution(const models::DataProtection& protection, const sim::RpoSamplingSpec& spec);

// The q-quantile of `values` (0 <= q <= 1): the sorted value at index floor(q (n - 1)); 0 when empty.
double quantile(std::vector<double> values, double q);

}  // namespace lakesim::analysis
