#pragma once
// The metadata import of a restore: what the primary's metadata exports and Git syncs hold when
// the failover reaches it (every write whose copy had arrived) is imported into the secondary's
// stores, one object at a time, as the IaC run creates objects: `iac_parallelism` calls at a
// time, each waiting for a slot of the secondary's API rate limit (`iac_api_rate`), then a call to
// its Workspace APIs, the object's bytes fetched from where the copy lies (the export's files in
// the secondary, the Git provider) and written into the secondary's store, and the create call's
// own time (`iac_call_latency`). Its length grows with the objects and bytes the copies hold; a
// call the secondary's control plane refuses is tried again after a pause.
#include <cstdint>
#include <map>
#include <string>

#include "models/deployment.hpp"
#include "models/dr/data_protection.hpp"
#include "models/dr/workspace_api_calls.hpp"

namespace lakesim::models {

struct MetadataImportOutcome {
  std::uint64_t objects = 0;                    // imported
  double bytes = 0;                             // their size
  std::map<std::string, std::uint64_t> stores;  // objects by store (catalogue id)
  std::uint64_t failed_calls = 0;               // refused and retried
  double seconds = 0;
  bool finished = false;  // false: the run ended first
};

class MetadataImport {
 public:
  MetadataImport(Deployment& deployment, const sim::DrSpec& spec, const DataProtection& protection);
  // Blocks the calling actor until every object is imported or `horizon`.
  MetadataImportOutcome run(double horizon);

 private:
  struct Item {
    sg4::Host* source;      // where the copy lies
    MetadataStore* target;  // the secondary's store
    double bytes;
  };
  bool import(const Item& item, double horizon, MetadataImportOutcome& out);

  Deployment& deployment_;
  const sim::DrSpec& spec_;
  const DataProtection& protection_;
  WorkspaceApiCalls api_;
};

}  // namespace lakesim::models
