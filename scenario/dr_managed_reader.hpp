#pragma once
// Reads `dr.managed` (Databricks Managed Disaster Recovery) into the DR spec, with located
// diagnostics, and gives a managed strategy without failover groups its default group: the
// primary's workspaces and one catalog holding every table of the primary.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `r` is the `dr` object at `at`; `spec.strategy` and `spec.primary` are already read.
void read_managed(const nlohmann::json& r, const std::string& at, FieldReader& in, const Scenario& s, DrSpec& spec);

}  // namespace lakesim::sim
