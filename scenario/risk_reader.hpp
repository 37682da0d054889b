#pragma once
// Reads the `risk` section of a scenario (outage frequencies and durations), with located
// diagnostics, and gives the default risk model of a scenario without one.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// `scenario` already holds its faults and duration, which the section is checked against.
void read_risk(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

// The scenario's risk model: its `risk` section, else every region outage among its faults at the
// default frequency and duration (marked estimated). Empty when it has neither.
RiskSpec risk_model(const Scenario& scenario);

}  // namespace lakesim::sim
