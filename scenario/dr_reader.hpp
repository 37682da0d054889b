#pragma once
// Reads the `dr` section of a scenario into a typed spec, with located diagnostics. Keys the file
// leaves out take the strategy's defaults (defaults::dr_defaults).
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds its regions, control plane, compute and workloads, which dr refers to.
void read_dr(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
