#pragma once
// The modelled hardware on SimGrid: a zone per region, a zone per availability zone inside it,
// hosts for control-plane replicas, compute instances and each region's S3 endpoint, disks on
// instances with local storage, and links with the scenario's latency and bandwidth.
//
// Naming keeps region and AZ in every name so that outages can target them:
//   hosts  "<az>/cp-<i>", "<az>/<compute>-<i>", "<region>/s3", "<instance>/s3-port", "internet/<system>"
//   links  "<host>/nic" (split duplex: _UP, _DOWN), "<az>/uplink", "<az-a>~<az-b>",
//          "<region>/s3-link", "<instance>/s3-port/link" (split duplex), "<region-a>~<region-b>",
//          "internet~<region>", "internet/<system>/link"
//
// Compute instances reach their region's S3 through a port of their own (the VPC's gateway
// endpoint as one instance sees it): the route is the instance's NIC and the port, with the same
// latency as the route to the regional endpoint. S3's regional capacity is no published limit
// and far above one deployment's, so an instance's S3 traffic is bounded by its NIC and S3's
// per-connection bandwidth, not by links shared with the rest of the region. (Flows that share
// a link are solved together by the engine; routing every instance's S3 traffic through one
// regional link made each transfer's start and end re-solve all of them.) Everything else
// (control plane, replication between regions, other regions' clients) uses the regional
// endpoint. Ports are not counted as hosts.
//   disks  "<host>/disk"
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <simgrid/s4u.hpp>

#include "scenario/scenario.hpp"

namespace lakesim::sim {

namespace sg4 = simgrid::s4u;

enum class HostRole { ControlPlane, Compute, S3Endpoint, External };

// The systems outside AWS that the architecture talks to, each a host on the Internet.
enum class ExternalSystem { Clients, IdentityProvider, Git, Siem, Terraform };
inline constexpr ExternalSystem kAllExternalSystems[] = {ExternalSystem::Clients, ExternalSystem::IdentityProvider,
                                                         ExternalSystem::Git, ExternalSystem::Siem,
                                                         ExternalSystem::Terraform};
const char* host_name(ExternalSystem system);  // "internet/clients", "internet/idp", ...

struct HostInfo {
  sg4::Host* host = nullptr;
  std::string region;
  std::string az;  // empty for regional endpoints
  HostRole role = HostRole::Compute;
  std::string group;                   // the compute placement's name, "control_plane" or "s3"
  const InstanceType* type = nullptr;  // null for S3 endpoints
  sg4::Disk* disk = nullptr;           // local instance store, if any
};

struct PlatformSize {
  std::size_t regions = 0;
  std::size_t azs = 0;
  std::size_t hosts = 0;
  std::size_t links = 0;
  std::size_t disks = 0;
};

class Platform {
 public:
  // Builds the platform into the running engine; call once, before any actor exists.
  explicit Platform(const Scenario& scenario);

  const std::vector<HostInfo>& hosts() const { return hosts_; }
  const HostInfo& info(const sg4::Host* host) const;
  sg4::Host* s3_endpoint(const std::string& region) const;
  // The S3 ports of one region's compute instances, by instance.
  using S3Ports = std::unordered_map<const sg4::Host*, sg4::Host*>;  // looked up, never iterated
  const S3Ports& s3_ports(const std::string& region) const;
  sg4::Host* external(ExternalSystem system) const;
  std::vector<const HostInfo*> control_plane(const std::string& region) const;
  std::vector<const HostInfo*> compute(const std::string& placement) const;
  std::vector<sg4::Link*> links_of_region(const std::string& region) const;
  std::vector<sg4::Link*> links_of_az(const std::string& az) const;
  const PlatformSize& size() const { return size_; }
  // Whether fault `f` turns this host or link off (the scenario's faults, by region, AZ or role).
  static bool fault_hits(const FaultSpec& f, const HostInfo& host);
  bool fault_hits(const FaultSpec& f, const sg4::Link* link) const;
  // Whether `link` is the backbone between the two regions a link fault names.
  static bool fault_hits_pair(const FaultSpec& f, const sg4::Link* link);

 private:
  sg4::Host* add_host(sg4::NetZone* zone, const std::string& name, const RegionSpec& region, const std::string& az,
                      HostRole role, const std::string& group, const InstanceType* type, double latency);
  void attach_duplex_link(sg4::NetZone* zone, sg4::Host* host, const std::string& name, double bandwidth,
                          double latency, const std::string& region, const std::string& az);
  sg4::Link* add_link(sg4::NetZone* zone, const std::string& name, const LinkSpec& spec, const std::string& region,
                      const std::string& az);
  // Host and link faults become SimGrid state profiles, applied by the engine between two
  // scheduling rounds, so no actor ever sees a host change state between checking it and using it.
  void attach_fault_profiles();

  const Scenario& scenario_;
  std::vector<HostInfo> hosts_;
  std::map<const sg4::Host*, std::size_t> index_;
  std::map<std::string, sg4::Host*> s3_;
  std::map<std::string, S3Ports> s3_ports_;  // by region
  std::map<ExternalSystem, sg4::Host*> external_;
  // Links tagged with the region and AZ they belong to ("" for links between regions).
  struct LinkInfo {
    sg4::Link* link;
    std::string region;
    std::string az;
  };
  std::vector<LinkInfo> links_;
  PlatformSize size_;
};

// Engine options that a scenario's network model needs; they must precede platform creation.
std::vector<std::string> network_model_flags(NetworkModel model);

}  // namespace lakesim::sim
