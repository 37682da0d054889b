#pragma once
// Reads the `rpo_sampling` section of a scenario into a typed spec, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds its regions, duration and faults, which the section is checked against.
void read_rpo_sampling(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
