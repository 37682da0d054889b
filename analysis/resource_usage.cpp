#include "analysis/resource_usage.hpp"

#include <cmath>
#include <map>

#include "sim/host_work.hpp"
#include "sim/network_transfers.hpp"

#include "sim/simulation.hpp"

namespace lakesim::analysis {

using namespace lakesim::models;

namespace {
const char* role_name(sim::HostRole role) {
  switch (role) {
    case sim::HostRole::ControlPlane: return "control_plane";
    case sim::HostRole::Compute: return "compute";
    case sim::HostRole::S3Endpoint: return "s3";
    case sim::HostRole::External: return "internet";
  }
  return "unknown";
}

bool is_region_pair(const sim::Scenario& s, const std::string& name) {
  for (const sim::RegionPairLink& p : s.network.inter_region)
    if (name == p.a + "~" + p.b) return true;
  return false;
}

// Links by what they are, from their names (see sim/platform.hpp).
std::string link_kind(const sim::Scenario& s, const std::string& name) {
  if (name.find("/s3-port") != std::string::npos) return "s3_port";
  if (name.find("/nic") != std::string::npos) return "nic";
  if (name.find("/uplink") != std::string::npos) return "az_uplink";
  if (name.find("/s3-link") != std::string::npos) return "s3_endpoint";
  if (name.rfind("internet", 0) == 0) return "internet";
  if (is_region_pair(s, name)) return "inter_region";
  return "inter_az";
}
double round_significant(double x, int digits = 10) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(x)))));
  return std::round(x * scale) / scale;
}

}  // namespace

nlohmann::json resource_usage(const Deployment& deployment, double duration) {
  const sim::Platform& platform = deployment.platform();
  struct Sum {
    double used = 0;
    double capacity = 0;
    std::size_t count = 0;
  };
  std::map<std::string, Sum> hosts;
  for (const sim::HostInfo& h : platform.hosts()) {
    Sum& s = hosts[h.region + "/" + role_name(h.role) + (h.group.empty() ? "" : "/" + h.group)];
    s.used += sim::host_work(h.host);
    s.capacity += h.host->get_speed() * h.host->get_core_count() * duration;
    ++s.count;
  }
  std::map<std::string, Sum> links;
  for (const sg4::Link* l : sg4::Engine::get_instance()->get_all_links()) {
    const std::string name = l->get_name();
    Sum& s = links[link_kind(deployment.scenario(), name)];
    s.used += sim::link_bytes(l);
    s.capacity += l->get_bandwidth() * duration;
    ++s.count;
  }
  // Sums accumulate in an order that depends on the context factory, which moves the last bits;
  // ten significant digits keep results identical across factories.
  auto render = [](const std::map<std::string, Sum>& sums, const char* used_key) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, s] : sums)
      out[key] = {{"count", s.count},
                  {used_key, round_significant(s.used)},
                  {"utilisation", round_significant(s.capacity > 0 ? s.used / s.capacity : 0.0)}};
    return out;
  };
  nlohmann::json disks = nlohmann::json::array();
  for (const std::string& region : [&] {
         std::vector<std::string> names;
         for (const sim::RegionSpec& r : deployment.scenario().regions) names.push_back(r.name);
         return names;
       }()) {
    const Scratch* shuffle = deployment.region(region).shuffle;
    if (!shuffle) continue;
    disks.push_back({{"region", region},
                     {"disks", shuffle->hosts().size()},
                     {"bytes_written", shuffle->bytes_written()},
                     {"bytes_read", shuffle->bytes_read()},
                     {"utilisation", duration > 0 ? shuffle->disk_busy_seconds() /
                                                        (static_cast<double>(shuffle->hosts().size()) * duration)
                                                  : 0.0}});
  }
  return {{"hosts", render(hosts, "flops")}, {"links", render(links, "bytes")}, {"local_disks", disks}};
}

nlohmann::json cost(const Deployment& deployment, double duration) {
  (void)duration;
  const sim::Scenario& s = deployment.scenario();
  std::map<std::string, double> seconds_by_type;
  for (const DeployedComponent* c : deployment.components()) {
    if (const auto* pool = dynamic_cast<const ComputePool*>(c)) {
      const sim::HostInfo& h = deployment.platform().info(pool->hosts().front());
      seconds_by_type[h.type->name] += pool->instance_seconds();
    } else if (const auto* wh = dynamic_cast<const SqlWarehouse*>(c)) {
      const sim::HostInfo& h = deployment.platform().info(wh->hosts().front());
      seconds_by_type[h.type->name] += wh->instance_seconds();
    }
  }
  nlohmann::json instances = nlohmann::json::object();
  double instance_cost = 0;
  for (const auto& [type, seconds] : seconds_by_type) {
    const double hours = seconds / 3600.0;
    const double usd = hours * s.instance_type(type).price_per_hour;
    instances[type] = {{"hours", hours}, {"usd", usd}};
    instance_cost += usd;
  }
  double gets = 0, puts = 0;
  for (const auto& s3 : deployment.s3_services()) {
    gets += static_cast<double>(s3->requests(S3Op::Read));
    puts += static_cast<double>(s3->requests(S3Op::Write));
  }
  double cross_region_bytes = 0;
  for (const sg4::Link* l : sg4::Engine::get_instance()->get_all_links())
    if (is_region_pair(s, l->get_name())) cross_region_bytes += sim::link_bytes(l);
  const double s3_cost = gets / 1000 * s.prices.s3_get_per_1000 + puts / 1000 * s.prices.s3_put_per_1000;
  const double transfer_cost = cross_region_bytes / 1e9 * s.prices.cross_region_per_gb;
  double nat_bytes = 0;
  for (const auto& [region, bytes] : deployment.nat_bytes()) nat_bytes += bytes;
  const double nat_cost = nat_bytes / 1e9 * s.prices.nat_gateway_per_gb;
  return {{"instances", instances},
          {"s3", {{"get_requests", gets}, {"put_requests", puts}, {"usd", s3_cost}}},
          {"cross_region", {{"bytes", cross_region_bytes}, {"usd", transfer_cost}}},
          {"nat_gateway", {{"bytes", nat_bytes}, {"usd", nat_cost}}},
          {"total_usd", instance_cost + s3_cost + transfer_cost + nat_cost}};
}

}  // namespace lakesim::analysis
