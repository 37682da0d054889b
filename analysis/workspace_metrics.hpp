#pragma once
// The `workspaces` section of results.json: per workspace of the account, the requests its
// workloads made, completed and lost by cause. Workloads of a region without listed workspaces
// belong to that region's implicit workspace (named after the region).
#include <nlohmann/json.hpp>

#include "models/run_record.hpp"
#include "scenario/scenario.hpp"

namespace lakesim::analysis {

nlohmann::json workspace_metrics(const sim::Scenario& scenario, const models::RunRecord& record);

}  // namespace lakesim::analysis
