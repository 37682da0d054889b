#pragma once
// Reads the `impact` section of a scenario (business cost of failed requests, unavailability and
// lost data) into a typed spec, with located diagnostics.
#include <nlohmann/json.hpp>

#include "scenario/field_reader.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::sim {

// A cost rate as written in the section: "<amount> USD/<unit>", e.g. "0.40 USD/request",
// "12000 USD/h", "20 USD/GB", "500 USD/commit". `unit` is the part after the slash.
struct CostRate {
  double usd = 0;
  std::string unit;
};
Parsed<CostRate> parse_cost_rate(std::string_view text);

// `scenario` already holds its workloads and tables, whose names the section is checked against.
void read_impact(const nlohmann::json& root, FieldReader& in, Scenario& scenario);

}  // namespace lakesim::sim
