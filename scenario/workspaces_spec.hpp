#pragma once
// The typed form of a scenario's `workspaces`: several workspaces of one Databricks account.
// They share the account's identity (identity provider, users and groups) and, per region, one
// Unity Catalog metastore; each has its own workspace-scoped control-plane services and may
// tighten or loosen the account's access controls for itself.
#include <string>

#include "scenario/security_spec.hpp"

namespace lakesim::sim {

struct AccountWorkspaceSpec {
  std::string name;
  std::string region;
  // The scenario's `security` with this workspace's own ip_access_list, tokens and
  // cluster_policy where it gives them.
  SecuritySpec security;
};

}  // namespace lakesim::sim
