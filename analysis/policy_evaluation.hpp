#pragma once
// Holds one run's results against the scenario's resilience policy: for every outage of a kind
// the policy sets targets for, the RTO and RPO the run measured next to the target, met or
// missed, with the margin (target minus measured; negative when missed) and what was on the
// critical path: the failover or zone-recovery step running when the target ran out, else the
// slowest service to answer again (the users' probes); the component or table with the worst RPO.
// The availability SLO is held against the share of requests that succeeded. Targets for a kind
// of disruption the run never caused are listed as not exercised. The input is results.json as
// written, so a batch of runs (compare, a risk estimate) can hold each of them against the policy.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace lakesim::analysis {

// The `policy` section of results.json; null when the scenario has no resilience_policy.
nlohmann::json evaluate_policy(const sim::Scenario& scenario, const nlohmann::json& results);

// Whether a run met every target of its policy: `policy` is the section above (true when null,
// as a run without a policy misses nothing).
bool policy_met(const nlohmann::json& policy);

// One line per missed target: scope, disruption, measure, outage, measured against target, and
// the step that broke it or the worst component.
std::vector<std::string> missed_targets(const nlohmann::json& policy);

// A few lines for the terminal: met or missed, and each missed target with what broke it.
std::string policy_text(const nlohmann::json& policy);

}  // namespace lakesim::analysis
