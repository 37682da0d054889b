#include "models/platform_probe.hpp"

#include <functional>

#include "sim/network_transfers.hpp"

namespace lakesim::models {

namespace sg4 = simgrid::s4u;

PlatformProbe::PlatformProbe(sim::Simulation& simulation)
    : measurements_(std::make_shared<std::vector<ProbeMeasurement>>()) {
  const sim::Scenario& scenario = simulation.scenario();
  sim::Platform& platform = simulation.platform();
  auto out = measurements_;

  for (const sim::RegionSpec& region : scenario.regions) {
    // The probe runs from a compute instance when the region has one, else a control-plane host.
    const sim::HostInfo* origin = nullptr;
    for (const sim::HostInfo& h : platform.hosts()) {
      if (h.region != region.name || h.role == sim::HostRole::S3Endpoint) continue;
      if (!origin || (origin->role != sim::HostRole::Compute && h.role == sim::HostRole::Compute)) origin = &h;
    }
    if (!origin) continue;
    std::vector<sg4::Host*> remote_endpoints;
    for (const sim::RegionSpec& other : scenario.regions)
      if (other.name != region.name) remote_endpoints.push_back(platform.s3_endpoint(other.name));
    sg4::Host* host = origin->host;
    sg4::Host* s3 = platform.s3_endpoint(region.name);
    sg4::Disk* disk = origin->disk;

    // Steps run one after another so each measures an otherwise idle path.
    sg4::Actor::create("probe@" + region.name, host, [out, host, s3, disk, remote_endpoints] {
      auto measure = [&](const std::string& name, const std::string& to, double amount, double predicted,
                         const std::function<void()>& action) {
        const double start = sg4::Engine::get_clock();
        action();
        out->push_back({name, host->get_name(), to, amount, start, sg4::Engine::get_clock() - start, predicted});
      };
      measure("compute", host->get_name(), kComputeFlops, kComputeFlops / host->get_speed(),
              [] { sg4::this_actor::execute(kComputeFlops); });
      // Each transfer is predicted from its route's figures: latency + size / narrowest link.
      const sim::NetworkRoute& to_s3 = sim::network_route(host, s3);
      measure("s3-upload", s3->get_name(), kTransferBytes, to_s3.idle_time(kTransferBytes),
              [&] { sim::send_bytes(to_s3, kTransferBytes); });
      if (disk) {
        measure("disk-write", disk->get_name(), kDiskBytes, kDiskBytes / disk->get_write_bandwidth(),
                [&] { disk->write(kDiskBytes); });
        measure("disk-read", disk->get_name(), kDiskBytes, kDiskBytes / disk->get_read_bandwidth(),
                [&] { disk->read(kDiskBytes); });
      }
      for (sg4::Host* remote : remote_endpoints) {
        const sim::NetworkRoute& route = sim::network_route(host, remote);
        measure("cross-region", remote->get_name(), kTransferBytes, route.idle_time(kTransferBytes),
                [&] { sim::send_bytes(route, kTransferBytes); });
      }
    });
  }
}

}  // namespace lakesim::models
