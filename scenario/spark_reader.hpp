#pragma once
// Reads a workload's `spark` section: how its stages split into tasks and how tasks run.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/spark_spec.hpp"

namespace lakesim::sim {

// `at` is the workload's JSON pointer; an absent section gives Spark's defaults.
SparkSpec read_spark(FieldReader& in, const nlohmann::json& workload, const std::string& at);

}  // namespace lakesim::sim
