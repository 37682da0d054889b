#pragma once
// What a region loss would cost in data, from the replication's write accounting: at the start
// of every region outage, per dataset, the writes the surviving region held and those it lacked
// (lost writes and bytes, observed RPO), with the check written == survived + lost; and what
// unreplicated datasets of the lost region held (at risk if the region never returns).
#include <vector>

#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/faults/fault_injector.hpp"

namespace lakesim::analysis {

nlohmann::json data_loss(const models::Deployment& deployment, const std::vector<models::OutageRecord>& outages);

}  // namespace lakesim::analysis
