#pragma once
// Reads the `resilience_policy` section of a scenario into a typed spec, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds its workloads, which per-workload targets name.
void read_resilience_policy(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
