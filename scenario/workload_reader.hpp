#pragma once
// Reads the `workloads`, `tables` and `prices` sections of a scenario (including the trace files
// that workloads replay) into typed specs, recording every problem as a located Diagnostic.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds regions and compute placements (for cross-references) and its
// `file` (trace paths are relative to the scenario's folder).
void read_workloads(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
