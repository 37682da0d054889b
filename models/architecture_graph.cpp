#include "models/architecture_graph.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "models/security/key_service.hpp"
#include "scenario/catalog.hpp"
#include "scenario/units.hpp"

namespace lakesim::models {

namespace {

using lakesim::sim::ComputeKind;
using lakesim::sim::ComputeSpec;
using lakesim::sim::ControlPlaneSpec;
using lakesim::sim::RegionSpec;
using lakesim::sim::Scenario;

constexpr std::string_view kExternalPrefix = "external:";

// Which compute placements a compute-pool component runs on.
std::optional<ComputeKind> compute_kind_of(ComponentId component) {
  if (component == ComponentId::ServerlessSparkCompute) return ComputeKind::ServerlessSpark;
  if (component == ComponentId::SqlWarehouseCompute) return ComputeKind::SqlWarehouse;
  return std::nullopt;
}

std::string_view compute_kind_key(ComputeKind k) {
  return k == ComputeKind::ServerlessSpark ? "serverless_spark" : "sql_warehouse";
}

// A region's copy of these is what a failover needs; scratch and services hold nothing to copy.
bool replicates(const Component& c) {
  if (c.plane == Plane::Data) return c.archetype == Archetype::Dataset || c.archetype == Archetype::LogSink;
  return c.archetype == Archetype::MetadataStore;
}

std::string region_id(std::string_view region) { return "region:" + std::string(region); }
std::string az_id(std::string_view az) { return "az:" + std::string(az); }
std::string s3_id(std::string_view region) { return "s3:" + std::string(region); }
std::string control_hosts_id(std::string_view region) { return "hosts:control-plane@" + std::string(region); }
std::string compute_hosts_id(std::string_view name) { return "hosts:compute:" + std::string(name); }

class GraphBuilder {
 public:
  explicit GraphBuilder(const Scenario& s) : scenario_(s) {}

  Graph build() {
    for (Outside o : {Outside::Users, Outside::IdentityProvider, Outside::Git, Outside::Terraform, Outside::Siem})
      add_node({external_node_id(o), NodeKind::External, std::string(label(o)), "", "", ""});
    for (const RegionSpec& region : scenario_.regions) add_region(region);
    add_replication();
    return std::move(graph_);
  }

 private:
  // Ids are unique in a validated scenario; should one repeat anyway, the first node keeps it.
  Vertex add_node(Node node) {
    if (auto found = index_.find(node.id); found != index_.end()) return found->second;
    const std::string id = node.id;
    const Vertex v = boost::add_vertex(std::move(node), graph_);
    index_.emplace(id, v);
    return v;
  }

  // Adds the edge only when both ends exist, so optional parts of a region drop out on their own.
  void add_edge(const std::string& from, const std::string& to, EdgeKind kind, std::string_view label = "") {
    const auto a = index_.find(from);
    const auto b = index_.find(to);
    if (a == index_.end() || b == index_.end()) return;
    boost::add_edge(a->second, b->second, Edge{kind, std::string(label)}, graph_);
  }

  bool has_node(const std::string& id) const { return index_.count(id) != 0; }

  void add_region(const RegionSpec& region) {
    const std::string& r = region.name;
    add_node({region_id(r), NodeKind::Region, r, r, "", ""});
    for (const std::string& az : region.azs) {
      add_node({az_id(az), NodeKind::AvailabilityZone, az, r, "", ""});
      add_edge(region_id(r), az_id(az), EdgeKind::Contains);
    }
    add_node({s3_id(r), NodeKind::S3Service, "Amazon S3 (" + r + ")", r, "data", ""});
    add_edge(region_id(r), s3_id(r), EdgeKind::Contains);

    const ControlPlaneSpec* control_plane = nullptr;
    for (const ControlPlaneSpec& cp : scenario_.control_plane) {
      if (cp.region == r) {
        control_plane = &cp;
        break;
      }
    }
    std::vector<const ComputeSpec*> compute;
    for (const ComputeSpec& c : scenario_.compute) {
      if (c.region == r) compute.push_back(&c);
    }

    if (control_plane) add_control_plane_hosts(*control_plane);
    for (const ComputeSpec* c : compute) add_compute_hosts(*c);
    for (const Component& c : catalog()) place_component(c, r, control_plane != nullptr, compute);
    place_account_components(r, control_plane != nullptr);
    // The catalogue's dependencies, drawn wherever both ends are deployed.
    for (const Component& c : catalog()) {
      const std::string id = component_node_id(c.id, r);
      for (const EntryPoint& entry : c.entered_from)
        add_edge(external_node_id(entry.caller), id, EdgeKind::Calls, entry.what);
      for (const Dependency& call : c.calls) add_edge(id, callee_id(call.callee, r), EdgeKind::Calls, call.what);
    }
  }

  void add_control_plane_hosts(const ControlPlaneSpec& cp) {
    const std::string id = control_hosts_id(cp.region);
    const std::size_t hosts = cp.azs.size() * static_cast<std::size_t>(cp.hosts_per_az);
    add_node({id, NodeKind::HostGroup, "control-plane hosts (" + std::to_string(hosts) + " x " + cp.instance_type + ")",
              cp.region, "control", ""});
    add_edge(region_id(cp.region), id, EdgeKind::Contains);
    for (const std::string& az : cp.azs) add_edge(id, az_id(az), EdgeKind::RunsOn);
  }

  void add_compute_hosts(const ComputeSpec& c) {
    const std::string id = compute_hosts_id(c.name);
    add_node({id, NodeKind::HostGroup,
              c.name + " (" + std::string(compute_kind_key(c.kind)) + ", " + std::to_string(c.instances) + " x " +
                  c.instance_type + ")",
              c.region, "data", ""});
    add_edge(region_id(c.region), id, EdgeKind::Contains);
    for (const std::string& az : c.azs) add_edge(id, az_id(az), EdgeKind::RunsOn);
  }

  // Deploys one catalogue row in a region if the region has what it needs, and ties it to its hardware.
  void place_component(const Component& c, const std::string& region, bool has_control_plane,
                       const std::vector<const ComputeSpec*>& compute) {
    std::vector<std::string> hosts;
    bool stored_in_s3 = false;
    if (c.plane == Plane::Control) {
      if (!has_control_plane) return;
      hosts.push_back(control_hosts_id(region));
    } else if (c.archetype == Archetype::ComputePool || c.archetype == Archetype::Scratch) {
      // Shuffle files live on the local disks of the Spark pools.
      const std::optional<ComputeKind> kind =
          c.archetype == Archetype::Scratch ? ComputeKind::ServerlessSpark : compute_kind_of(c.which);
      if (!kind) return;
      for (const ComputeSpec* placement : compute) {
        if (placement->kind == *kind) hosts.push_back(compute_hosts_id(placement->name));
      }
      if (hosts.empty()) return;
    } else if (c.archetype == Archetype::Dataset || c.archetype == Archetype::LogSink) {
      // Buckets exist wherever the workspace does: with its control plane or its compute.
      if (!has_control_plane && compute.empty()) return;
      stored_in_s3 = true;
    } else {
      return;  // no data-plane service or metadata store exists in the catalogue
    }

    const std::string id = component_node_id(c.id, region);
    add_node(
        {id, NodeKind::Component, std::string(c.name), region, std::string(plane_key(c.plane)), std::string(c.id)});
    for (const std::string& host : hosts) add_edge(id, host, EdgeKind::RunsOn);
    if (stored_in_s3) add_edge(id, s3_id(region), EdgeKind::StoresIn);
  }

  static std::string callee_id(const std::variant<ComponentId, Outside>& callee, const std::string& region) {
    if (const Outside* o = std::get_if<Outside>(&callee)) return external_node_id(*o);
    return component_node_id(key(std::get<ComponentId>(callee)), region);
  }

  // What the deployment adds besides the catalogue (models/deployment.cpp, same conditions): the
  // relay and the back-end PrivateLink endpoint that classic compute reaches the control plane
  // through, and the customer-managed key with the components whose data it encrypts.
  void place_account_components(const std::string& region, bool has_control_plane) {
    const bool any_classic = std::any_of(scenario_.compute.begin(), scenario_.compute.end(), [](const ComputeSpec& c) {
      return c.plane == lakesim::sim::ComputePlane::Classic;
    });
    const auto on_control_plane = [&](const Component& c) {
      const std::string id = component_node_id(c.id, region);
      add_node(
          {id, NodeKind::Component, std::string(c.name), region, std::string(plane_key(c.plane)), std::string(c.id)});
      add_edge(id, control_hosts_id(region), EdgeKind::RunsOn);
    };
    if (has_control_plane && any_classic && scenario_.workspace.secure_cluster_connectivity)
      on_control_plane(component(ComponentId::SccRelay));
    if (has_control_plane && any_classic && scenario_.workspace.private_link.back_end)
      on_control_plane(component(ComponentId::PrivatelinkEndpoint));

    const lakesim::sim::SecuritySpec& security = scenario_.security;
    if (!security.cmk_managed_services && !security.cmk_workspace_storage) return;
    const Component& kms = component(ComponentId::CustomerManagedKey);
    const std::string key = component_node_id(kms.id, region);
    add_node({key, NodeKind::Component, std::string(kms.name), region, std::string(plane_key(kms.plane)),
              std::string(kms.id)});
    std::vector<ComponentId> users;
    if (security.cmk_managed_services) users = managed_services_under_key();
    if (security.cmk_workspace_storage)
      users.insert(users.end(), workspace_storage_under_key().begin(), workspace_storage_under_key().end());
    for (const ComponentId user : users)
      add_edge(component_node_id(models::key(user), region), key, EdgeKind::Calls, "data key");
  }

  // Copies between regions are drawn only where the scenario configures them: S3 replication of
  // the listed datasets, and a DR strategy's deep clone and metadata export. What the catalogue
  // recommends but the scenario does not run is listed apart, never drawn as a copy.
  void add_replication() {
    if (scenario_.regions.size() < 2) return;
    std::vector<std::pair<std::string, ComponentId>> copied;  // source region, component
    const auto copy = [&](ComponentId id, const std::string& from, const std::string& to, const std::string& what) {
      const std::string source = component_node_id(key(id), from);
      const std::string target = component_node_id(key(id), to);
      if (!has_node(source) || !has_node(target)) return;
      add_edge(source, target, EdgeKind::ReplicatesTo, what);
      copied.emplace_back(from, id);
    };
    if (const auto& r = scenario_.replication; r && r->enabled) {
      for (const ComponentId id : r->datasets)
        copy(id, r->from, r->to, r->rtc ? "S3 replication with Replication Time Control" : "S3 replication");
    }
    if (const auto& dr = scenario_.dr; dr && dr->strategy != lakesim::sim::DrStrategy::None) {
      if (dr->deep_clone.enabled && !scenario_.tables.empty())
        copy(ComponentId::DeltaTableData, dr->primary, dr->secondary,
             "deep clone every " + lakesim::sim::format_whole_duration(dr->deep_clone.every));
      if (dr->metadata_export.enabled) {
        for (const Component& c : catalog())
          if (c.protection == Practice::MetadataExport)
            copy(c.which, dr->primary, dr->secondary,
                 "metadata export every " + lakesim::sim::format_whole_duration(dr->metadata_export.every));
      }
    }
    // The catalogue's cross-region practices that no configured copy carries out, for the regions
    // that copy something (the first region when none does).
    std::vector<std::string> sources;
    for (const auto& [region, id] : copied)
      if (std::find(sources.begin(), sources.end(), region) == sources.end()) sources.push_back(region);
    if (sources.empty()) sources.push_back(scenario_.regions.front().name);
    for (const std::string& region : sources) {
      for (const Component& c : catalog()) {
        if (!replicates(c) || !has_node(component_node_id(c.id, region))) continue;
        if (c.protection != Practice::S3Replication && c.protection != Practice::MetadataExport) continue;
        const bool done = std::any_of(copied.begin(), copied.end(),
                                      [&](const auto& p) { return p.first == region && p.second == c.which; });
        if (!done)
          graph_[boost::graph_bundle].unconfigured.push_back(
              {std::string(c.id), region, std::string(c.dr_practice),
               c.protection == Practice::S3Replication ? "S3 replication" : "metadata export"});
      }
    }
  }

  const Scenario& scenario_;
  Graph graph_;
  std::map<std::string, Vertex, std::less<>> index_;  // lookup only, never iterated
};

// --- Faults at one instant ---

Health worst(Health a, Health b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

class FaultMapper {
 public:
  FaultMapper(const Graph& g, const Scenario& s, FaultView& view) : g_(g), scenario_(s), view_(view) {}

  // What the fault's kind turns off (Down) or weakens (Degraded), as the platform and the fault
  // injector do it; every kind is listed so that a new one cannot be left undrawn.
  void apply(const lakesim::sim::FaultSpec& f) {
    using Kind = lakesim::sim::FaultSpec::Kind;
    switch (f.kind) {
      case Kind::RegionOutage:
        mark_where([&](const Node& n) { return n.region == f.target; }, Health::Down);
        for (const Vertex v : all_vertices(g_))
          if (g_[v].kind == NodeKind::Region && g_[v].region != f.target)
            mark_backbone(f.target, g_[v].region, Health::Down);
        break;
      case Kind::AzOutage: az_outage(f.target); break;
      case Kind::ControlPlaneOutage:
        mark_where([&](const Node& n) { return n.region == f.target && n.plane == "control"; }, Health::Down);
        break;
      case Kind::S3Outage: {
        const Health h = view_.at < f.reads_end ? Health::Down : Health::Degraded;  // reads back first
        mark("s3:" + f.target, h);
        for (const Vertex v : stored_in("s3:" + f.target)) mark(g_[v].id, h);
        break;
      }
      case Kind::IdpOutage: mark("external:idp", Health::Down); break;
      case Kind::LinkCut: mark_backbone(f.target, f.other_region, Health::Down); break;
      case Kind::LinkDegradation: mark_backbone(f.target, f.other_region, Health::Degraded); break;
      case Kind::CapacityShortage:
      case Kind::HostCrashes: {
        const std::string hosts = compute_hosts_id(f.target);
        mark(hosts, Health::Degraded);
        for (const Vertex v : running_on(hosts)) mark(g_[v].id, Health::Degraded);
        break;
      }
      case Kind::S3Throttling: mark("s3:" + f.target, Health::Degraded); break;
      case Kind::KmsOutage:
      case Kind::KeyRevoked: {
        // The key refuses, so does every component whose data it encrypts.
        const std::string kms = component_node_id(key(ComponentId::CustomerManagedKey), f.target);
        mark(kms, Health::Down);
        for (const Vertex v : callers_of(kms)) mark(g_[v].id, Health::Down);
        break;
      }
      case Kind::RelayOutage: control_path_outage(f.target, key(ComponentId::SccRelay)); break;
      case Kind::PrivateLinkOutage: control_path_outage(f.target, key(ComponentId::PrivatelinkEndpoint)); break;
      case Kind::WorkspaceOutage: workspace_outage(f.target); break;
      case Kind::ServiceOutage: mark(component_node_id(key(f.component.value()), f.target), Health::Down); break;
    }
  }

 private:
  template <typename Predicate>
  void mark_where(Predicate hit, Health h) {
    for (const Vertex v : all_vertices(g_))
      if (hit(g_[v])) mark(g_[v].id, h);
  }

  void mark(const std::string& id, Health h) {
    if (!find_node(g_, id)) return;  // a part the scenario does not deploy
    Health& state = view_.nodes[id];
    state = worst(state, h);
  }

  void mark_backbone(const std::string& a, const std::string& b, Health h) {
    Health& state = view_.backbones[backbone_key(a, b)];
    state = worst(state, h);
  }

  std::vector<Vertex> stored_in(const std::string& s3) const {
    std::vector<Vertex> out;
    for (const auto e : boost::make_iterator_range(boost::edges(g_)))
      if (g_[e].kind == EdgeKind::StoresIn && g_[boost::target(e, g_)].id == s3) out.push_back(boost::source(e, g_));
    return out;
  }

  std::vector<Vertex> running_on(const std::string& hosts) const {
    std::vector<Vertex> out;
    for (const auto e : boost::make_iterator_range(boost::edges(g_)))
      if (g_[e].kind == EdgeKind::RunsOn && g_[boost::target(e, g_)].id == hosts) out.push_back(boost::source(e, g_));
    return out;
  }

  std::vector<Vertex> callers_of(const std::string& id) const {
    std::vector<Vertex> out;
    for (const auto e : boost::make_iterator_range(boost::edges(g_)))
      if (g_[e].kind == EdgeKind::Calls && g_[boost::target(e, g_)].id == id) out.push_back(boost::source(e, g_));
    return out;
  }

  // The relay or the back-end PrivateLink endpoint of `region` is down: classic clusters served by
  // that control plane cannot register (nor, through PrivateLink, store notebook results); those
  // already running go on, so their placements are degraded, not down.
  void control_path_outage(const std::string& region, std::string_view component) {
    mark(component_node_id(component, region), Health::Down);
    for (const ComputeSpec& c : scenario_.compute)
      if (c.plane == lakesim::sim::ComputePlane::Classic && control_plane_region(c.region) == region)
        mark(compute_hosts_id(c.name), Health::Degraded);
  }

  // The region whose control plane serves compute in `region`: its own, else the first region
  // with one (models/deployment's control_plane_for).
  std::string control_plane_region(const std::string& region) const {
    for (const ControlPlaneSpec& cp : scenario_.control_plane)
      if (cp.region == region) return region;
    for (const RegionSpec& r : scenario_.regions)
      for (const ControlPlaneSpec& cp : scenario_.control_plane)
        if (cp.region == r.name) return r.name;
    return "";
  }

  // A workspace's own (workspace-scoped) services stop. The graph holds one copy of each per
  // region: down when the workspace is the region's only one, degraded when others share it.
  void workspace_outage(const std::string& workspace) {
    const lakesim::sim::AccountWorkspaceSpec* ws = scenario_.find_workspace(workspace);
    if (!ws) return;
    const auto in_region =
        std::count_if(scenario_.workspaces.begin(), scenario_.workspaces.end(),
                      [&](const lakesim::sim::AccountWorkspaceSpec& w) { return w.region == ws->region; });
    const Health h = in_region > 1 ? Health::Degraded : Health::Down;
    for (const Component& c : catalog())
      if (c.scope == Scope::Workspace) mark(component_node_id(c.id, ws->region), h);
  }

  // A host group with all its AZs out is down, with some of them degraded; so are the
  // components on it, through their host groups.
  void az_outage(const std::string& az) {
    mark("az:" + az, Health::Down);
    std::map<std::string, Health> groups;
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].kind != NodeKind::HostGroup) continue;
      std::size_t zones = 0, hit = 0;
      for (const auto e : boost::make_iterator_range(boost::out_edges(v, g_))) {
        if (g_[e].kind != EdgeKind::RunsOn) continue;
        ++zones;
        hit += g_[boost::target(e, g_)].id == "az:" + az ? 1 : 0;
      }
      if (hit == 0) continue;
      groups[g_[v].id] = hit == zones ? Health::Down : Health::Degraded;
      mark(g_[v].id, groups[g_[v].id]);
    }
    for (const Vertex v : all_vertices(g_)) {
      if (g_[v].kind != NodeKind::Component) continue;
      std::size_t on = 0, down = 0;
      bool touched = false;
      for (const auto e : boost::make_iterator_range(boost::out_edges(v, g_))) {
        if (g_[e].kind != EdgeKind::RunsOn) continue;
        ++on;
        const auto it = groups.find(g_[boost::target(e, g_)].id);
        if (it == groups.end()) continue;
        touched = true;
        down += it->second == Health::Down ? 1 : 0;
      }
      if (touched) mark(g_[v].id, down == on ? Health::Down : Health::Degraded);
    }
  }

  const Graph& g_;
  const Scenario& scenario_;
  FaultView& view_;
};

}  // namespace

Graph build_architecture_graph(const Scenario& s) { return GraphBuilder(s).build(); }

std::string backbone_key(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  return a + "~" + b;
}

std::string external_node_id(Outside o) { return std::string(kExternalPrefix) + std::string(key(o)); }

std::string component_node_id(std::string_view component, std::string_view region) {
  return "component:" + std::string(component) + "@" + std::string(region);
}

std::optional<Vertex> find_node(const Graph& g, std::string_view id) {
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].id == id) return v;
  }
  return std::nullopt;
}

FaultView faults_at(const Graph& g, const Scenario& s, double at) {
  FaultView view;
  view.at = at;
  FaultMapper mapper(g, s, view);
  for (const lakesim::sim::FaultSpec& f : s.faults) {
    if (at < f.start || at >= f.end) continue;
    mapper.apply(f);
    std::string target = f.target;
    if (!f.other_region.empty()) target += " ~ " + f.other_region;
    if (f.component) target = std::string(key(*f.component)) + " in " + target;
    view.active.push_back(f.name + ": " + lakesim::sim::to_string(f.kind) + (target.empty() ? "" : " " + target) +
                          ", " + sim::format_whole_duration(f.start) + " to " + sim::format_whole_duration(f.end));
  }
  // Only what a fault touched is kept, so an empty map means everything is up.
  for (auto it = view.nodes.begin(); it != view.nodes.end();)
    it = it->second == Health::Up ? view.nodes.erase(it) : std::next(it);
  return view;
}

nlohmann::json to_json(const Graph& g) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    nodes.push_back({{"id", n.id},
                     {"kind", to_string(n.kind)},
                     {"label", n.label},
                     {"region", n.region},
                     {"plane", n.plane},
                     {"component", n.component}});
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    edges.push_back({{"from", g[boost::source(e, g)].id},
                     {"to", g[boost::target(e, g)].id},
                     {"kind", to_string(g[e].kind)},
                     {"label", g[e].label}});
  }
  nlohmann::json unconfigured = nlohmann::json::array();
  for (const UnconfiguredPractice& u : g[boost::graph_bundle].unconfigured)
    unconfigured.push_back(
        {{"component", u.component}, {"region", u.region}, {"practice", u.practice}, {"mechanism", u.mechanism}});
  return {
      {"nodes", std::move(nodes)}, {"edges", std::move(edges)}, {"unconfigured_practices", std::move(unconfigured)}};
}

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Region: return "region";
    case NodeKind::AvailabilityZone: return "availability_zone";
    case NodeKind::HostGroup: return "host_group";
    case NodeKind::S3Service: return "s3_service";
    case NodeKind::Component: return "component";
    case NodeKind::External: return "external";
  }
  return "";
}

std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::Contains: return "contains";
    case EdgeKind::RunsOn: return "runs_on";
    case EdgeKind::Calls: return "calls";
    case EdgeKind::StoresIn: return "stores_in";
    case EdgeKind::ReplicatesTo: return "replicates_to";
  }
  return "";
}

}  // namespace lakesim::models
