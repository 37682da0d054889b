#pragma once
// Which control-plane rows of the catalogue each workspace of an account has for itself. The
// account's identity (Users & Groups, Authentication / SSO) is shared by every workspace; the
// Unity Catalog metastore and what hangs off it (Unity Catalog, Metastore, Data Lineage,
// Lakehouse Monitoring and Vector Search metadata) and Audit Logs delivery are shared by the
// workspaces of one region; everything a user opens in a workspace (its UI and APIs, workspace
// ACLs, notebooks, files, repos, jobs, SQL warehouse management, clusters, its feature store and
// model registry) is the workspace's own.
#include <string_view>
#include <vector>

namespace lakesim::models {

const std::vector<std::string_view>& workspace_scoped_ids();
bool workspace_scoped(std::string_view component_id);

}  // namespace lakesim::models
