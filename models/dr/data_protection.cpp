#include "models/dr/data_protection.hpp"

#include <algorithm>

#include "models/failure.hpp"
#include "models/transfer.hpp"

namespace lakesim::models {

namespace {

// One copy of a sync's batch between two components' hosts; false when either end is down.
bool copy_between(const DeployedComponent& from, sg4::Host* to, double bytes, const std::string& what) {
  sg4::Host* source = from.first_live_host();
  if (!source || !to || !to->is_on()) return false;
  try {
    transfer(source, to, bytes, what);
  } catch (const RequestFailed&) {
    return false;
  }
  return true;
}

}  // namespace

TableRecovery recovery_at(const ProtectedData& e, double t) {
  // A deep clone and Managed DR both copy a version's log entry and files together, in order.
  const TableCopies copies = e.practice == Practice::DeepClone || e.practice == Practice::ManagedReplication
                                 ? TableCopies::deep_cloned(*e.table, *e.ledger)
                                 : TableCopies::replicated(*e.table, e.log_ledger, e.data_ledger);
  return copies.at(t);
}

ReplicationLoss loss_at(const ProtectedData& e, double t) {
  return e.table ? recovery_at(e, t).versions : e.ledger->loss_at(t);
}

bool protective(Practice p) {
  return p == Practice::S3Replication || p == Practice::DeepClone || p == Practice::MetadataExport ||
         p == Practice::GitSync || p == Practice::Siem || p == Practice::ManagedReplication;
}

DataProtection::DataProtection(Deployment& deployment, sim::EventLog& log)
    : deployment_(deployment), log_(log), secondary_writes_(std::make_unique<SecondaryWrites>(deployment)) {
  const sim::DrSpec* dr = deployment.dr();
  if (dr && dr->strategy == sim::DrStrategy::Managed) managed_ = std::make_unique<ManagedReplication>(deployment, *dr);
  protect_tables(dr);
  for (const sim::RegionSpec& r : deployment.scenario().regions) {
    const RegionDeployment& rd = deployment.region(r.name);
    protect_stores(rd, dr && dr->primary == r.name ? dr : nullptr);
    protect_datasets(rd, dr && dr->primary == r.name ? dr : nullptr);
    protect_logs(rd, dr && dr->primary == r.name ? dr : nullptr);
    if (rd.shuffle)
      entries_.push_back(
          {std::string(rd.shuffle->entry().id), rd.shuffle->label(), r.name, rd.shuffle->entry().protection});
  }
}

DataProtection::~DataProtection() = default;

ReplicaLedger& DataProtection::own_ledger() {
  ledgers_.push_back(std::make_unique<ReplicaLedger>());
  return *ledgers_.back();
}

PeriodicSync& DataProtection::schedule(const std::string& name, const sim::PeriodicSyncSpec& spec,
                                       ReplicaLedger& ledger, PeriodicSync::Copy copy) {
  syncs_.push_back(std::make_unique<PeriodicSync>(
      name, spec, ledger, deployment_.platform().external(sim::ExternalSystem::Clients), std::move(copy)));
  PeriodicSync& sync = *syncs_.back();
  sim::EventLog* log = &log_;
  sync.set_on_sync([log, name](double, double end, bool ok, std::uint64_t writes, double) {
    if (!ok) log->record(end, name, "", "dr_sync_failed", std::to_string(writes) + " writes wait for the next");
  });
  return sync;
}

// Delta tables: deep clone into the replica under a DR strategy; otherwise (and in other
// regions) a version is as safe as both its log's and its data's buckets, which data_loss reads
// from the commit records.
std::vector<const DeltaTable*> DataProtection::protect_managed_tables(const sim::DrSpec& dr,
                                                                      std::map<std::string, std::string>& group_of) {
  std::vector<const DeltaTable*> taken;
  ManagedReplication* managed = managed_.get();
  for (const sim::FailoverGroupSpec& group : dr.managed.groups)
    for (const sim::ManagedCatalogSpec& catalog : group.catalogs)
      for (const std::string& name : catalog.tables) {
        group_of[name] = group.name;
        DeltaTable& table = deployment_.table(name);
        if (table.data().entry().which == ComponentId::ExternalTables) continue;  // metadata only
        const std::size_t stream = managed->add(group.name, "managed_table", name);
        table.set_commit_observer(
            [managed, stream](double time, double bytes) { managed->record(stream, time, bytes); });
        ProtectedData entry{std::string(key(ComponentId::DeltaTableData)), name, table.data().region(),
                            Practice::ManagedReplication, &managed->streams()[stream]->ledger};
        entry.table = &table;
        entry.failover_group = group.name;
        entries_.push_back(entry);
        taken.push_back(&table);
      }
  return taken;
}

void DataProtection::protect_tables(const sim::DrSpec* dr) {
  std::vector<const DeltaTable*> cloned;
  std::map<std::string, std::string> group_of;
  if (managed_) cloned = protect_managed_tables(*dr, group_of);
  for (TableReplica& r : deployment_.table_replicas()) {
    if (!dr->deep_clone.enabled) continue;
    cloned.push_back(r.source);
    ReplicaLedger& ledger = own_ledger();
    r.source->set_commit_observer([&ledger](double time, double bytes) { ledger.record(time, bytes); });
    TableReplica* replica = &r;
    S3Service* from = &r.source->data().s3();
    S3Service* to = &r.replica->data().s3();
    PeriodicSync& sync =
        schedule("deep-clone:" + r.source->name(), dr->deep_clone, ledger, [replica, from, to](double bytes) {
          if (!from->available(S3Op::Read) || !to->available(S3Op::Write)) return false;
          try {
            transfer(from->endpoint(), to->endpoint(), bytes, "deep clone of " + replica->source->name());
          } catch (const RequestFailed&) {
            return false;
          }
          replica->bytes += bytes;
          return true;
        });
    entries_.push_back({std::string(key(ComponentId::DeltaTableData)), r.source->name(), r.source->data().region(),
                        Practice::DeepClone, &ledger, &sync, r.source});
  }
  for (const auto& table : deployment_.tables()) {
    if (std::find(cloned.begin(), cloned.end(), table.get()) != cloned.end()) continue;
    ProtectedData entry{std::string(key(ComponentId::DeltaTableData)), table->name(), table->data().region(),
                        Practice::None};
    entry.table = table.get();
    for (const auto& r : deployment_.replications()) {
      if (&r->source() == &table->log()) entry.log_ledger = &r->ledger();
      if (&r->source() == &table->data()) entry.data_ledger = &r->ledger();
    }
    // Replicating one of the two buckets recovers no version: the table is not protected then,
    // though its torn versions are still reported.
    if (entry.log_ledger && entry.data_ledger) entry.practice = Practice::S3Replication;
    if (const auto it = group_of.find(table->name()); it != group_of.end()) {
      entry.failover_group = it->second;
      entry.metadata_only = true;  // Managed DR replicates an external table's definition, not its files
    }
    entries_.push_back(entry);
  }
}

void DataProtection::protect_stores(const RegionDeployment& rd, const sim::DrSpec* dr) {
  for (const auto& [id, store] : rd.stores) {
    const Practice practice = store->entry().protection;
    ProtectedData entry{std::string(key(id)), store->label(), rd.region, Practice::None};
    if (practice == Practice::IdentityProvider) {
      entry.practice = practice;
      entries_.push_back(entry);
      continue;
    }
    if (protect_managed_store(rd, id, store, dr)) continue;
    ReplicaLedger& ledger = own_ledger();
    store->set_write_observer([&ledger](double time, double bytes) { ledger.record(time, bytes); });
    entry.ledger = &ledger;
    if (practice == Practice::Regenerate) entry.practice = practice;
    if (dr && practice == Practice::MetadataExport && dr->metadata_export.enabled) {
      MetadataStore* target = deployment_.region(dr->secondary).stores.at(id);
      const MetadataStore* source = store;
      entry.practice = Practice::MetadataExport;
      entry.sync =
          &schedule("metadata-export:" + store->label(), dr->metadata_export, ledger, [source, target](double b) {
            return copy_between(*source, target->first_live_host(), b, "metadata export of " + source->label());
          });
    } else if (dr && practice == Practice::GitSync && dr->git_sync.enabled) {
      sg4::Host* git = deployment_.platform().external(sim::ExternalSystem::Git);
      const MetadataStore* source = store;
      entry.practice = Practice::GitSync;
      entry.sync = &schedule("git-sync:" + store->label(), dr->git_sync, ledger, [source, git](double b) {
        return copy_between(*source, git, b, "Git push of " + source->label());
      });
    }
    entries_.push_back(entry);
  }
}

// Managed DR replicates the primary's Unity Catalog metadata, and the workspace assets of the
// groups that ask for them; the other stores keep the strategy's own mechanisms.
bool DataProtection::protect_managed_store(const RegionDeployment& rd, ComponentId id, MetadataStore* store,
                                           const sim::DrSpec* dr) {
  if (!managed_ || !dr || rd.region != dr->primary || dr->managed.groups.empty()) return false;
  std::string kind, group;
  if (id == ComponentId::UnityCatalog || id == ComponentId::Metastore) {
    kind = "uc_metadata";
    group = dr->managed.groups.front().name;  // one metastore per region, shared by the groups
  } else if (id == ComponentId::NotebookSourceCode || id == ComponentId::WorkspaceFiles) {
    for (const sim::FailoverGroupSpec& g : dr->managed.groups)
      if (g.workspace_assets && group.empty()) group = g.name;
    if (group.empty()) return false;
    kind = "workspace_assets";
  } else {
    return false;
  }
  ManagedReplication* managed = managed_.get();
  const std::size_t stream = managed->add(group, kind, store->label());
  store->set_write_observer([managed, stream](double time, double bytes) { managed->record(stream, time, bytes); });
  ProtectedData entry{std::string(key(id)), store->label(), rd.region, Practice::ManagedReplication,
                      &managed->streams()[stream]->ledger};
  entry.failover_group = group;
  entries_.push_back(entry);
  return true;
}

void DataProtection::protect_datasets(const RegionDeployment& rd, const sim::DrSpec* dr) {
  for (const auto& [id, dataset] : rd.datasets) {
    ProtectedData entry{std::string(key(id)), dataset->label(), rd.region, Practice::None};
    for (const auto& r : deployment_.replications())
      if (&r->source() == dataset) {
        entry.practice = Practice::S3Replication;
        entry.ledger = &r->ledger();
      }
    if (!entry.ledger) {
      ReplicaLedger& ledger = own_ledger();
      dataset->set_write_observer([&ledger](double time, double bytes) { ledger.record(time, bytes); });
      entry.ledger = &ledger;
      if (dr && dr->rebuild_vector_index && dataset->entry().protection == Practice::Rebuild)
        entry.practice = Practice::Rebuild;
    }
    entries_.push_back(entry);
  }
}

void DataProtection::protect_logs(const RegionDeployment& rd, const sim::DrSpec* dr) {
  const bool siem = !dr || dr->siem;
  for (LogSink* sink : {rd.audit_logs, rd.job_logs}) {
    if (!sink) continue;
    ReplicaLedger& ledger = own_ledger();
    // Without SIEM shipping the logs stay in the region's own logging bucket.
    sink->set_observers([&ledger](double time, double bytes) { ledger.record(time, bytes); },
                        [&ledger, siem](std::uint64_t shipped, double time) {
                          if (siem) ledger.arrive_through(shipped, time);
                        });
    const Practice practice = siem ? sink->entry().protection : Practice::None;
    entries_.push_back({std::string(sink->entry().id), sink->label(), rd.region, practice, &ledger});
  }
}

void DataProtection::start(double horizon) {
  for (const auto& sync : syncs_) sync->start(horizon);
  if (managed_) managed_->start(horizon);
  secondary_writes_->start();
}

}  // namespace lakesim::models
