#pragma once
// Reads a scenario's `workspaces` list, with located diagnostics.
#include <nlohmann/json.hpp>

#include "sim/field_reader.hpp"
#include "sim/scenario.hpp"

namespace lakesim::sim {

void read_workspaces(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
