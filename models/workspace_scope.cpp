#include "models/workspace_scope.hpp"

#include <algorithm>

namespace lakesim::models {

const std::vector<std::string_view>& workspace_scoped_ids() {
  static const std::vector<std::string_view> ids = {
      "workspace_ui",          "workspace_apis",         "permissions_rbac",         "notebook_source_code",
      "notebook_outputs",      "workspace_files",        "repos_git_integration",    "job_scheduler",
      "workflows",             "sql_query_planner",      "sql_warehouse_management", "cluster_management",
      "feature_store_metadata", "model_registry_metadata"};
  return ids;
}

bool workspace_scoped(std::string_view component_id) {
  const auto& ids = workspace_scoped_ids();
  return std::find(ids.begin(), ids.end(), component_id) != ids.end();
}

}  // namespace lakesim::models
