#pragma once
// Reads a scenario's `workspaces` list, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

void read_workspaces(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
