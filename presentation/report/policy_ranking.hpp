#pragma once
// `lakesim compare` with a resilience policy: the designs ranked by compliance, then cost. A
// design ranks higher when more of its replications met every target, then when its runs missed
// fewer targets on average, then when it cost less; each design's missed targets (from its first
// run that missed) say which target and which step or component broke it.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace lakesim::presentation::report {

// `designs`: each design's label and the results of its replications. Null when no run holds a
// policy section.
nlohmann::json policy_ranking(const std::vector<std::pair<std::string, std::vector<const nlohmann::json*>>>& designs);

std::string policy_ranking_text(const nlohmann::json& ranking);
std::string policy_ranking_html(const nlohmann::json& ranking);

}  // namespace lakesim::presentation::report
