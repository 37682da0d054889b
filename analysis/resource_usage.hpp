#pragma once
// Utilisation of the modelled hardware, aggregated by region and role (hosts), by kind (links)
// and by placement (disks): hosts from the work their completed executions did, links from the
// bytes completed transfers carried over them (sim/network_transfers), disks from the shuffle
// scratch's own accounting; and the cost.
#include <nlohmann/json.hpp>

#include "models/deployment.hpp"

namespace lakesim::analysis {

nlohmann::json resource_usage(const models::Deployment& deployment, double duration);
// Instance hours by type, S3 requests and cross-region bytes priced with the scenario's prices.
nlohmann::json cost(const models::Deployment& deployment, double duration);

}  // namespace lakesim::analysis
