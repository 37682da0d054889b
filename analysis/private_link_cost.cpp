#include "analysis/private_link_cost.hpp"

namespace lakesim::analysis {

void add_private_link_cost(const models::Deployment& deployment, nlohmann::json& cost) {
  double bytes = 0;
  for (const auto& [region, b] : deployment.privatelink_bytes()) bytes += b;
  const double usd = bytes / 1e9 * deployment.scenario().prices.privatelink_per_gb;
  cost["privatelink"] = {{"bytes", bytes}, {"usd", usd}};
  if (cost.contains("total_usd")) cost["total_usd"] = cost["total_usd"].get<double>() + usd;
}

}  // namespace lakesim::analysis
