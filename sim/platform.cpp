#include "sim/platform.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <simgrid/kernel/ProfileBuilder.hpp>

#include "sim/random_stream.hpp"

namespace lakesim::sim {

std::vector<std::string> network_model_flags(NetworkModel model) {
  if (model == NetworkModel::Exact) {
    // CM02 with neither ACK cross-traffic nor a TCP window bound: a lone transfer takes exactly
    // latency + size / bottleneck bandwidth, and concurrent ones share bottlenecks max-min fairly.
    // The window is made unbounded rather than 0: SimGrid 3.32 reads a window of 0 as "no bound"
    // for every flow, which would also drop the per-flow rate caps that model S3 connections.
    return {"--cfg=network/model:CM02", "--cfg=network/crosstraffic:0", "--cfg=network/TCP-gamma:1e300"};
  }
  return {"--cfg=network/model:LV08"};
}

const char* host_name(ExternalSystem system) {
  switch (system) {
    case ExternalSystem::Clients: return "internet/clients";
    case ExternalSystem::IdentityProvider: return "internet/idp";
    case ExternalSystem::Git: return "internet/git";
    case ExternalSystem::Siem: return "internet/siem";
    case ExternalSystem::Terraform: return "internet/terraform";
  }
  return "internet/unknown";
}

namespace {
// Latencies in the scenario are host to host; each NIC carries half the in-AZ share.
double remaining_latency(double total, double already) { return std::max(0.0, total - already); }
}  // namespace

Platform::Platform(const Scenario& scenario) : scenario_(scenario) {
  const NetworkSpec& net = scenario.network;
  auto* world = sg4::create_full_zone("world");

  std::map<std::string, sg4::NetZone*> region_zones;
  std::map<std::string, simgrid::kernel::routing::NetPoint*> region_gateways;
  for (const RegionSpec& region : scenario.regions) {
    auto* rz = sg4::create_full_zone(region.name);
    rz->set_parent(world);
    region_zones[region.name] = rz;

    // Regional services (the S3 endpoint) hang off the region's core, whose router is also the
    // region's gateway to the WAN.
    auto* core = sg4::create_star_zone(region.name + "/core");
    core->set_parent(rz);
    auto* gw = core->create_router(region.name + "/gw");
    region_gateways[region.name] = gw;
    sg4::Host* s3 = add_host(core, region.name + "/s3", region, "", HostRole::S3Endpoint, "s3", nullptr, 0);
    sg4::Link* s3_link =
        add_link(core, region.name + "/s3-link", {net.inter_az.latency / 2, region.s3.bandwidth}, region.name, "");
    core->add_route(s3->get_netpoint(), nullptr, nullptr, nullptr, {sg4::LinkInRoute(s3_link)}, true);
    s3_[region.name] = s3;

    std::map<std::string, sg4::NetZone*> az_zones;
    std::map<std::string, simgrid::kernel::routing::NetPoint*> az_gateways;
    std::map<std::string, sg4::Link*> uplinks;
    for (const std::string& az : region.azs) {
      auto* z = sg4::create_star_zone(az);
      z->set_parent(rz);
      az_zones[az] = z;
      az_gateways[az] = z->create_router(az + "/gw");
      uplinks[az] = add_link(rz, az + "/uplink", {0, net.intra_az.bandwidth}, region.name, az);
      ++size_.azs;
    }

    for (const ControlPlaneSpec& cp : scenario.control_plane) {
      if (cp.region != region.name) continue;
      const InstanceType& type = scenario.instance_type(cp.instance_type);
      for (const std::string& az : cp.azs)
        for (int i = 0; i < cp.hosts_per_az; ++i)
          add_host(az_zones.at(az), az + "/cp-" + std::to_string(i), region, az, HostRole::ControlPlane,
                   "control_plane", &type, net.intra_az.latency / 2);
    }
    for (const ComputeSpec& c : scenario.compute) {
      if (c.region != region.name) continue;
      const InstanceType& type = scenario.instance_type(c.instance_type);
      for (int i = 0; i < c.instances; ++i) {
        const std::string& az = c.azs[static_cast<std::size_t>(i) % c.azs.size()];
        sg4::NetZone* zone = az_zones.at(az);
        const std::string name = az + "/" + c.name + "-" + std::to_string(i);
        sg4::Host* instance =
            add_host(zone, name, region, az, HostRole::Compute, c.name, &type, net.intra_az.latency / 2);
        // The port's latency completes the regional endpoint's: half the inter-AZ latency, as the
        // S3 link has. Its bandwidth is the NIC's, so it never narrows the route.
        sg4::Host* port = zone->create_host(name + "/s3-port", 1e9);
        port->set_property("region", region.name);
        attach_duplex_link(zone, port, name + "/s3-port/link", type.network_bandwidth, net.inter_az.latency / 2,
                           region.name, az);
        s3_ports_[region.name][instance] = port;
      }
    }

    // Inside the region: every AZ reaches the core through its uplink, and every pair of AZs
    // is joined by a direct link whose latency completes the scenario's inter-AZ figure.
    for (const std::string& az : region.azs) {
      rz->add_route(az_zones[az]->get_netpoint(), core->get_netpoint(), az_gateways[az], gw,
                    {sg4::LinkInRoute(uplinks[az])}, true);
    }
    for (std::size_t i = 0; i < region.azs.size(); ++i) {
      for (std::size_t j = i + 1; j < region.azs.size(); ++j) {
        const std::string& a = region.azs[i];
        const std::string& b = region.azs[j];
        sg4::Link* link = add_link(
            rz, a + "~" + b, {remaining_latency(net.inter_az.latency, net.intra_az.latency), net.inter_az.bandwidth},
            region.name, "");
        rz->add_route(az_zones[a]->get_netpoint(), az_zones[b]->get_netpoint(), az_gateways[a], az_gateways[b],
                      {sg4::LinkInRoute(uplinks[a]), sg4::LinkInRoute(link), sg4::LinkInRoute(uplinks[b])}, true);
      }
    }
    ++size_.regions;
  }

  // The Internet: users and the SaaS systems outside AWS, one hop from every region.
  auto* internet = sg4::create_star_zone("internet");
  internet->set_parent(world);
  auto* internet_gw = internet->create_router("internet/gw");
  const RegionSpec outside{"internet", {}, {}};
  for (ExternalSystem system : kAllExternalSystems) {
    sg4::Host* h = add_host(internet, host_name(system), outside, "", HostRole::External, "external", nullptr, 0);
    sg4::Link* link = add_link(internet, std::string(host_name(system)) + "/link", {0, net.external.bandwidth}, "", "");
    internet->add_route(h->get_netpoint(), nullptr, nullptr, nullptr, {sg4::LinkInRoute(link)}, true);
    external_[system] = h;
  }
  for (const RegionSpec& region : scenario.regions) {
    sg4::Link* link = add_link(
        world, "internet~" + region.name,
        {remaining_latency(net.external.latency, net.intra_az.latency / 2), net.external.bandwidth}, region.name, "");
    world->add_route(internet->get_netpoint(), region_zones.at(region.name)->get_netpoint(), internet_gw,
                     region_gateways.at(region.name), {sg4::LinkInRoute(link)}, true);
  }

  for (const RegionPairLink& pair : net.inter_region) {
    sg4::Link* wan =
        add_link(world, pair.a + "~" + pair.b,
                 {remaining_latency(pair.link.latency, net.intra_az.latency), pair.link.bandwidth}, "", "");
    world->add_route(region_zones.at(pair.a)->get_netpoint(), region_zones.at(pair.b)->get_netpoint(),
                     region_gateways.at(pair.a), region_gateways.at(pair.b), {sg4::LinkInRoute(wan)}, true);
  }
  attach_fault_profiles();
  // Hosts and links are sealed by their zones (never by hand); disks were sealed one by one.
  world->seal();
  size_.hosts = hosts_.size();
}

bool Platform::fault_hits(const FaultSpec& f, const HostInfo& h) {
  switch (f.kind) {
    case FaultSpec::Kind::RegionOutage: return h.region == f.target;
    case FaultSpec::Kind::AzOutage: return h.az == f.target;
    case FaultSpec::Kind::ControlPlaneOutage: return h.region == f.target && h.role == HostRole::ControlPlane;
    case FaultSpec::Kind::IdpOutage: return h.host->get_name() == host_name(ExternalSystem::IdentityProvider);
    // Host crashes follow their own windows (attach_fault_profiles); the other kinds switch
    // components or S3 rather than hosts (models/faults/fault_injector).
    case FaultSpec::Kind::S3Outage:
    case FaultSpec::Kind::LinkCut:
    case FaultSpec::Kind::CapacityShortage:
    case FaultSpec::Kind::S3Throttling:
    case FaultSpec::Kind::LinkDegradation:
    case FaultSpec::Kind::HostCrashes:
    case FaultSpec::Kind::KmsOutage:
    case FaultSpec::Kind::KeyRevoked:
    case FaultSpec::Kind::RelayOutage:
    case FaultSpec::Kind::WorkspaceOutage:
    case FaultSpec::Kind::ServiceOutage:
    case FaultSpec::Kind::PrivateLinkOutage: return false;
  }
  return false;
}

bool Platform::fault_hits_pair(const FaultSpec& f, const sg4::Link* link) {
  return link->get_name() == f.target + "~" + f.other_region || link->get_name() == f.other_region + "~" + f.target;
}

bool Platform::fault_hits(const FaultSpec& f, const sg4::Link* link) const {
  for (const LinkInfo& l : links_) {
    if (l.link != link) continue;
    switch (f.kind) {
      case FaultSpec::Kind::RegionOutage: return l.region == f.target;
      case FaultSpec::Kind::AzOutage: return l.az == f.target;
      case FaultSpec::Kind::LinkCut: return fault_hits_pair(f, link);
      // A degraded link keeps running with less bandwidth (attach_fault_profiles).
      case FaultSpec::Kind::ControlPlaneOutage:
      case FaultSpec::Kind::S3Outage:
      case FaultSpec::Kind::IdpOutage:
      case FaultSpec::Kind::CapacityShortage:
      case FaultSpec::Kind::S3Throttling:
      case FaultSpec::Kind::LinkDegradation:
      case FaultSpec::Kind::HostCrashes:
      case FaultSpec::Kind::KmsOutage:
      case FaultSpec::Kind::KeyRevoked:
      case FaultSpec::Kind::RelayOutage:
      case FaultSpec::Kind::WorkspaceOutage:
      case FaultSpec::Kind::ServiceOutage:
      case FaultSpec::Kind::PrivateLinkOutage: return false;
    }
  }
  return false;
}

namespace {
// A state profile ("time state" lines) that is off during each window and on otherwise.
simgrid::kernel::profile::Profile* outage_profile(const std::string& name,
                                                  std::vector<std::pair<double, double>> windows) {
  std::sort(windows.begin(), windows.end());
  std::string text;
  char line[64];
  double on_from = -1;  // end of the merged window being built
  double off_from = -1;
  for (const auto& [start, end] : windows) {
    if (off_from >= 0 && start <= on_from) {
      on_from = std::max(on_from, end);
      continue;
    }
    if (off_from >= 0) {
      std::snprintf(line, sizeof line, "%.17g 0\n%.17g 1\n", off_from, on_from);
      text += line;
    }
    off_from = start;
    on_from = end;
  }
  if (off_from >= 0) {
    std::snprintf(line, sizeof line, "%.17g 0\n%.17g 1\n", off_from, on_from);
    text += line;
  }
  return simgrid::kernel::profile::ProfileBuilder::from_string(name, text, -1);
}
}  // namespace

// Crash and repair windows of one host within a fault's span: exponential times between failures
// (mean MTBF) and to repair (mean MTTR), from a stream named after the fault and the host.
std::vector<std::pair<double, double>> crash_windows(const FaultSpec& f, const std::string& host, std::uint64_t seed) {
  RandomStream rng(seed, "faults/" + f.name + "/" + host);
  std::vector<std::pair<double, double>> windows;
  double t = f.start + rng.exponential(f.mtbf);
  while (t < f.end) {
    const double repaired = t + rng.exponential(f.mttr);
    windows.emplace_back(t, repaired);
    t = repaired + rng.exponential(f.mtbf);
  }
  return windows;
}

void Platform::attach_fault_profiles() {
  if (scenario_.faults.empty()) return;
  for (const HostInfo& h : hosts_) {
    std::vector<std::pair<double, double>> windows;
    for (const FaultSpec& f : scenario_.faults) {
      if (fault_hits(f, h) && f.end > f.start) windows.emplace_back(f.start, f.end);
      if (f.kind == FaultSpec::Kind::HostCrashes && h.role == HostRole::Compute && h.group == f.target)
        for (const auto& w : crash_windows(f, h.host->get_name(), scenario_.seed)) windows.push_back(w);
    }
    if (!windows.empty()) h.host->set_state_profile(outage_profile(h.host->get_name() + "/outages", windows));
  }
  for (const LinkInfo& l : links_) {
    std::vector<std::pair<double, double>> windows;
    for (const FaultSpec& f : scenario_.faults)
      if (fault_hits(f, l.link) && f.end > f.start) windows.emplace_back(f.start, f.end);
    if (!windows.empty()) l.link->set_state_profile(outage_profile(l.link->get_name() + "/outages", windows));
    // A degraded link keeps a fraction of its bandwidth (profiles take absolute bytes per second,
    // in time order); overlapping degradations multiply their shares.
    std::vector<const FaultSpec*> degradations;
    std::vector<double> instants;
    for (const FaultSpec& f : scenario_.faults) {
      if (f.kind != FaultSpec::Kind::LinkDegradation || !fault_hits_pair(f, l.link) || f.end <= f.start) continue;
      degradations.push_back(&f);
      instants.push_back(f.start);
      instants.push_back(f.end);
    }
    std::sort(instants.begin(), instants.end());
    instants.erase(std::unique(instants.begin(), instants.end()), instants.end());
    std::string bandwidth;
    char line[96];
    for (const double t : instants) {
      double share = 1.0;
      for (const FaultSpec* f : degradations)
        if (f->start <= t && t < f->end) share *= f->factor;
      std::snprintf(line, sizeof line, "%.17g %.17g\n", t, l.link->get_bandwidth() * share);
      bandwidth += line;
    }
    if (!bandwidth.empty())
      l.link->set_bandwidth_profile(
          simgrid::kernel::profile::ProfileBuilder::from_string(l.link->get_name() + "/degradation", bandwidth, -1));
  }
}

sg4::Host* Platform::add_host(sg4::NetZone* zone, const std::string& name, const RegionSpec& region,
                              const std::string& az, HostRole role, const std::string& group, const InstanceType* type,
                              double latency) {
  const double speed = type ? type->core_speed : 1e9;
  sg4::Host* host = zone->create_host(name, speed);
  host->set_core_count(type ? type->cores : 1);
  host->set_property("region", region.name);
  if (!az.empty()) host->set_property("az", az);
  HostInfo info{host, region.name, az, role, group, type, nullptr};
  if (type) {
    attach_duplex_link(zone, host, name + "/nic", type->network_bandwidth, latency, region.name, az);
    if (type->disk) {
      info.disk = host->create_disk(name + "/disk", type->disk->read_bandwidth, type->disk->write_bandwidth);
      info.disk->set_property("size", std::to_string(static_cast<long long>(type->disk->size)));
      info.disk->seal();
      ++size_.disks;
    }
  }
  index_[host] = hosts_.size();
  hosts_.push_back(info);
  return host;
}

// A full-duplex link between a host and its star zone's centre (a NIC, an S3 port): sending and
// receiving do not share bandwidth.
void Platform::attach_duplex_link(sg4::NetZone* zone, sg4::Host* host, const std::string& name, double bandwidth,
                                  double latency, const std::string& region, const std::string& az) {
  sg4::SplitDuplexLink* link = zone->create_split_duplex_link(name, bandwidth);
  link->set_latency(latency);
  links_.push_back({link->get_link_up(), region, az});
  links_.push_back({link->get_link_down(), region, az});
  size_.links += 2;
  zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                  {sg4::LinkInRoute(link, sg4::LinkInRoute::Direction::UP)}, false);
  zone->add_route(nullptr, host->get_netpoint(), nullptr, nullptr,
                  {sg4::LinkInRoute(link, sg4::LinkInRoute::Direction::DOWN)}, false);
}

sg4::Link* Platform::add_link(sg4::NetZone* zone, const std::string& name, const LinkSpec& spec,
                              const std::string& region, const std::string& az) {
  sg4::Link* link = zone->create_link(name, spec.bandwidth)->set_latency(spec.latency);
  links_.push_back({link, region, az});
  ++size_.links;
  return link;
}

const HostInfo& Platform::info(const sg4::Host* host) const {
  auto it = index_.find(host);
  if (it == index_.end()) throw std::logic_error("host not built by the platform: " + host->get_name());
  return hosts_[it->second];
}

sg4::Host* Platform::s3_endpoint(const std::string& region) const { return s3_.at(region); }

const Platform::S3Ports& Platform::s3_ports(const std::string& region) const {
  static const S3Ports kNone;
  auto it = s3_ports_.find(region);
  return it == s3_ports_.end() ? kNone : it->second;
}

sg4::Host* Platform::external(ExternalSystem system) const { return external_.at(system); }

std::vector<const HostInfo*> Platform::control_plane(const std::string& region) const {
  std::vector<const HostInfo*> out;
  for (const HostInfo& h : hosts_)
    if (h.role == HostRole::ControlPlane && h.region == region) out.push_back(&h);
  return out;
}

std::vector<const HostInfo*> Platform::compute(const std::string& placement) const {
  std::vector<const HostInfo*> out;
  for (const HostInfo& h : hosts_)
    if (h.role == HostRole::Compute && h.group == placement) out.push_back(&h);
  return out;
}

std::vector<sg4::Link*> Platform::links_of_region(const std::string& region) const {
  std::vector<sg4::Link*> out;
  for (const LinkInfo& l : links_)
    if (l.region == region) out.push_back(l.link);
  return out;
}

std::vector<sg4::Link*> Platform::links_of_az(const std::string& az) const {
  std::vector<sg4::Link*> out;
  for (const LinkInfo& l : links_)
    if (l.az == az) out.push_back(l.link);
  return out;
}

}  // namespace lakesim::sim
