#pragma once
// Reads the `security` and `workspace` sections of a scenario, with located diagnostics.
#include <nlohmann/json.hpp>

#include "sim/field_reader.hpp"
#include "sim/scenario.hpp"

namespace lakesim::sim {

void read_security(const nlohmann::json& root, FieldReader& in, Scenario& scenario);
void read_workspace(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
