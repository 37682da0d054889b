#include "models/storage/metadata_state.hpp"

#include <set>

#include "models/failure.hpp"

namespace lakesim::models {

namespace {
bool is_table(const sim::Scenario& s, const std::string& name, std::string* region) {
  for (const sim::TableSpec& t : s.tables)
    if (t.name == name) {
      *region = t.region;
      return true;
    }
  return false;
}
}  // namespace

std::vector<MetadataObject> metadata_state(const sim::Scenario& s, const std::string& region) {
  std::vector<MetadataObject> out;
  bool holds_tables = false;
  for (const sim::TableSpec& t : s.tables) {
    if (t.region != region) continue;
    holds_tables = true;
    out.push_back({ComponentId::Metastore, "table definition", t.name, kTableDefinitionBytes});
    out.push_back({ComponentId::UnityCatalog, "securable", t.name, kSecurableBytes});
  }
  // A grant lives in the metastore of the table it names; one on a name that is not a table
  // (a schema, a wildcard) in every region that holds tables.
  std::set<std::string> principals;
  for (const auto& [principal, grant] : s.security.grants) {
    bool here = false;
    for (const auto* list : {&grant.read, &grant.write})
      for (const std::string& name : *list) {
        std::string table_region;
        const bool table = is_table(s, name, &table_region);
        if ((table && table_region == region) || (!table && holds_tables)) {
          out.push_back({ComponentId::UnityCatalog, "grant", principal + " on " + name, kGrantBytes});
          here = true;
        }
      }
    if (here) principals.insert(principal);
  }
  for (const std::string& p : principals) out.push_back({ComponentId::UsersAndGroups, "principal", p, kPrincipalBytes});
  for (const sim::WorkloadSpec& w : s.workloads) {
    if (w.region != region) continue;
    switch (w.cls) {
      case sim::WorkloadClass::Notebook:
        out.push_back({ComponentId::NotebookSourceCode, "notebook", w.name, kNotebookBytes});
        break;
      case sim::WorkloadClass::Job:
      case sim::WorkloadClass::Streaming:
        for (int task = 0; task < std::max(1, w.tasks); ++task)
          out.push_back({ComponentId::WorkspaceFiles, "task file", w.name, kTaskFileBytes});
        out.push_back({ComponentId::ReposGitIntegration, "job definition", w.name, kJobDefinitionBytes});
        break;
      case sim::WorkloadClass::Training:
        out.push_back({ComponentId::FeatureStoreMetadata, "feature table", w.name, kFeatureTableBytes});
        out.push_back({ComponentId::ReposGitIntegration, "job definition", w.name, kJobDefinitionBytes});
        break;
      case sim::WorkloadClass::Sql: break;  // queries keep no state of their own
    }
  }
  return out;
}

void write_metadata_state(Deployment& deployment) {
  const sim::Scenario& s = deployment.scenario();
  sg4::Host* users = deployment.platform().external(sim::ExternalSystem::Clients);
  for (const sim::RegionSpec& r : s.regions) {
    const RegionDeployment& rd = deployment.region(r.name);
    std::vector<std::pair<MetadataStore*, double>> writes;
    for (const MetadataObject& o : metadata_state(s, r.name))
      if (auto it = rd.stores.find(o.store); it != rd.stores.end()) writes.emplace_back(it->second, o.bytes);
    if (writes.empty()) continue;
    sg4::Actor::create("metadata-state:" + r.name, users, [writes, users] {
      for (const auto& [store, bytes] : writes) {
        try {
          store->write(users, bytes);
        } catch (const RequestFailed&) {
          // Counted by the store; the object is not there.
        }
      }
    })->daemonize();
  }
}

}  // namespace lakesim::models
