#include "models/service_defaults.hpp"

#include <map>
#include <string>

namespace lakesim::models {
namespace {

// Estimates: no published per-request figures exist for Databricks' internal services. Edge
// services (UI, APIs) do the most work per request; lookups in identity and grant stores are
// cheap; planning and cluster orchestration are the heaviest control-plane operations.
struct Figures {
  double service_time;
  int concurrency;
};
const std::map<std::string, Figures, std::less<>>& figures() {
  static const std::map<std::string, Figures, std::less<>> table = {
      {"workspace_ui", {0.020, 64}},
      {"workspace_apis", {0.015, 64}},
      {"users_and_groups", {0.002, 128}},
      {"authentication_sso", {0.010, 64}},
      {"permissions_rbac", {0.002, 128}},
      {"notebook_source_code", {0.005, 64}},
      {"notebook_outputs", {0.005, 64}},
      {"workspace_files", {0.005, 64}},
      {"repos_git_integration", {0.010, 32}},
      {"job_scheduler", {0.020, 32}},
      {"workflows", {0.010, 32}},
      {"sql_query_planner", {0.050, 32}},
      {"sql_warehouse_management", {0.005, 64}},
      {"unity_catalog", {0.005, 128}},
      {"metastore", {0.005, 128}},
      {"data_lineage", {0.005, 64}},
      {"cluster_management", {0.050, 32}},
      {"feature_store_metadata", {0.005, 64}},
      {"model_registry_metadata", {0.005, 64}},
      {"lakehouse_monitoring_metadata", {0.005, 64}},
      {"vector_search_metadata", {0.005, 64}},
      // Outside the catalogue: KMS answers in milliseconds with a high regional request quota;
      // the relay only forwards.
      {"customer_managed_key", {0.005, 1000}},
      {"scc_relay", {0.002, 256}},
      {"privatelink_endpoint", {0.0005, 1024}},  // an NLB hop: sub-millisecond, scales with connections
  };
  return table;
}

}  // namespace

ServiceConfig service_config(std::string_view component_id, const sim::Scenario& scenario) {
  ServiceConfig config;
  if (auto it = figures().find(component_id); it != figures().end()) {
    config.service_time = it->second.service_time;
    config.concurrency = it->second.concurrency;
  }
  for (const sim::ServiceOverride& o : scenario.services) {
    if (o.component != component_id) continue;
    if (o.service_time) config.service_time = *o.service_time;
    if (o.concurrency) config.concurrency = *o.concurrency;
    if (o.timeout) config.timeout = *o.timeout;
  }
  return config;
}

}  // namespace lakesim::models
