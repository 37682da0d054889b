#include "models/deployment.hpp"

#include "models/transfer.hpp"

#include <memory>
#include <set>
#include <stdexcept>

#include "scenario/catalog.hpp"

namespace lakesim::models {

namespace {
// A service's behaviour: its catalogue figures, with the scenario's overrides applied.
ServiceConfig service_config(const Component& c, const sim::Scenario& scenario) {
  ServiceConfig config;
  if (c.service) {
    config.service_time = c.service->service_time;
    config.concurrency = c.service->concurrency;
  }
  for (const sim::ServiceOverride& o : scenario.services) {
    if (o.component != c.which) continue;
    if (o.service_time) config.service_time = *o.service_time;
    if (o.concurrency) config.concurrency = *o.concurrency;
    if (o.timeout) config.timeout = *o.timeout;
  }
  return config;
}
std::vector<sg4::Host*> hosts_of(const std::vector<const sim::HostInfo*>& infos) {
  std::vector<sg4::Host*> out;
  for (const sim::HostInfo* i : infos) out.push_back(i->host);
  return out;
}
}  // namespace

Deployment::Deployment(const sim::Scenario& scenario, sim::Platform& platform)
    : scenario_(scenario),
      platform_(platform),
      access_(scenario.security, scenario.workspace),
      data_access_(scenario.security) {
  bool any_classic = false;
  for (const sim::ComputeSpec& c : scenario.compute) any_classic = any_classic || c.plane == sim::ComputePlane::Classic;
  const bool cmk = scenario.security.cmk_managed_services || scenario.security.cmk_workspace_storage;
  for (const sim::RegionSpec& r : scenario.regions) {
    RegionDeployment& rd = regions_[r.name];
    rd.region = r.name;
    region_order_.push_back(r.name);
    s3_.push_back(std::make_unique<S3Service>(r.name, r.s3, platform.s3_endpoint(r.name)));
    s3_.back()->set_ports(&platform.s3_ports(r.name));
    rd.s3 = s3_.back().get();

    // Control plane: services and metadata stores on the region's control-plane hosts.
    const std::vector<sg4::Host*> cp_hosts = hosts_of(platform.control_plane(r.name));
    if (!cp_hosts.empty()) {
      for (const Component& c : catalog()) {
        if (c.plane != Plane::Control) continue;
        if (c.archetype == Archetype::Service) {
          components_.push_back(std::make_unique<Service>(c, r.name, cp_hosts, service_config(c, scenario)));
          rd.services[c.which] = static_cast<Service*>(components_.back().get());
        } else if (c.archetype == Archetype::MetadataStore) {
          auto store = std::make_unique<MetadataStore>(c, r.name, cp_hosts, service_config(c, scenario));
          rd.stores[c.which] = store.get();
          rd.services[c.which] = store.get();
          components_.push_back(std::move(store));
        } else if (c.archetype == Archetype::LogSink) {
          components_.push_back(std::make_unique<LogSink>(
              c, r.name, cp_hosts.front(), platform.external(sim::ExternalSystem::Siem), LogSinkConfig{}));
          rd.audit_logs = static_cast<LogSink*>(components_.back().get());
        }
      }
      // Classic compute without public IPs reaches this control plane through its relay.
      if (any_classic && scenario.workspace.secure_cluster_connectivity) {
        const Component& relay = component(ComponentId::SccRelay);
        components_.push_back(std::make_unique<Service>(relay, r.name, cp_hosts, service_config(relay, scenario)));
        rd.relay = static_cast<Service*>(components_.back().get());
      }
      // Back-end PrivateLink: the VPC's interface endpoint to the control plane's endpoint service.
      if (any_classic && scenario.workspace.private_link.back_end) {
        const Component& endpoint = component(ComponentId::PrivatelinkEndpoint);
        components_.push_back(
            std::make_unique<Service>(endpoint, r.name, cp_hosts, service_config(endpoint, scenario)));
        rd.private_link = static_cast<Service*>(components_.back().get());
      }
    }
    // The customer's key lives in the region's KMS, an AWS regional service like S3.
    if (cmk) {
      const ServiceConfig kms = service_config(component(ComponentId::CustomerManagedKey), scenario);
      components_.push_back(std::make_unique<KeyService>(r.name, platform.s3_endpoint(r.name), kms));
      rd.key = static_cast<KeyService*>(components_.back().get());
    }

    // Data plane: compute placements of the region.
    std::vector<sg4::Host*> spark_hosts;
    for (const sim::ComputeSpec& cs : scenario.compute) {
      if (cs.region != r.name) continue;
      const std::vector<sg4::Host*> instances = hosts_of(platform.compute(cs.name));
      if (cs.kind == sim::ComputeKind::ServerlessSpark) {
        ComputePoolConfig config;
        config.start_delay = cs.start_delay;
        config.warm_instances = cs.warm_instances;
        config.warm_start_delay = cs.warm_start_delay;
        config.min_instances = cs.min_instances;
        config.max_instances = cs.max_instances;
        const Component& kind = component(cs.plane == sim::ComputePlane::Classic ? ComponentId::ClassicCompute
                                                                                 : ComponentId::ServerlessSparkCompute);
        components_.push_back(std::make_unique<ComputePool>(kind, r.name, cs.name, instances, config));
        rd.spark_pools[cs.name] = static_cast<ComputePool*>(components_.back().get());
        spark_hosts.insert(spark_hosts.end(), instances.begin(), instances.end());
      } else {
        const Component& kind = component(ComponentId::SqlWarehouseCompute);
        components_.push_back(
            std::make_unique<SqlWarehouse>(kind, r.name, cs.name, instances, sql_warehouse_config(cs)));
        rd.warehouses[cs.name] = static_cast<SqlWarehouse*>(components_.back().get());
      }
    }

    // Data plane: every dataset on the region's S3, one prefix each; job logs land in S3 and
    // are shipped from there to the SIEM; shuffle lives on the Spark instances' disks.
    for (const Component& c : catalog()) {
      if (c.plane != Plane::Data) continue;
      if (c.archetype == Archetype::Dataset) {
        components_.push_back(std::make_unique<Dataset>(c, r.name, *rd.s3, std::string(c.id) + "/"));
        rd.datasets[c.which] = static_cast<Dataset*>(components_.back().get());
      } else if (c.archetype == Archetype::LogSink) {
        components_.push_back(std::make_unique<LogSink>(c, r.name, platform.s3_endpoint(r.name),
                                                        platform.external(sim::ExternalSystem::Siem), LogSinkConfig{}));
        rd.job_logs = static_cast<LogSink*>(components_.back().get());
      } else if (c.archetype == Archetype::Scratch && !spark_hosts.empty()) {
        components_.push_back(std::make_unique<Scratch>(c, r.name, spark_hosts, platform));
        rd.shuffle = static_cast<Scratch*>(components_.back().get());
      }
    }
  }

  deploy_workspaces();
  if (cmk) protect_with_customer_keys();
  if (any_classic && scenario.workspace.s3_path == sim::S3Path::NatGateway) route_classic_s3_through_nat();

  for (const sim::TableSpec& t : scenario.tables) {
    const RegionDeployment& rd = region(t.region);
    Dataset& data = *rd.datasets.at(t.dataset);
    data.seed(t.size, t.files);
    tables_.push_back(std::make_unique<DeltaTable>(t.name, data, *rd.datasets.at(ComponentId::DeltaTransactionLogs)));
  }

  // Under a DR strategy every table of the primary has a replica in the secondary, on the same
  // dataset there, holding the table's contents at the start.
  if (const sim::DrSpec* dr = this->dr()) {
    for (const sim::TableSpec& t : scenario.tables) {
      if (t.region != dr->primary) continue;
      const RegionDeployment& rd = region(dr->secondary);
      Dataset& data = *rd.datasets.at(t.dataset);
      data.seed(t.size, t.files);
      DeltaTable* source = &table(t.name);
      tables_.push_back(std::make_unique<DeltaTable>(Routing::replica_table(t.name, dr->secondary), data,
                                                     *rd.datasets.at(ComponentId::DeltaTransactionLogs)));
      table_replicas_.push_back({source, tables_.back().get(), t.size});
    }
  }
  routing_ = std::make_unique<Routing>(scenario, dr());
  if (const sim::DrSpec* dr = this->dr()) dns_ = std::make_unique<DnsRecord>(dr->primary);

  // Replication copies each listed dataset's writes in `from` to the same dataset in `to`.
  if (scenario.replication && scenario.replication->enabled) {
    const sim::ReplicationSpec& r = *scenario.replication;
    const ReplicationLag lag = r.lag ? ReplicationLag::from(*r.lag) : ReplicationLag::standard(r.rtc);
    for (const ComponentId id : r.datasets) {
      const auto own = r.lag_by_dataset.find(id);
      replications_.push_back(std::make_unique<S3Replication>(
          dataset(r.from, id), dataset(r.to, id),
          own != r.lag_by_dataset.end() ? ReplicationLag::from(own->second) : lag, scenario.seed,
          platform.external(sim::ExternalSystem::Clients), r.throughput));
      S3Replication* replication = replications_.back().get();
      dataset(r.from, id).set_write_observer([replication](double time, double bytes) {
        replication->record(time, bytes);
      });
    }
  }
}

Deployment::~Deployment() = default;

namespace {
constexpr double kGitSyncInterval = 900;  // Repos pull their branches every 15 minutes
constexpr double kGitSyncBytes = 1e6;

// Repos follow their Git branches: fetch from the Git provider, record the new revision.
void start_git_sync(MetadataStore& repos, sg4::Host* git) {
  sg4::ActorPtr sync = sg4::Actor::create("git-sync:" + repos.label(), repos.hosts().front(), [&repos, git] {
    while (true) {
      sg4::this_actor::sleep_for(kGitSyncInterval);
      try {
        transfer(git, repos.hosts().front(), kGitSyncBytes, repos.label());
        repos.write(repos.hosts().front(), kGitSyncBytes);
      } catch (const RequestFailed& failure) {
        repos.count_failure(failure.cause());
      }
    }
  });
  sync->daemonize();
  sync->set_auto_restart(true);  // comes back with its host after an outage
}
}  // namespace

void Deployment::start() {
  for (const std::string& name : region_order_) {
    RegionDeployment& rd = regions_.at(name);
    if (auto it = rd.stores.find(ComponentId::ReposGitIntegration); it != rd.stores.end())
      start_git_sync(*it->second, platform_.external(sim::ExternalSystem::Git));
    // Each further workspace of the region syncs its own repos.
    for (const sim::AccountWorkspaceSpec& ws : scenario_.workspaces) {
      if (ws.region != name) continue;
      MetadataStore* repos = workspace_views_.at(ws.name).stores.at(ComponentId::ReposGitIntegration);
      if (repos != rd.stores.at(ComponentId::ReposGitIntegration))
        start_git_sync(*repos, platform_.external(sim::ExternalSystem::Git));
    }
    if (rd.audit_logs) rd.audit_logs->start();
    if (rd.job_logs) rd.job_logs->start();
    for (auto& [_, w] : rd.warehouses) w->start();
  }
  for (const auto& replication : replications_) replication->start();
}

// Listed workspaces: the first of a region is served by the components the region was built with;
// every further one gets its own copy of each workspace-scoped component on the region's
// control-plane hosts, and shares the rest (identity, the Unity Catalog metastore, audit logs).
void Deployment::deploy_workspaces() {
  std::set<std::string> served;  // regions whose first workspace is placed
  for (const sim::AccountWorkspaceSpec& ws : scenario_.workspaces) {
    RegionDeployment& base = regions_.at(ws.region);
    RegionDeployment view = base;
    std::vector<DeployedComponent*>& own = workspace_components_[ws.name];
    const bool first = served.insert(ws.region).second;
    for (const Component& c : catalog()) {
      const ComponentId id = c.which;
      if (c.plane != Plane::Control || c.scope != Scope::Workspace || !base.services.count(id)) continue;
      if (first) {
        base.services.at(id)->set_workspace(ws.name);
        own.push_back(base.services.at(id));
        continue;
      }
      const std::vector<sg4::Host*>& hosts = base.services.at(id)->hosts();
      if (c.archetype == Archetype::MetadataStore) {
        auto store = std::make_unique<MetadataStore>(c, ws.region, hosts, service_config(c, scenario_));
        view.stores[id] = store.get();
        view.services[id] = store.get();
        components_.push_back(std::move(store));
      } else {
        components_.push_back(std::make_unique<Service>(c, ws.region, hosts, service_config(c, scenario_)));
        view.services[id] = static_cast<Service*>(components_.back().get());
      }
      components_.back()->set_workspace(ws.name);
      own.push_back(components_.back().get());
    }
    workspace_views_.emplace(ws.name, view);
    workspace_access_.emplace(ws.name, std::make_unique<AccessControl>(ws.security, scenario_.workspace));
  }
}

// Customer-managed keys: managed services (notebooks, workspace files, repos, notebook results
// in the control plane) are decrypted by the control plane, workspace storage (DBFS root,
// managed tables, Unity Catalog managed storage) by S3 with SSE-KMS; both use the region's key.
void Deployment::protect_with_customer_keys() {
  const sim::SecuritySpec& security = scenario_.security;
  // Managed services of every workspace: the region's own, and each listed workspace's copies.
  std::vector<const RegionDeployment*> views;
  for (const auto& [name, rd] : regions_) views.push_back(&rd);
  for (const auto& [name, view] : workspace_views_) views.push_back(&view);
  if (security.cmk_managed_services)
    for (const RegionDeployment* rd : views) {
      KeyService* key = rd->key;
      for (const ComponentId id : managed_services_under_key())
        if (auto it = rd->stores.find(id); it != rd->stores.end()) {
          MetadataStore* store = it->second;
          store->set_key_guard([key, store](sg4::Host* client) {
            sg4::Host* replica = store->first_live_host();
            key->use(replica ? replica : client);
          });
        }
    }
  for (auto& [name, rd] : regions_) {
    KeyService* key = rd.key;
    if (security.cmk_workspace_storage) {
      sg4::Host* s3 = rd.s3->endpoint();
      for (const ComponentId id : workspace_storage_under_key())
        rd.datasets.at(id)->set_key_guard([key, s3](sg4::Host*) { key->use(s3); });
    }
  }
}

// Without an S3 gateway endpoint, classic compute in the customer's VPC reaches S3 through its
// NAT gateway, which charges for every byte it processes.
void Deployment::route_classic_s3_through_nat() {
  auto classic_hosts = std::make_shared<std::set<const sg4::Host*>>();
  for (const sim::ComputeSpec& c : scenario_.compute)
    if (c.plane == sim::ComputePlane::Classic)
      for (const sim::HostInfo* h : platform_.compute(c.name)) classic_hosts->insert(h->host);
  for (auto& [name, rd] : regions_) {
    double* bytes = &nat_bytes_[name];
    for (auto& [id, dataset] : rd.datasets)
      dataset->set_traffic_observer([classic_hosts, bytes](sg4::Host* client, double b) {
        if (classic_hosts->count(client)) *bytes += b;
      });
  }
}

bool Deployment::classic(const ComputePool& pool) const {
  for (const sim::ComputeSpec& c : scenario_.compute)
    if (c.name == pool.placement()) return c.plane == sim::ComputePlane::Classic;
  return false;
}

const sim::DrSpec* Deployment::dr() const {
  const auto& dr = scenario_.dr;
  return dr && dr->strategy != sim::DrStrategy::None ? &*dr : nullptr;
}

const RegionDeployment& Deployment::region(const std::string& name) const {
  auto it = regions_.find(name);
  if (it == regions_.end()) throw std::logic_error("no deployment in region " + name);
  return it->second;
}

const RegionDeployment& Deployment::control_plane_for(const std::string& region_name) const {
  const RegionDeployment& own = region(region_name);
  if (!own.services.empty()) return own;
  for (const std::string& name : region_order_)
    if (!regions_.at(name).services.empty()) return regions_.at(name);
  throw std::logic_error("the scenario has no control plane");
}

const RegionDeployment& Deployment::control_plane_for(const sim::WorkloadSpec& spec) const {
  if (const sim::AccountWorkspaceSpec* ws = scenario_.workspace_of(spec)) return workspace_views_.at(ws->name);
  return control_plane_for(spec.region);
}

AccessControl& Deployment::access(const sim::WorkloadSpec& spec) {
  if (const sim::AccountWorkspaceSpec* ws = scenario_.workspace_of(spec)) return *workspace_access_.at(ws->name);
  return access_;
}

std::vector<std::pair<std::string, const AccessControl*>> Deployment::access_controls() const {
  std::vector<std::pair<std::string, const AccessControl*>> out{{"", &access_}};
  for (const sim::AccountWorkspaceSpec& ws : scenario_.workspaces)
    out.emplace_back(ws.name, workspace_access_.at(ws.name).get());
  return out;
}

const std::vector<DeployedComponent*>& Deployment::workspace_components(const std::string& workspace) const {
  static const std::vector<DeployedComponent*> none;
  auto it = workspace_components_.find(workspace);
  return it == workspace_components_.end() ? none : it->second;
}

Service& Deployment::service(const std::string& region_name, ComponentId id) const {
  return *control_plane_for(region_name).services.at(id);
}

MetadataStore& Deployment::store(const std::string& region_name, ComponentId id) const {
  return *control_plane_for(region_name).stores.at(id);
}

Dataset& Deployment::dataset(const std::string& region_name, ComponentId id) const {
  return *region(region_name).datasets.at(id);
}

ComputePool& Deployment::spark_pool(const std::string& placement) const {
  for (const auto& [_, rd] : regions_)
    if (auto it = rd.spark_pools.find(placement); it != rd.spark_pools.end()) return *it->second;
  throw std::logic_error("no Spark placement " + placement);
}

SqlWarehouse& Deployment::warehouse(const std::string& placement) const {
  for (const auto& [_, rd] : regions_)
    if (auto it = rd.warehouses.find(placement); it != rd.warehouses.end()) return *it->second;
  throw std::logic_error("no SQL warehouse placement " + placement);
}

DeltaTable& Deployment::table(const std::string& name) const {
  for (const auto& t : tables_)
    if (t->name() == name) return *t;
  throw std::logic_error("no table " + name);
}

std::vector<DeployedComponent*> Deployment::components() {
  std::vector<DeployedComponent*> out;
  for (const auto& c : components_) out.push_back(c.get());
  return out;
}

std::vector<const DeployedComponent*> Deployment::components() const {
  std::vector<const DeployedComponent*> out;
  for (const auto& c : components_) out.push_back(c.get());
  return out;
}

}  // namespace lakesim::models
