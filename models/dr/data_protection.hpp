#pragma once
// What protects each data component against the loss of its region, and the accounting of every
// write it holds. Every data component of every region gets an entry: its practice (its catalogue
// row's protection, as the scenario enables it) and a ledger of its writes that the practice's
// copies mark as arrived. Under a DR strategy the primary's Delta tables are deep-cloned into
// their replicas, its catalogue, metastore, lineage, registry and monitoring metadata exported,
// and its notebooks, repos, workspace files and feature definitions synced to Git, each on its
// schedule. A component with no practice keeps a ledger in which nothing ever arrives: all it
// holds is lost with its region.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/deployment.hpp"
#include "models/dr/managed_replication.hpp"
#include "models/dr/periodic_sync.hpp"
#include "models/dr/replica_ledger.hpp"
#include "models/dr/secondary_writes.hpp"
#include "models/dr/table_recovery.hpp"
#include "sim/event_log.hpp"

namespace lakesim::models {

struct ProtectedData {
  std::string component;  // catalogue id
  std::string name;       // the table's name for a Delta table, else the component's label
  std::string region;
  Practice practice = Practice::None;
  const ReplicaLedger* ledger = nullptr;  // null when nothing is written (or kept elsewhere)
  const PeriodicSync* sync = nullptr;     // the schedule, for periodic practices
  // A Delta table. Deep-cloned, `ledger` holds one entry per commit; otherwise a version is
  // recovered when its log entry and its data files were replicated (models/dr/table_recovery):
  // `log_ledger` and `data_ledger` are the replications of its log's and its data's buckets,
  // null when there is none.
  const DeltaTable* table = nullptr;
  const ReplicaLedger* log_ledger = nullptr;
  const ReplicaLedger* data_ledger = nullptr;
  // Under Databricks Managed DR: the failover group that protects the entry (empty: none), and
  // whether only its metadata is replicated (an external table: its data needs S3 replication).
  std::string failover_group = {};
  bool metadata_only = false;
};

// A Delta table's entry as the secondary could recover it at t (models/dr/table_recovery).
TableRecovery recovery_at(const ProtectedData& table, double t);
// What a loss of the entry's region at t would cost it: a table in versions, by the prefix rule;
// anything else in writes. The entry must hold a ledger or a table.
ReplicationLoss loss_at(const ProtectedData& entry, double t);
// Practices that keep a copy outside the region; the others lose what they hold.
bool protective(Practice practice);

class DataProtection {
 public:
  // Must be built before the simulation runs, so that every write is observed.
  DataProtection(Deployment& deployment, sim::EventLog& log);
  ~DataProtection();
  void start(double horizon);  // the sync actors

  const std::vector<ProtectedData>& entries() const { return entries_; }
  const std::vector<std::unique_ptr<PeriodicSync>>& syncs() const { return syncs_; }
  // What users write in the DR secondary while it serves them (models/dr/secondary_writes).
  const SecondaryWrites& secondary_writes() const { return *secondary_writes_; }
  // Databricks Managed DR's replication (models/dr/managed_replication); null under other strategies.
  ManagedReplication* managed() const { return managed_.get(); }

 private:
  ReplicaLedger& own_ledger();
  void protect_tables(const sim::DrSpec* dr);
  // Under Managed DR: the failover groups' managed tables, replicated commit by commit; returns
  // the tables it took, and names the group of every table a group lists.
  std::vector<const DeltaTable*> protect_managed_tables(const sim::DrSpec& dr,
                                                        std::map<std::string, std::string>& group_of);
  bool protect_managed_store(const RegionDeployment& rd, ComponentId id, MetadataStore* store, const sim::DrSpec* dr);
  void protect_stores(const RegionDeployment& rd, const sim::DrSpec* dr);
  void protect_datasets(const RegionDeployment& rd, const sim::DrSpec* dr);
  void protect_logs(const RegionDeployment& rd, const sim::DrSpec* dr);
  PeriodicSync& schedule(const std::string& name, const sim::PeriodicSyncSpec& spec, ReplicaLedger& ledger,
                         PeriodicSync::Copy copy);

  Deployment& deployment_;
  sim::EventLog& log_;
  std::vector<std::unique_ptr<ReplicaLedger>> ledgers_;
  std::vector<std::unique_ptr<PeriodicSync>> syncs_;
  std::vector<ProtectedData> entries_;
  std::unique_ptr<SecondaryWrites> secondary_writes_;
  std::unique_ptr<ManagedReplication> managed_;
};

}  // namespace lakesim::models
