#pragma once
// Reads the `faults` section of a scenario into typed specs, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds regions and compute placements, which faults refer to.
void read_faults(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
