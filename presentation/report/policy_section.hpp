#pragma once
// The resilience policy in report.html: each target met or missed, with the margin and, for a
// missed one, the step that ran past it or the component that was slowest; the zone recoveries
// of a control plane with their steps.
#include <string>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

// Empty when the results hold neither a policy nor a zone recovery.
std::string policy_section_html(const nlohmann::json& results);

}  // namespace lakesim::presentation::report
