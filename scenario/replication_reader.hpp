#pragma once
// Reads the `replication` section of a scenario into a typed spec, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds its regions, which replication refers to.
void read_replication(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
