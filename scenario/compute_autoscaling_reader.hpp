#pragma once
// Reads a Spark compute entry's job autoscaling range (`min_instances`, `max_instances`), with
// located diagnostics: both or neither, 1 <= min <= max <= the placement's instances, and only on
// Spark placements (a SQL warehouse scales by clusters).
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `entry` is the compute entry at `at`, whose kind and instances are already in `compute`.
void read_job_autoscaling(FieldReader& in, const nlohmann::json& entry, const std::string& at, ComputeSpec& compute);

}  // namespace lakesim::sim
