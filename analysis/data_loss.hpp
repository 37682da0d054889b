#pragma once
// What a region loss would cost in data, from the write accounting of every data component: at
// the start of every region outage, for each data component of the region, its protection
// practice and the writes the survivors held and those they lacked (lost writes and bytes,
// observed RPO, writes that came back when the region did), with the check
// written == survived + lost. Delta tables are counted in versions, recovered as Delta recovers
// them: the longest prefix of versions whose log entry and data files both reached the secondary,
// with the torn versions and the usable checkpoints (models/dr/table_recovery). Also the worst RPO of the
// protected components, the writes lost by unprotected ones, and what unprotected datasets held
// from the start (at risk if the region never returns).
#include <vector>

#include <nlohmann/json.hpp>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/faults/fault_injector.hpp"

namespace lakesim::analysis {

nlohmann::json data_loss(const models::Deployment& deployment, const models::DataProtection& protection,
                         const std::vector<models::OutageRecord>& outages);

}  // namespace lakesim::analysis
