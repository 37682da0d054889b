#pragma once
// What back-end PrivateLink costs: the bytes classic compute exchanged with the control plane
// through the region's interface endpoint, at `prices.privatelink_per_gb`. Added to the run's
// `cost` next to the NAT gateway, and to its total.
#include <nlohmann/json.hpp>

#include "models/deployment.hpp"

namespace lakesim::analysis {

void add_private_link_cost(const models::Deployment& deployment, nlohmann::json& cost);

}  // namespace lakesim::analysis
