#pragma once
// The typed form of `dr.managed`: Databricks Managed Disaster Recovery. Failover groups name what
// the platform replicates to the secondary (workspaces and their assets, Unity Catalog catalogs
// and the tables in them); the replication runs continuously with a lag, and a failover is either
// planned (it waits for the replication to catch up) or forced (it promotes the secondary at once).
#include <string>
#include <vector>

namespace lakesim::sim {

enum class ManagedFailover { Forced, Planned };

// A Unity Catalog catalog of the primary and the tables it holds. A table whose files live in
// `external_tables` is external: its definition is replicated, not its data.
struct ManagedCatalogSpec {
  std::string name;
  std::vector<std::string> tables;
};

struct FailoverGroupSpec {
  std::string name;
  std::vector<std::string> workspaces;  // listed workspaces of the primary; empty: the region's own
  bool workspace_assets = true;         // notebooks, files, jobs, clusters, warehouses, ACLs
  std::vector<ManagedCatalogSpec> catalogs;
};

struct ManagedDrSpec {
  ManagedFailover failover = ManagedFailover::Forced;
  // A fixed replication lag in seconds (a configured input): every write reaches the secondary
  // this long after it was made. Negative: simulated, a replication cycle every `cycle` seconds
  // that copies what was written since the last one across the inter-region network.
  double lag = -1;
  double cycle = 30;
  std::vector<FailoverGroupSpec> groups;
};

const char* to_string(ManagedFailover f);

}  // namespace lakesim::sim
