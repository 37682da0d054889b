#pragma once
// The run report's "Business impact" section: per workload the failed requests and the time it
// was unavailable with their costs, the lost data with its cost, and the totals next to the
// infrastructure cost. Empty when the run has no `impact` (the scenario priced nothing).
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

std::string impact_section(const nlohmann::json& results);

}  // namespace lakesim::presentation::report
