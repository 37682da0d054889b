#include "analysis/request_count.hpp"

#include "models/archetypes/service.hpp"

namespace lakesim::analysis {

RequestCount count_requests(const models::Deployment& deployment, const models::RunRecord& record) {
  RequestCount count;
  // One outcome per request that ended; those still running at the end are not counted.
  count.workload_requests = record.outcomes().size();
  for (const models::DeployedComponent* c : deployment.components()) {
    // A service (metadata stores are services) counts a call when it answers it; probes are not
    // counted. Log sinks count shipped batches, which are not calls.
    if (c->entry().plane != models::Plane::Control) continue;
    if (dynamic_cast<const models::Service*>(c)) count.control_plane_calls += c->served();
  }
  return count;
}

nlohmann::json request_count_json(const RequestCount& count) {
  return {{"total", count.total()},
          {"workload_requests", count.workload_requests},
          {"control_plane_calls", count.control_plane_calls}};
}

}  // namespace lakesim::analysis
