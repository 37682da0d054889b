#pragma once
// The DR section of results.json: the strategy and its parameters, then every failover with its
// steps and the RTO explained as the sum of them (detection, decision, infrastructure, compute
// start, catch-up, redirection), next to the RTO the users' probes observed.
#include <vector>

#include <nlohmann/json.hpp>

#include "models/dr/failover.hpp"
#include "models/faults/fault_injector.hpp"
#include "models/measurement/service_probes.hpp"

namespace lakesim::analysis {

// `failover` null: the scenario has no DR strategy.
nlohmann::json failover_report(const models::Failover* failover, const models::ServiceProbes& probes,
                               const std::vector<models::OutageRecord>& outages);

// One line per failover for the terminal summary.
std::string failover_text(const nlohmann::json& dr);

}  // namespace lakesim::analysis
