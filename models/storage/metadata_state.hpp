#pragma once
// The state a workspace keeps in its metadata stores, as its scenario defines it: a table
// definition in the metastore and a securable in Unity Catalog for every table, a Unity Catalog
// entry for every grant, a principal in Users & Groups for every grantee, a notebook for every
// notebook workload, the task files of every job in Workspace Files, the job definitions (as
// bundle files) in Repos, and a feature table definition for every training workload. It is
// written through the stores' own write calls when the deployment starts, so the write
// accounting, the metadata exports and the Git syncs see it like any other write (training runs
// add model versions, jobs add lineage, notebooks add results as they run).
#include <string>
#include <vector>

#include "models/deployment.hpp"

namespace lakesim::models {

// One object a store holds. Sizes are estimates (docs/dr.md, "Metadata state").
struct MetadataObject {
  ComponentId store;
  std::string kind;  // "table definition", "grant", ...
  std::string name;  // what it describes: the table, the principal, the workload
  double bytes = 0;
};

// Estimated sizes of one object, in bytes.
inline constexpr double kTableDefinitionBytes = 8e3;  // schema, properties and location of a table
inline constexpr double kSecurableBytes = 1e3;        // a table's Unity Catalog securable
inline constexpr double kGrantBytes = 500;            // one privilege of one principal on one object
inline constexpr double kPrincipalBytes = 1e3;        // a user or group with its attributes
inline constexpr double kNotebookBytes = 50e3;        // a notebook's source cells
inline constexpr double kTaskFileBytes = 20e3;        // a job task's source file
inline constexpr double kJobDefinitionBytes = 4e3;    // a job's settings as a bundle file
inline constexpr double kFeatureTableBytes = 2e3;     // a feature table's definition

// The objects `region`'s stores hold when the run starts, in write order (no engine needed).
std::vector<MetadataObject> metadata_state(const sim::Scenario& scenario, const std::string& region);

// Writes every region's state into its stores, from the users' side, one write after another
// (an actor per region with stores). A write the store refuses (its key revoked, its region
// down) counts as the store's failure and is not made.
void write_metadata_state(Deployment& deployment);

}  // namespace lakesim::models
