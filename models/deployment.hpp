#pragma once
// Every catalogue component deployed as its archetype, in every region the scenario places it:
// control-plane services and metadata stores on the region's control-plane hosts, compute pools
// and SQL warehouses on the compute placements, datasets and Delta tables on the region's S3,
// shuffle scratch on the Spark instances' disks, log sinks shipping to the SIEM.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/archetypes/compute_pool.hpp"
#include "models/archetypes/dataset.hpp"
#include "models/archetypes/log_sink.hpp"
#include "models/archetypes/metadata_store.hpp"
#include "models/archetypes/scratch.hpp"
#include "models/archetypes/service.hpp"
#include "models/archetypes/sql_warehouse.hpp"
#include "models/dr/dns_record.hpp"
#include "models/dr/routing.hpp"
#include "models/dr/s3_replication.hpp"
#include "models/security/access_control.hpp"
#include "models/security/data_access.hpp"
#include "models/security/key_service.hpp"
#include "models/storage/delta_table.hpp"
#include "models/storage/s3_service.hpp"
#include "scenario/catalog.hpp"
#include "scenario/scenario.hpp"
#include "sim/platform.hpp"

namespace lakesim::models {

// What one region runs. Absent parts are null / empty (a region without a control plane has no
// services; one without Spark placements has no shuffle scratch).
struct RegionDeployment {
  std::string region;
  S3Service* s3 = nullptr;
  std::map<ComponentId, Service*, ByKey> services;  // metadata stores included
  std::map<ComponentId, MetadataStore*, ByKey> stores;
  std::map<ComponentId, Dataset*, ByKey> datasets;
  LogSink* audit_logs = nullptr;
  LogSink* job_logs = nullptr;
  Scratch* shuffle = nullptr;
  std::map<std::string, ComputePool*> spark_pools;  // by placement name
  std::map<std::string, SqlWarehouse*> warehouses;  // by placement name
  Service* relay = nullptr;                         // secure cluster connectivity, when classic compute uses it
  Service* private_link = nullptr;                  // back-end PrivateLink endpoint, when classic compute uses it
  KeyService* key = nullptr;                        // the customer-managed key, when the scenario uses one
};

// A primary table's copy in the DR secondary: its users write it after a failover, deep clone
// keeps it up to date before.
struct TableReplica {
  DeltaTable* source = nullptr;
  DeltaTable* replica = nullptr;
  double bytes = 0;  // data it holds: the source's size at the start, plus what deep clone copied
};

class Deployment {
 public:
  Deployment(const sim::Scenario& scenario, sim::Platform& platform);
  ~Deployment();

  // Starts the background actors (log shipping, warehouse autoscalers, Git sync of repos).
  void start();

  const RegionDeployment& region(const std::string& name) const;
  // The region whose control plane serves requests entering through `region`: itself when it has
  // one, else the first control-plane region of the scenario.
  const RegionDeployment& control_plane_for(const std::string& region) const;
  // The control plane as the workspace a workload enters sees it: the region's shared services
  // with the workspace's own workspace-scoped ones (Scope::Workspace in the catalogue).
  const RegionDeployment& control_plane_for(const sim::WorkloadSpec& spec) const;
  Service& service(const std::string& region, ComponentId id) const;
  MetadataStore& store(const std::string& region, ComponentId id) const;
  Dataset& dataset(const std::string& region, ComponentId id) const;
  ComputePool& spark_pool(const std::string& placement) const;
  SqlWarehouse& warehouse(const std::string& placement) const;
  DeltaTable& table(const std::string& name) const;

  // Every deployed component, in a fixed order (by region, then in the order they were built).
  std::vector<const DeployedComponent*> components() const;
  std::vector<DeployedComponent*> components();
  const std::vector<std::unique_ptr<S3Service>>& s3_services() const { return s3_; }
  const std::vector<std::unique_ptr<DeltaTable>>& tables() const { return tables_; }
  // S3 cross-region replication of the scenario's replicated datasets (empty without it).
  const std::vector<std::unique_ptr<S3Replication>>& replications() const { return replications_; }
  // The copies of the DR primary's tables in the secondary (none without a DR strategy).
  std::vector<TableReplica>& table_replicas() { return table_replicas_; }
  const std::vector<TableReplica>& table_replicas() const { return table_replicas_; }
  // The access controls of the workspace a workload enters (the account's for implicit ones).
  AccessControl& access(const sim::WorkloadSpec& spec);
  // Every workspace's access controls: the account's ("" name) first, then each listed one.
  std::vector<std::pair<std::string, const AccessControl*>> access_controls() const;
  // S3 data access (instance profile, credential passthrough or Unity Catalog grants).
  DataAccessControl& data_access() { return data_access_; }
  const DataAccessControl& data_access() const { return data_access_; }
  // The workspace-scoped components of a listed workspace (what a workspace outage stops).
  const std::vector<DeployedComponent*>& workspace_components(const std::string& workspace) const;
  // Bytes classic compute exchanged with the control plane through back-end PrivateLink, per region.
  const std::map<std::string, double>& privatelink_bytes() const { return privatelink_bytes_; }
  void count_privatelink(const std::string& region, double bytes) { privatelink_bytes_[region] += bytes; }
  // Bytes classic compute moved to and from S3 through a NAT gateway, per region (workspace
  // s3_path nat_gateway; a gateway endpoint carries them for free).
  const std::map<std::string, double>& nat_bytes() const { return nat_bytes_; }
  // Whether `pool` is classic compute (customer VPC) rather than serverless.
  bool classic(const ComputePool& pool) const;
  // Where each region's users are served now (moved by a DR failover).
  Routing& routing() { return *routing_; }
  const Routing& routing() const { return *routing_; }
  // The DNS record users resolve the primary's workspace with; null without a DR strategy.
  DnsRecord* dns() { return dns_.get(); }
  const DnsRecord* dns() const { return dns_.get(); }
  // The scenario's DR section when it names a strategy other than none, else null.
  const sim::DrSpec* dr() const;
  const sim::Platform& platform() const { return platform_; }
  const sim::Scenario& scenario() const { return scenario_; }

 private:
  void deploy_workspaces();
  void protect_with_customer_keys();
  void route_classic_s3_through_nat();

  const sim::Scenario& scenario_;
  sim::Platform& platform_;
  std::vector<std::unique_ptr<DeployedComponent>> components_;
  std::vector<std::unique_ptr<S3Service>> s3_;
  std::vector<std::unique_ptr<DeltaTable>> tables_;
  std::vector<std::unique_ptr<S3Replication>> replications_;
  std::vector<TableReplica> table_replicas_;
  std::unique_ptr<Routing> routing_;
  std::unique_ptr<DnsRecord> dns_;
  AccessControl access_;
  DataAccessControl data_access_;
  std::map<std::string, std::unique_ptr<AccessControl>> workspace_access_;
  std::map<std::string, RegionDeployment> workspace_views_;  // by listed workspace
  std::map<std::string, std::vector<DeployedComponent*>> workspace_components_;
  std::map<std::string, double> nat_bytes_;
  std::map<std::string, double> privatelink_bytes_;
  std::map<std::string, RegionDeployment> regions_;
  std::vector<std::string> region_order_;
};

}  // namespace lakesim::models
