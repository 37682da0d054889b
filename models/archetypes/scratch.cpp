#include "models/archetypes/scratch.hpp"
#include "models/transfer.hpp"
#include "sim/local_disk.hpp"

namespace lakesim::models {

Scratch::Scratch(const Component& entry, std::string region, std::vector<sg4::Host*> instances,
                 const sim::Platform& platform)
    : DeployedComponent(entry, std::move(region), std::move(instances)), platform_(platform) {}

sg4::Disk* Scratch::disk_of(sg4::Host* host) const { return platform_.info(host).disk; }

double& Scratch::held_on(const sg4::Host* host) {
  double*& slot = held_by_host_[host];
  if (!slot) slot = &held_[host->get_name()];  // a map's values keep their addresses
  return *slot;
}

void Scratch::write(sg4::Host* host, double bytes) {
  if (bytes <= 0) return;
  try {
    if (!host->is_on()) throw RequestFailed(FailureCause::HostDown, label());
    const double start = sg4::Engine::get_clock();
    if (sg4::Disk* disk = disk_of(host)) {
      sim::disk_io(disk, bytes, sg4::Io::OpType::WRITE);
      disk_busy_ += sg4::Engine::get_clock() - start;
    }
    // The disk finished even if the host died meanwhile; the data did not survive it.
    if (!host->is_on()) throw RequestFailed(FailureCause::HostDown, label());
    held_on(host) += bytes;
    written_ += bytes;
    count_served(sg4::Engine::get_clock() - start);
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

void Scratch::read(sg4::Host* holder, sg4::Host* reader, double bytes) {
  if (bytes <= 0) return;
  try {
    if (!holder->is_on()) throw RequestFailed(FailureCause::HostDown, label());
    const double start = sg4::Engine::get_clock();
    if (sg4::Disk* disk = disk_of(holder)) {
      sim::disk_io(disk, bytes, sg4::Io::OpType::READ);
      disk_busy_ += sg4::Engine::get_clock() - start;
    }
    if (!holder->is_on()) throw RequestFailed(FailureCause::HostDown, label());
    if (holder != reader) transfer(holder, reader, bytes, label());
    read_ += bytes;
    count_served(sg4::Engine::get_clock() - start);
  } catch (const RequestFailed& failure) {
    count_failure(failure.cause());
    throw;
  }
}

void Scratch::discard(sg4::Host* host, double bytes) {
  auto it = held_by_host_.find(host);
  if (it != held_by_host_.end()) *it->second = std::max(0.0, *it->second - bytes);
}

double Scratch::held_bytes() const {
  double total = 0;
  for (const auto& [_, bytes] : held_) total += bytes;
  return total;
}

}  // namespace lakesim::models
